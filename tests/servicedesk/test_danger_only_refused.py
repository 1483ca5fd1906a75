"""review46, 8: a hazard with nobody off (a leaning pole: no outage with the power off joined to
it) is never given a fault inside a customer's house nor a time power is expected back. The
crew's card and the desk's finish form do not ask them (``test_crew_hazard_nobody_off``,
``test_hazard_desk_finish``); the services refuse them too, at their field, whoever sends them
(an old page, the offline queue, the API), and store nothing. One rule, ``danger_only``, for
the card, the form and the services."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.tokens import token_create
from powerdesk.lib.forms import InputError
from powerdesk.servicedesk.crew_job_card import Job
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.services import (
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from powerdesk.servicedesk.workflow import DangerOnlyError, danger_only
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job

# The service speaks the station's language (zh-hans); the pages below are drawn in English.
IN_HOUSE_SAID = "户内故障：此安全隐患无人停电"
BACK_SAID = "预计复电：此安全隐患无人停电"
IN_HOUSE_PAGE = "Inside the customer's house: this hazard has nobody off"
BACK_PAGE = "Power expected back: this hazard has nobody off"


def sent_order(case: Any, category: str = "hazard", *steps: str) -> WorkOrder:
    """The customer's order of ``category`` opened by the clerk, sent to the case's crew, which
    has taken ``steps`` from its phone."""
    order = work_order_create(
        station=case.station_a,
        user=case.clerk,
        category=category,
        summary="哔叭组电杆倾斜" if category == "hazard" else "家里没电了",
        customer=case.customer,
    )
    order = work_order_dispatch(work_order=order, crew=case.crew, user=case.chief)
    for step in steps:
        crew_step_take(work_order=order, step=step, user=case.member, fields={})
    order.refresh_from_db()
    return order


def back_in(hours: int = 2) -> str:
    """A time power is expected back, as the card's field sends it."""
    return timezone.localtime(timezone.now() + dt.timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")


def card_of(order: WorkOrder, stage: str) -> Job:
    """The crew's card of ``order`` (its own job: no outage) at ``stage``."""
    return Job(
        order=order,
        stage=stage,
        outage=None,
        device=None,
        pole="",
        line="",
        calls=[],
        calls_total=0,
    )


class DangerOnlyRefusedTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)

    def sent(self, category: str = "hazard", *steps: str) -> WorkOrder:
        return sent_order(self, category, *steps)

    def back_in(self, hours: int = 2) -> str:
        return back_in(hours)

    def refused(self, order: WorkOrder, step: str, **fields: str) -> InputError:
        with self.assertRaises(InputError) as caught:
            crew_step_take(work_order=order, step=step, user=self.member, fields=fields)
        return caught.exception

    # -- the crew's steps (the phone's page, the offline queue) --------------------------------

    def test_the_cause_of_a_leaning_pole_is_not_inside_a_house(self) -> None:
        order = self.sent("hazard", "on_the_way", "on_site")
        exc = self.refused(order, "cause_found", cause="基础冲刷", in_house="1")
        self.assertEqual(exc.field, "in_house")  # type: ignore[attr-defined]
        self.assertIn(IN_HOUSE_SAID, str(exc))
        exc = self.refused(
            order,
            "cause_found",
            cause="基础冲刷",
            device=self.pole.code,
            expected_back=self.back_in(),
        )
        self.assertEqual(exc.field, "expected_back")  # type: ignore[attr-defined]
        self.assertIn(BACK_SAID, str(exc))
        order.refresh_from_db()
        self.assertEqual((order.cause, order.cause_kind, order.device_found), ("", "", None))
        self.assertFalse(order.events.filter(note_code="cause_found").exists())

    def test_a_leaning_pole_made_safe_is_not_resolved_inside_a_house(self) -> None:
        order = self.sent("hazard", "on_the_way", "on_site")
        exc = self.refused(order, "restored", cause="基础冲刷", note="已扶正", in_house="1")
        self.assertIn("in_house", exc.wrong)  # type: ignore[attr-defined]
        self.assertIn(IN_HOUSE_SAID, str(exc))
        order.refresh_from_db()
        self.assertEqual((order.status, order.cause_kind), ("on_site", ""))

    def test_the_crew_page_says_the_refusal_at_the_top(self) -> None:
        # The card shows no such field to say it at (an old page sent it). (The arrival sent
        # with a time is taken without it: ``test_arrival_time_dropped``.)
        order = self.sent("hazard", "on_the_way", "on_site")
        self.login(self.member)
        page = self.client.post(
            reverse("servicedesk:crew_step", args=[order.pk]),
            {
                "step": "cause_found",
                "cause": "基础冲刷",
                "device": self.pole.code,
                "expected_back": self.back_in(),
            },
            follow=True,
            headers={"accept-language": "en"},
        ).content.decode()
        self.assertIn(f"{order.number}: {BACK_PAGE}", page)
        self.assertNotIn("see the fields", page)

    def test_a_fault_still_takes_both(self) -> None:
        order = self.sent("fault_repair", "on_the_way")
        crew_step_take(
            work_order=order,
            step="on_site",
            user=self.member,
            fields={"expected_back": self.back_in()},
        )
        crew_step_take(
            work_order=order,
            step="cause_found",
            user=self.member,
            fields={"cause": "户内空开跳闸", "in_house": "1"},
        )
        order.refresh_from_db()
        self.assertEqual((order.status, order.cause_kind), ("on_site", "in_house"))
        self.assertTrue(order.events.filter(note_code="expected_back").exists())

    # -- the order's own transition (the desk's form, the API) ---------------------------------

    def test_the_transition_refuses_in_house_on_a_leaning_pole(self) -> None:
        order = self.sent("hazard", "on_the_way", "on_site")
        with self.assertRaises(DangerOnlyError) as caught:
            work_order_transition(
                work_order=order,
                to_status="resolved",
                user=self.chief,
                cause="基础冲刷",
                device=self.pole,
                in_house=True,
            )
        self.assertEqual(caught.exception.field, "in_house")
        order.refresh_from_db()
        self.assertEqual(
            (order.status, order.cause_kind, order.device_found), ("on_site", "", None)
        )
        # At the device, as the form asks, it is resolved.
        work_order_transition(
            work_order=order,
            to_status="resolved",
            user=self.chief,
            cause="基础冲刷",
            device=self.pole,
        )
        order.refresh_from_db()
        self.assertEqual((order.status, order.device_found), ("resolved", self.pole))

    def test_the_desk_form_sent_with_in_house_is_refused_and_said(self) -> None:
        order = self.sent("hazard", "on_the_way", "on_site")
        self.login(self.chief)
        page = self.client.post(
            reverse("servicedesk:work_order_action", args=[order.pk]),
            {"action": "status", "to": "resolved", "cause": "基础冲刷", "in_house": "1"},
            follow=True,
            headers={"accept-language": "en"},
        ).content.decode()
        self.assertIn(IN_HOUSE_PAGE, html.unescape(page))
        order.refresh_from_db()
        self.assertEqual((order.status, order.cause_kind), ("on_site", ""))

    def api_resolve(self, order: WorkOrder, **fields: Any) -> Any:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        return self.client.post(
            f"/api/v1/work-orders/{order.pk}/transition",
            {"to": "resolved", "cause": "基础冲刷", **fields},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {key}",
            HTTP_ACCEPT_LANGUAGE="en",
        )

    def test_the_api_refuses_in_house_on_a_leaning_pole_at_its_field(self) -> None:
        order = self.sent("hazard", "on_the_way", "on_site")
        response = self.api_resolve(order, in_house=True)
        self.assertEqual(response.status_code, 400, response.content)
        body = response.json()
        self.assertEqual(body["field"], "in_house")
        self.assertIn(IN_HOUSE_SAID, body["detail"])
        order.refresh_from_db()
        self.assertEqual((order.status, order.cause_kind), ("on_site", ""))
        self.assertFalse(order.events.filter(kind=WorkOrderEvent.Kind.STATUS, to_status="resolved"))
        response = self.api_resolve(order, device=self.pole.code)
        self.assertEqual(response.status_code, 200, response.content)

    def test_the_api_still_resolves_a_fault_inside_a_house(self) -> None:
        order = self.sent("fault_repair", "on_the_way", "on_site")
        response = self.api_resolve(order, in_house=True)
        self.assertEqual(response.status_code, 200, response.content)
        order.refresh_from_db()
        self.assertEqual(order.cause_kind, "in_house")

    # -- one rule -------------------------------------------------------------------------------

    def test_a_hazard_joined_to_an_outage_with_the_power_off_is_no_danger_only(self) -> None:
        _outage, order = outage_job(self)
        WorkOrder.objects.filter(pk=order.pk).update(category="hazard")
        order.refresh_from_db()
        self.assertFalse(danger_only(order))
        leaning = self.sent("hazard")
        self.assertTrue(danger_only(leaning))
        self.assertFalse(danger_only(self.sent("fault_repair")))
        # The card asks by the same rule.
        card = card_of(leaning, "dispatched")
        self.assertTrue(card.danger_only)
        self.assertFalse(card.asks_power_back)


class CauseRecordedOneRuleTests(BaseTestCase):
    """An order's cause recorded as a kind alone (no words) is recorded for the card, which no
    longer asks it, and so for the restore step too (it read the words alone and refused)."""

    def setUp(self) -> None:
        add_crews(self)

    def test_a_cause_kind_alone_lets_the_job_be_resolved(self) -> None:
        order = sent_order(self, "fault_repair", "on_the_way", "on_site")
        WorkOrder.objects.filter(pk=order.pk).update(
            cause="", cause_kind="lightning", device_found=self.fuse
        )
        order.refresh_from_db()
        card = card_of(order, "on_site")
        self.assertFalse(card.cause_asked)
        crew_step_take(
            work_order=order, step="restored", user=self.member, fields={"note": "已更换熔丝"}
        )
        order.refresh_from_db()
        self.assertEqual(order.status, "resolved")
