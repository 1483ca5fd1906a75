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
        page = self.client.post(
            reverse("servicedesk:work_order_action", args=[order.pk]),
            {"action": "status", "to": "resolved", "cause": "熔丝熔断", "device": "ZM-B09-F"},
            follow=True,
        ).content.decode()
        self.assertIn('name="other_device"', page)
        self.assertIn(zh(GROUP), page)
        self.assertNotIn(zh(ACCOUNT), page)

    def test_the_history_line_names_what_may_be_wrong_on_the_order(self) -> None:
        """The line the box leaves in the order's history says the same as the box: "工单上的
        户号可能有误" only where the order has an account; else its group or its village."""
        cases = [
            ({"customer": self.customer}, "device_elsewhere", "account"),
            ({"village": self.village, "group": self.group}, "device_elsewhere_group", "group"),
            ({"village": self.village}, "device_elsewhere_village", "village"),
        ]
        for place, code, wrong in cases:
            with self.subTest(wrong=wrong):
                order = self.job(**place)
                crew_step_take(
                    work_order=order,
                    step="cause_found",
                    user=self.member,
                    fields={"cause": "熔丝熔断", "device": "ZM-B09-F", "other_device": "1"},
                )
                (line,) = order.events.filter(note_code__startswith="device_elsewhere")
                self.assertEqual(line.note_code, code)
                self.login(self.clerk)
                page = self.client.get(order.get_absolute_url()).content.decode()
                account_line = (
                    zh(
                        "The crew confirmed the fault was at %(device)s (%(code)s), which is not on "
                        "the line of %(transformer)s: the account on the order may be wrong."
                    )
                    % line.note_args
                )
                if wrong == "account":
                    self.assertIn(account_line, page)
                else:
                    self.assertNotIn(account_line, page)
                    self.assertNotIn("户号可能有误", page)
                    words = {"group": "the village group", "village": "the village"}[wrong]
                    shown = zh(
                        "The crew confirmed the fault was at %(device)s (%(code)s), which is not "
                        f"on the line of %(transformer)s: {words} on the order may be wrong."
                    )
                    self.assertIn(shown % line.note_args, page)

    def test_the_office_s_line_on_an_order_without_an_account_names_its_village(self) -> None:
        order = self.job(village=self.village)
        self.login(self.clerk)
        self.client.post(
            reverse("servicedesk:work_order_action", args=[order.pk]),
            {
                "action": "status",
                "to": "resolved",
                "cause": "熔丝熔断",
                "device": "ZM-B09-F",
                "other_device": "1",
            },
        )
        (line,) = order.events.filter(note_code__startswith="device_elsewhere")
        self.assertEqual(line.note_code, "device_elsewhere_office_village")
        self.assertNotIn("户号", line.note)
