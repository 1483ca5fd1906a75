"""The fifteen office actions a crew login could take (issue 11, item 10) are each refused with
403, and nothing changes; a planned outage cannot be "restored" before it starts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Crew, Role
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import (
    case_open,
    disconnection_approve,
    household_record,
    liaison_contact,
    notice_record,
)
from powerdesk.outages.models import Outage
from powerdesk.outages.services import OutageError, outage_declare, outage_restore
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.followup import hard_problem_open
from powerdesk.servicedesk.models import Call, Callback, Feedback, HardProblem, WorkOrder
from powerdesk.servicedesk.services import (
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from tests.base import BaseTestCase, make_user
from tests.planned_cast import planned_on_fuse


class CrewRefusalTests(BaseTestCase):
    def setUp(self) -> None:
        self.member = make_user("crew1", self.station_a, Role.CREW)
        self.crew.members.add(self.member)
        self.other_crew = Crew.objects.create(station=self.station_a, name="抢修二班")
        self.login(self.member)

    def order(self, status: str = "received") -> WorkOrder:
        """An order of the other crew, brought to ``status`` by the chief."""
        order = work_order_create(
            station=self.station_a,
            user=self.chief,
            category="fault_repair",
            summary="哔叭停电",
            customer=self.customer,
        )
        if status == "received":
            return order
        order = work_order_dispatch(work_order=order, crew=self.other_crew, user=self.chief)
        for step in ("on_site", "resolved"):
            order = work_order_transition(
                work_order=order, to_status=step, user=self.chief, cause="熔断", device=self.fuse
            )
            if order.status == status:
                return order
        callback_record(work_order=order, user=self.chief, outcome="reached", satisfaction=4)
        order.refresh_from_db()
        if order.status != "closed":
            order = work_order_transition(work_order=order, to_status="closed", user=self.chief)
        return order

    def assert_refused(self, response: object, thing: object, *fields: str) -> None:
        before = {f: getattr(thing, f) for f in fields}
        self.assertEqual(response.status_code, 403)  # type: ignore[attr-defined]
        thing.refresh_from_db()  # type: ignore[attr-defined]
        self.assertEqual({f: getattr(thing, f) for f in fields}, before)

    def act(self, order: WorkOrder, **data: str) -> object:
        return self.client.post(reverse("servicedesk:work_order_action", args=[order.pk]), data)

    # -- work orders --------------------------------------------------------------------------
    def test_a_crew_cannot_close_another_crew_s_order(self) -> None:
        order = self.order("resolved")
        callback_record(work_order=order, user=self.chief, outcome="reached", satisfaction=4)
        order.refresh_from_db()
        self.assert_refused(self.act(order, action="status", to="closed"), order, "status")

    def test_a_crew_cannot_reopen_an_order(self) -> None:
        order = self.order("closed")
        response = self.act(order, action="reopen", reason="客户说又停了")
        self.assert_refused(response, order, "status", "reopened_count")

    def test_a_crew_cannot_dispatch(self) -> None:
        order = self.order()
        response = self.act(order, action="dispatch", crew=str(self.crew.pk))
        self.assert_refused(response, order, "status", "crew_id")

    def test_a_refused_action_s_page_speaks_of_an_action_not_of_viewing(self) -> None:
        order = self.order()
        refused = self.act(order, action="dispatch", crew=str(self.crew.pk))
        self.assertNotContains(refused, "无权查看", status_code=403)  # "not allowed to view"
        # "Not allowed for your role" until the catalogue has its Chinese.
        self.assertRegex(refused.content.decode(), r"<h1>(Not allowed for your role|无权操作)</h1>")
        # A page the role may not open still says so.
        page = self.client.get(reverse("servicedesk:intake"))
        self.assertContains(page, "无权查看", status_code=403)

    def test_a_crew_cannot_pause_a_deadline_clock(self) -> None:
        order = self.order()
        response = self.act(order, action="pause", reason="客户不在家")
        self.assert_refused(response, order, "paused_at")

    def test_a_crew_cannot_record_a_callback_on_another_crew_s_order(self) -> None:
        order = self.order("resolved")
        response = self.act(order, action="callback", outcome="reached", satisfaction="5")
        self.assert_refused(response, order, "status")
        self.assertFalse(Callback.objects.exists())

    # -- arrears ------------------------------------------------------------------------------
    def case(self, ready: bool = False) -> ArrearsCase:
        case = case_open(
            station=self.station_a,
            user=self.chief,
            customer=self.customer,
            amount=Decimal("120"),
            owed_since=dt.date(2026, 1, 1),
        )
        if ready:
            notice_record(
                case=case,
                user=self.chief,
                method="door",
                delivered_at=timezone.now() - dt.timedelta(days=8),
            )
            liaison_contact(case=case, user=self.chief, outcome="组长已转告")
            household_record(case=case, user=self.chief, situation="家中有人")
            disconnection_approve(case=case, user=self.chief, reason="多次催缴")
        return case

    def test_a_crew_cannot_record_a_written_notice(self) -> None:
        case = self.case()
        response = self.client.post(case.get_absolute_url(), {"step": "notice", "method": "door"})
        self.assert_refused(response, case, "stage", "notice_delivered_at")

    def test_a_crew_cannot_carry_out_a_disconnection(self) -> None:
        case = self.case(ready=True)
        response = self.client.post(case.get_absolute_url(), {"step": "carry_out"})
        self.assert_refused(response, case, "stage", "disconnected_at")

    def test_a_crew_cannot_mark_arrears_paid(self) -> None:
        case = self.case()
        response = self.client.post(case.get_absolute_url(), {"step": "paid"})
        self.assert_refused(response, case, "stage", "paid_at")

    def test_a_crew_cannot_open_an_arrears_case(self) -> None:
        response = self.client.post(
            reverse("arrears:cases"),
            {"account_number": "53250000001", "amount": "120", "owed_since": "2026-01-01"},
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ArrearsCase.objects.exists())

    # -- outages ------------------------------------------------------------------------------
    def test_a_crew_cannot_declare_an_outage(self) -> None:
        response = self.client.post(
            reverse("outages:list"), {"device": self.fuse.code, "kind": "unplanned"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Outage.objects.exists())

    def test_a_crew_cannot_restore_an_outage(self) -> None:
        outage = planned_on_fuse(
            self,
            timezone.now() + dt.timedelta(days=9),
            timezone.now() + dt.timedelta(days=9, hours=8),
        )
        response = self.client.post(
            reverse("outages:list"), {"action": "restore", "outage": str(outage.pk)}
        )
        self.assert_refused(response, outage, "status", "restored_at")

    # -- follow-up ----------------------------------------------------------------------------
    def test_a_crew_cannot_answer_feedback(self) -> None:
        item = Feedback.objects.create(
            station=self.station_a, kind="praise", text="抢修很及时", received_at=timezone.now()
        )
        response = self.client.post(
            reverse("servicedesk:feedback"), {"item": str(item.pk), "answer": "谢谢"}
        )
        self.assert_refused(response, item, "state", "answer")

    def test_a_crew_cannot_solve_a_hard_problem(self) -> None:
        problem = hard_problem_open(station=self.station_a, user=self.chief, title="哔叭低电压")
        response = self.client.post(problem.get_absolute_url(), {"action": "solve"})
        self.assert_refused(response, problem, "state", "solved_at")
        self.assertEqual(HardProblem.objects.get().state, "open")

    # -- the API, with the crew's own session ---------------------------------------------------
    def test_a_crew_cannot_log_a_call_through_the_api(self) -> None:
        response = self.client.post(
            "/api/v1/calls", {"text": "哔叭停电了"}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Call.objects.exists())

    def test_a_crew_cannot_close_an_order_through_the_api(self) -> None:
        order = self.order("resolved")
        callback_record(work_order=order, user=self.chief, outcome="reached", satisfaction=4)
        order.refresh_from_db()
        response = self.client.post(
            f"/api/v1/work-orders/{order.pk}/transition",
            {"to": "closed"},
            content_type="application/json",
        )
        self.assert_refused(response, order, "status")


class CrewPagesOfferTests(BaseTestCase):
    """What a crew cannot do is not offered: no form, panel or menu link that would answer 403."""

    def setUp(self) -> None:
        self.member = make_user("crew1", self.station_a, Role.CREW)
        self.login(self.member)

    def test_the_outage_page_offers_a_crew_no_declare_or_restore(self) -> None:
        outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        response = self.client.get(reverse("outages:list"))
        self.assertContains(response, self.fuse.name)
        self.assertNotContains(response, 'value="declare"')
        self.assertNotContains(response, 'value="restore"')

    def test_the_home_page_and_menu_leave_out_arrears_and_the_office_s_lists(self) -> None:
        case_open(
            station=self.station_a,
            user=self.chief,
            customer=self.customer,
            amount=Decimal("120"),
            owed_since=dt.date(2026, 1, 1),
        )
        response = self.client.get(reverse("web:home"))
        self.assertEqual(response.status_code, 200)
        for url in ("arrears:cases", "servicedesk:promises", "servicedesk:callbacks"):
            self.assertNotContains(response, f'href="{reverse(url)}"')
        self.login(self.chief)
        self.assertContains(
            self.client.get(reverse("web:home")), f'href="{reverse("arrears:cases")}"'
        )


class OutageRestoreTests(BaseTestCase):
    def test_a_planned_outage_is_not_restored_before_it_starts(self) -> None:
        outage = planned_on_fuse(
            self,
            timezone.now() + dt.timedelta(days=9),
            timezone.now() + dt.timedelta(days=9, hours=8),
        )
        with self.assertRaisesMessage(OutageError, "尚未开始"):
            outage_restore(outage=outage, user=self.chief, how="remote")
        outage.refresh_from_db()
        self.assertEqual((outage.status, outage.restored_at), ("announced", None))

    def test_the_outage_page_says_why(self) -> None:
        outage = planned_on_fuse(
            self,
            timezone.now() + dt.timedelta(days=9),
            timezone.now() + dt.timedelta(days=9, hours=8),
        )
        self.login(self.chief)
        response = self.client.post(
            reverse("outages:list"), {"action": "restore", "outage": str(outage.pk)}, follow=True
        )
        self.assertContains(response, "尚未开始")
        self.assertFalse(Outage.objects.filter(restored_at__isnull=False).exists())
