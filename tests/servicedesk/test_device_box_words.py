"""The box a crew (or the office) ticks when the fault really is at a device off the order's line
says what is wrong on the order: its account, or on an order without one (a liaison's report)
the village group or the village it is placed by — never "the account" where there is none."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase, zh
from tests.servicedesk.crew_cast import add_crews, other_branch_fuse

ACCOUNT = "It is this device (the account on the order is wrong)"
GROUP = "It is this device (the village group on the order is wrong)"
VILLAGE = "It is this device (the village on the order is wrong)"


class DeviceBoxWordsTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        other_branch_fuse(self)

    def job(self, **place: Any) -> WorkOrder:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="没电",
            **place,
        )
        work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        for step in ("on_the_way", "on_site"):
            crew_step_take(work_order=order, step=step, user=self.member, fields={})
        return order

    def crew_box(self, order: WorkOrder) -> str:
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        card = page[page.index(f'data-order="{order.pk}"') :]
        box = card[card.index('data-confirm="other_device"') :]
        return box[: box.index("</label>")]

    def test_the_crew_s_box_names_what_the_order_is_placed_by(self) -> None:
        cases = [
            ({"customer": self.customer}, ACCOUNT),
            ({"village": self.village, "group": self.group}, GROUP),
            ({"village": self.village}, VILLAGE),
        ]
        for place, words in cases:
            with self.subTest(words=words):
                box = self.crew_box(self.job(**place))
                self.assertIn(zh(words), box)
                if "customer" not in place:
                    self.assertNotIn(zh(ACCOUNT), box)

    def test_the_office_s_box_on_an_order_without_an_account_names_its_group(self) -> None:
        order = self.job(village=self.village, group=self.group)
        self.login(self.clerk)
        self.client.post(
            reverse("servicedesk:work_order_action", args=[order.pk]),
            {"action": "status", "to": "resolved", "cause": "熔丝熔断", "device": "ZM-B09-F"},
        )
        page = self.client.get(order.get_absolute_url()).content.decode()
        self.assertIn('name="other_device"', page)
        self.assertIn(zh(GROUP), page)
        self.assertNotIn(zh(ACCOUNT), page)
