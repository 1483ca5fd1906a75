"""The office's resolution of an order (its page) checks the device where the fault was as the
crew's step does (``crew_device_path``): a device of the station off the line of the order's
households is refused at the device field, with what was typed kept; "It is this device",
ticked, takes it, and the order's history says who confirmed it (walkthrough 24)."""

from __future__ import annotations

import re

from django.urls import reverse

from powerdesk.network.models import GridNode, NodeKind
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase, zh


class OfficeResolveDeviceTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        # Another branch of the line, below the same pole: not where this order's household is.
        self.other_fuse = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B02-F",
            kind=NodeKind.FUSE,
            parent=self.pole,
            name="哈尼支线跌落式熔断器",
        )
        self.order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="家里没电",
            customer=self.customer,
        )
        work_order_dispatch(work_order=self.order, crew=self.crew, user=self.clerk)
        self.login(self.clerk)

    def resolve(self, **fields: str) -> object:
        data = {"action": "status", "to": "resolved", "cause": "熔丝熔断", "note": "已更换熔丝"}
        return self.client.post(
            reverse("servicedesk:work_order_action", args=[self.order.pk]), {**data, **fields}
        )

    def resolve_form(self, address: str = "") -> str:
        """The order's resolve form, on the page drawn at ``address`` (a refused step's
        redirect: ``lib.kept``) or plainly."""
        page = self.client.get(address or self.order.get_absolute_url()).content.decode()
        found = re.search(r'<input type="hidden" name="to" value="resolved">.*?</form>', page, re.S)
        assert found is not None
        return found.group(0)

    def test_a_device_off_the_line_is_refused_at_its_field_until_confirmed(self) -> None:
        self.assertNotIn('name="other_device"', self.resolve_form())
        refused = self.resolve(device="ZM-B02-F")
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "dispatched")
        form = self.resolve_form(refused["Location"])  # type: ignore[index]
        # Said at the device field, what was typed kept, and the box to tick offered.
        error = re.search(rf'id="id_device_{self.order.pk}_error"[^>]*>(.*?)</', form, re.S)
        assert error is not None, form
        self.assertIn("左门哔叭1号台区", error.group(1))
        self.assertRegex(form, r'<input type="text"[^>]* value="ZM-B02-F"[^>]* aria-invalid="true"')
        self.assertIn('value="熔丝熔断"', form)
        self.assertIn('name="other_device"', form)
        self.assertIn(zh("It is this device (the account on the order is wrong)"), form)
        # Ticked: resolved at that device, and the history says it was confirmed, by whom.
        self.resolve(device="ZM-B02-F", other_device="on")
        self.order.refresh_from_db()
        self.assertEqual(
            (self.order.status, self.order.device_found), ("resolved", self.other_fuse)
        )
        note = WorkOrderEvent.objects.get(
            work_order=self.order, note_code="device_elsewhere_office"
        )
        self.assertEqual(note.by, self.clerk)
        self.assertEqual(note.note_args["code"], "ZM-B02-F")

    def test_a_device_on_the_line_is_taken_with_nothing_to_confirm(self) -> None:
        self.resolve(device=self.fuse.code)
        order = WorkOrder.objects.get(pk=self.order.pk)
        self.assertEqual((order.status, order.device_found), ("resolved", self.fuse))
        self.assertFalse(
            WorkOrderEvent.objects.filter(
                work_order=order, note_code__startswith="device_elsewhere"
            ).exists()
        )
