"""The API's steps of an arrears case, as the case's page records them: the notice, the liaison's
contact, the household seen, the chief's approval, the disconnection (refused with the page's
reasons: the notice period, the night, a household that must not be disconnected), the payment
and its reconnection order. Each step sent twice records once; a role, a token or a station
that may not is refused and nothing is recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine

from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.customers.models import Customer
from powerdesk.notifications.models import Delivery
from powerdesk.servicedesk.models import WorkOrder
from tests.arrears.api_cast import AFTER_NOTICE, START, URL, ArrearsApiCase
from tests.base import zh

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


class ArrearsApiStepTests(ArrearsApiCase):
    def step(
        self, case: ArrearsCase, name: str, body: dict[str, Any] | None = None, **h: Any
    ) -> Any:
        return self.post(f"{URL}/{case.pk}/{name}", body, **h)

    def events(self, case: ArrearsCase, stage: str) -> int:
        return ArrearsEvent.objects.filter(case=case, stage=stage).count()

    def test_the_whole_way_through_the_api_each_step_sent_twice(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.open_case()
            self.login(self.clerk)
            for name, body in (
                ("notice", {"method": "door"}),
                ("liaison", {"outcome": "村小组长说下月回来缴"}),
                ("household", {"situation": "夫妻二人在家，儿子在外打工"}),
            ):
                first, again = self.step(case, name, body), self.step(case, name, body)
                self.assertEqual((first.status_code, again.status_code), (200, 200), first.content)
                self.assertEqual(first.json(), again.json())
            self.assertEqual(again.json()["check_result"], "clear")
            self.login(self.chief)
            for _twice in range(2):
                self.assertEqual(self.step(case, "approve").status_code, 200)
        with time_machine.travel(AFTER_NOTICE, tick=False):
            self.login(self.dispatcher)
            for _twice in range(2):
                answer = self.step(case, "disconnect")
                self.assertEqual(answer.status_code, 200, answer.content)
                self.assertEqual(answer.json()["stage"], "disconnected")
            for _twice in range(2):  # the billing system records the payment
                answer = self.step(case, "paid", **self.token)
                self.assertEqual(answer.status_code, 200, answer.content)
        body = answer.json()
        self.assertEqual(body["stage"], "paid")
        order = WorkOrder.objects.get(number=body["reconnection_order"])
        self.assertEqual(order.resolve_due_at - order.created_at, dt.timedelta(hours=24))
        self.assertEqual(WorkOrder.objects.filter(customer=self.household).count(), 1)
        self.assertEqual(
            list(case.events.order_by("pk").values_list("stage", flat=True)),
            [
                "open",
                "notice_given",
                "liaison_contacted",
                "checked",
                "approved",
                "disconnected",
                "paid",
            ],
        )

    def test_a_step_recorded_otherwise_is_not_written_over(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.checked()
            self.login(self.clerk)
            for name, body in (
                ("notice", {"method": "door"}),
                ("liaison", {"outcome": "另一种说法"}),
                ("household", {"situation": "另一种情况"}),
            ):
                answer = self.step(case, name, body)
                self.assertEqual(answer.status_code, 409, name)
        case.refresh_from_db()
        self.assertEqual(
            (case.notice_method, case.notice_delivered_at, case.situation),
            ("in_person", START, "夫妻二人在家"),
        )
        self.assertEqual(self.events(case, "notice_given"), 1)

    def test_the_disconnection_is_refused_with_the_page_s_reasons(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.approved()
        self.login(self.dispatcher)
        early = START + dt.timedelta(days=6, hours=23)
        night = dt.datetime(2026, 3, 11, 1, 45, tzinfo=SHANGHAI)
        for moment, said in ((early, "The notice period runs until %(time)s."), (night, "08:00")):
            with time_machine.travel(moment, tick=False):
                self.login(self.dispatcher)
                answer = self.step(case, "disconnect")
            self.assertEqual(answer.status_code, 409, moment)
            self.assertIn(zh(said).split("%")[0], answer.json()["detail"])
        # A medical need flagged since the approval blocks it still.
        self.household.medical_need = True
        self.household.save()
        with time_machine.travel(night.replace(hour=9), tick=False):
            self.login(self.dispatcher)
            answer = self.step(case, "disconnect")
        self.assertEqual(answer.status_code, 409)
        self.assertIn("不得停电", answer.json()["detail"])
        case.refresh_from_db()
        self.assertEqual((case.stage, case.disconnected_at), ("approved", None))

    def test_a_household_that_must_not_be_cut_off_is_not_approved(self) -> None:
        self.customer.medical_need = True
        self.customer.save()
        with time_machine.travel(START, tick=False):
            blocked = self.checked(self.customer)
            self.login(self.chief)
            answer = self.step(blocked, "approve", {"reason": "欠费太久"})
            self.assertEqual(answer.status_code, 409)
            self.assertIn("不得停电", answer.json()["detail"])
            self.customer.medical_need = False
            self.customer.save()
            blocked.check_result = ""  # seen again: elderly alone, which escalates
            blocked.save()
            self.login(self.clerk)
            self.assertEqual(
                self.step(blocked, "household", {"situation": "独居老人"}).status_code, 200
            )
            self.login(self.chief)
            answer = self.step(blocked, "approve")
        self.assertEqual((answer.status_code, answer.json()["field"]), (422, "reason"))
        self.assertIsNone(ArrearsCase.objects.get(pk=blocked.pk).approved_at)

    def test_roles_tokens_and_stations_that_may_not(self) -> None:
        with time_machine.travel(START, tick=False):
            fresh = self.open_case()
            case = self.approved_other()
            for person in (self.crewman, self.dispatcher):  # arrears.progress: not theirs
                self.login(person)
                self.assertEqual(self.step(fresh, "notice", {"method": "door"}).status_code, 403)
            self.login(self.liaison)
            self.assertEqual(self.step(fresh, "notice", {"method": "door"}).status_code, 403)
            self.login(self.clerk)
            self.assertEqual(self.step(case, "approve").status_code, 403)  # the chief only
            self.login(self.outsider)  # station B's chief and administrator
            self.assertEqual(self.step(fresh, "notice", {"method": "door"}).status_code, 404)
            self.assertEqual(self.step(fresh, "paid").status_code, 404)
            # A system's token records the notice, not what a person answers for.
            self.client.logout()
            notice = self.step(fresh, "notice", {"method": "door"}, **self.token)
            self.assertEqual(notice.status_code, 200, notice.content)
            for name, body in (("liaison", {"outcome": "说了"}), ("approve", {})):
                self.assertEqual(self.step(fresh, name, body, **self.token).status_code, 403)
        with time_machine.travel(AFTER_NOTICE, tick=False):
            self.login(self.clerk)  # arrears.disconnect: the dispatcher and the chief
            self.assertEqual(self.step(case, "disconnect").status_code, 403)
            self.client.logout()
            answer = self.step(case, "disconnect", **self.token)
            self.assertEqual(answer.status_code, 403)
        self.assertEqual(ArrearsCase.objects.get(pk=case.pk).stage, "approved")
        self.assertEqual(ArrearsCase.objects.get(pk=fresh.pk).stage, "notice_given")

    def approved_other(self) -> ArrearsCase:
        other = Customer.objects.create(
            station=self.station_a, account_number="53250000999", name="张三", village=self.village
        )
        return self.approved(other)

    def test_bad_input_is_refused_naming_its_field(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.open_case()
            self.login(self.clerk)
            ahead = (START + dt.timedelta(hours=1)).isoformat()
            for body, field in (
                ({"method": "door", "delivered_at": ahead}, "delivered_at"),
                ({"method": "door", "delivered_at": "2025-11-30T10:00:00+08:00"}, "delivered_at"),
                ({"method": "sms", "delivered_at": "2026-03-01T10:00:00+08:00"}, "delivered_at"),
            ):
                answer = self.step(case, "notice", body)
                self.assertEqual((answer.status_code, answer.json().get("field")), (422, field))
            for body in (
                {"method": "pigeon"},
                {},
                {"method": "door", "delivered_at": "2026-03-01T10:00:00"},  # no zone
                {"method": "door", "delivered_at": 1772000000},
                {"method": "door", "extra": 1},
            ):
                self.assertEqual(self.step(case, "notice", body).status_code, 422, body)
            self.assertEqual(self.step(case, "notice", {"method": "door"}).status_code, 200)
            for body in (
                {"outcome": ""},
                {"outcome": "x" * 301},
                {"outcome": "a\x00b"},
                {"outcome": "\u200b"},
            ):
                self.assertEqual(self.step(case, "liaison", body).status_code, 422, body)
            self.assertEqual(self.step(case, "liaison", {"outcome": "说了"}).status_code, 200)
            for body in ({"situation": " "}, {"situation": "x" * 2001}):
                self.assertEqual(self.step(case, "household", body).status_code, 422, body)
        case.refresh_from_db()
        self.assertEqual((case.stage, case.check_result), ("liaison_contacted", ""))
        self.assertEqual(self.post(f"{URL}/0/paid", **self.token).status_code, 422)
        self.assertEqual(self.post(f"{URL}/{case.pk + 99}/paid", **self.token).status_code, 404)

    def test_a_text_message_notice_is_sent_once(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.open_case(self.customer)  # two phones, one of them a mobile
            nobody = self.open_case()  # no phone on file
            for _twice in range(2):
                answer = self.step(case, "notice", {"method": "sms"}, **self.token)
                self.assertEqual(answer.status_code, 200, answer.content)
            self.assertIsNone(answer.json()["notice_delivered_at"])
            self.assertEqual(Delivery.objects.count(), 1)
            answer = self.step(nobody, "notice", {"method": "sms"}, **self.token)
        self.assertEqual((answer.status_code, answer.json()["field"]), (422, "method"))
