"""The API's transition checks the device where the fault was as the crew's phone and the order's
page do (``work_order_transition``): a device off the line of the order's households, or of an
order without an account its village group's transformers, is refused with a 400 naming the
field and the flag to send; sent again with ``other_device`` true it is taken, and the order's
history says so. The schema says all of it."""

from __future__ import annotations

from typing import Any

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.services import (
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import other_branch_fuse


class ApiDevicePathTests(BaseTestCase):
    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        # Another branch of the feeder, in another village: 干海.
        self.other_fuse = other_branch_fuse(self)

    def on_site(self, **place: Any) -> WorkOrder:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="没电",
            **place,
        )
        work_order_dispatch(work_order=order, crew=self.crew, user=self.clerk)
        for to in ("on_the_way", "on_site"):
            work_order_transition(work_order=order, to_status=to, user=self.clerk)
        return order

    def resolve(self, order: WorkOrder, **fields: Any) -> Any:
        return self.client.post(
            f"/api/v1/work-orders/{order.pk}/transition",
            {"to": "resolved", "cause": "熔丝熔断", **fields},
            content_type="application/json",
            **self.auth,
        )

    def test_a_device_off_the_line_is_refused_at_its_field_and_moves_nothing(self) -> None:
        order = self.on_site(customer=self.customer)
        response = self.resolve(order, device="ZM-B09-F")
        self.assertEqual(response.status_code, 400, response.content)
        body = response.json()
        self.assertEqual((body["field"], body["confirm"]), ("device", "other_device"))
        self.assertIn("干海支线01号杆跌落式熔断器", body["detail"])
        self.assertIn(self.transformer.name, body["detail"])
        order.refresh_from_db()
        self.assertEqual((order.status, order.device_found, order.cause), ("on_site", None, ""))

    def test_confirmed_it_is_taken_and_the_history_says_so_once(self) -> None:
        order = self.on_site(customer=self.customer)
        response = self.resolve(order, device="ZM-B09-F", other_device=True)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "resolved")
        order.refresh_from_db()
        self.assertEqual(order.device_found, self.other_fuse)
        lines = WorkOrderEvent.objects.filter(work_order=order, note_code="device_elsewhere_office")
        self.assertEqual(lines.count(), 1)
        self.assertEqual(lines.get().note_args["code"], "ZM-B09-F")
        events = self.client.get(f"/api/v1/work-orders/{order.pk}/events", **self.auth).json()
        self.assertTrue(any("ZM-B09-F" in e["note"] for e in events), events)

    def test_a_device_on_the_line_is_taken_with_nothing_to_confirm(self) -> None:
        order = self.on_site(customer=self.customer)
        response = self.resolve(order, device=self.fuse.code)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertFalse(
            WorkOrderEvent.objects.filter(
                work_order=order, note_code__startswith="device_elsewhere"
            ).exists()
        )

    def test_an_order_without_an_account_is_placed_by_its_village_group(self) -> None:
        order = self.on_site(village=self.village, group=self.group)
        response = self.resolve(order, device="ZM-B09-F")
        self.assertEqual(response.status_code, 400, response.content)
        self.assertEqual(response.json()["field"], "device")
        self.assertIn(self.group.name, response.json()["detail"])
        self.assertEqual(self.resolve(order, device=self.fuse.code).status_code, 200)

    def test_the_schema_names_the_flag_and_the_refusal(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        operation = schema["paths"]["/api/v1/work-orders/{order_id}/transition"]["post"]
        self.assertIn("other_device", operation["description"])
        body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        fields = schema["components"]["schemas"][body.rsplit("/", 1)[1]]["properties"]
        self.assertEqual(fields["other_device"]["type"], "boolean")
        refused = operation["responses"]["400"]["content"]["application/json"]["schema"]["$ref"]
        shape = schema["components"]["schemas"][refused.rsplit("/", 1)[1]]["properties"]
        self.assertIn("field", shape)
        self.assertIn("confirm", shape)
