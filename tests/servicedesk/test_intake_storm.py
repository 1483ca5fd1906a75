"""Intake in a storm: the script says only what is known; under the engine's prediction the
call is joined to the outage (recorded by those who may, kept for it by those who may not),
never one order per caller; the outage's order says it was recorded at intake; the "Then"
choices are one group with exactly one chosen; orders that stayed separate are joined from the
outage page in one step, with history."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.accounts.models import Role
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Call, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.services import work_order_dispatch
from powerdesk.servicedesk.tell_caller import tell_about_outage, tell_about_prediction
from tests.base import BaseTestCase, make_user
from tests.servicedesk.intake_page import action_choices as radios
from tests.servicedesk.intake_page import checked_actions as checked
from tests.servicedesk.intake_page import predict_outage

NUMBER = "0878-1234567"  # 普光荣's, below the fuse


class StormCast(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.prediction = predict_outage(self.station_a, self.fuse)
        self.admin = make_user("admin", self.station_a, Role.ADMIN, full_name="王管理")

    def page(
        self, user: Any, number: str = NUMBER, text: str = "家里停电了", category: str = ""
    ) -> tuple[str, dict[str, str]]:
        """The page as the telephone opens it, with its "Then" group drawn for the note the
        clerk types (``intake_choices``: it follows the call's category)."""
        self.login(user)
        response = self.client.get(reverse("servicedesk:intake"), {"number": number}, follow=True)
        form = response.context["form"]
        html = self.client.post(
            reverse("servicedesk:caller"),
            {"caller_number": number, "text": text, "category": category},
        ).content.decode()
        chosen = checked(html)
        return html, {
            "caller_number": form["caller_number"].value(),
            "form_token": form["form_token"].value(),
            "action": chosen[0] if chosen else "",
        }

    def save(self, user: Any, data: dict[str, str], **extra: str) -> Any:
        """Saved as the page was left; recording the prediction confirmed with the button that
        says how many are texted (``test_intake_record_confirm``)."""
        self.login(user)
        action = {**data, **extra}.get("action", "")
        confirm = {"confirm_record": str(self.fuse.pk)} if action.startswith("predicted:") else {}
        return self.client.post(
            reverse("servicedesk:intake"),
            {"text": "家里停电了", "category": "fault_repair", **confirm, **data, **extra},
            follow=True,
        )


class ScriptTests(StormCast):
    def test_a_prediction_nobody_recorded_is_being_checked_not_a_crew_arranged(self) -> None:
        html, _data = self.page(self.clerk)
        self.assertIn('data-testid="tell-caller"', html)
        self.assertNotIn("所里正在安排抢修人员", html)
        self.assertNotIn("安排抢修", html)
        with translation.override("en"):
            said = tell_about_prediction(self.prediction)
        self.assertIn("the station is checking it", said)
        self.assertNotIn("crew", said)

    def test_a_crew_sent_to_a_caller_below_the_prediction_is_named(self) -> None:
        order = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text="停电了",
            category="fault_repair",
            open_order=True,
        ).work_order
        assert order is not None
        work_order_dispatch(work_order=order, crew=self.crew, user=self.clerk)
        with translation.override("en"):
            said = tell_about_prediction(self.prediction)
        self.assertIn("抢修一班 is checking it", said)

    def test_a_recorded_outage_says_where_its_crew_is_and_names_it_only_once_sent(self) -> None:
        outage = outage_declare(
            station=self.station_a,
            user=self.clerk,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=10),
        )
        with translation.override("en"):
            before = tell_about_outage(outage)
            outage_dispatch(outage=outage, crew=self.crew, user=self.clerk)
            after = tell_about_outage(outage)
        self.assertIn("the station is arranging a crew", before)
        self.assertNotIn("抢修一班", before)
        self.assertNotIn("expected back", before)  # no time set: none said
        self.assertIn("抢修一班 has been sent", after)

    def test_a_time_is_said_only_when_one_is_set(self) -> None:
        outage = outage_declare(
            station=self.station_a,
            user=self.clerk,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=10),
        )
        outage.expected_restore_at = timezone.now() + dt.timedelta(hours=3)
        outage.save(update_fields=["expected_restore_at"])
        at = timezone.localtime(outage.expected_restore_at)
        with translation.override("en"):
            said = tell_about_outage(outage)
        self.assertIn(f"Power is expected back around {at:%m-%d %H:%M}.", said)

    def test_staff_s_words_are_followed_by_the_crew_and_the_time_set_since(self) -> None:
        outage = outage_declare(
            station=self.station_a,
            user=self.clerk,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=10),
        )
        outage.notice = "线路故障，预计9点前恢复供电"
        outage.save(update_fields=["notice"])
        with translation.override("en"):  # no crew sent: said, whatever staff wrote
            self.assertEqual(
                tell_about_outage(outage),
                "线路故障，预计9点前恢复供电 Latest: "
                "No crew has been sent yet; the station is arranging one.",
            )
        outage_dispatch(outage=outage, crew=self.crew, user=self.clerk)
        outage.expected_restore_at = timezone.now() + dt.timedelta(hours=1)
        outage.save(update_fields=["expected_restore_at"])
        at = timezone.localtime(outage.expected_restore_at)
        with translation.override("en"):
            said = tell_about_outage(outage)
        self.assertTrue(said.startswith("线路故障，预计9点前恢复供电 Latest: "), said)
        self.assertIn("抢修一班 has been sent.", said)
        self.assertIn(f"Power is expected back around {at:%m-%d %H:%M}.", said)


class DefaultUnderPredictionTests(StormCast):
    def test_a_clerk_gets_recording_the_outage_chosen_and_one_step_records_it_once(self) -> None:
        html, data = self.page(self.clerk)
        self.assertEqual(checked(html), [f"predicted:{self.fuse.pk}"])
        self.save(self.clerk, data)
        self.save(self.clerk, data)  # sent twice (a double click, a resent page)
        self.assertEqual(Outage.objects.count(), 1)
        self.assertEqual(Call.objects.count(), 1)
        self.assertEqual(WorkOrder.objects.count(), 1)
        # Later callers in the storm: the page now joins the recorded outage's one order.
        html, data = self.page(self.chief, "13812345678")
        self.assertEqual(checked(html), [f"outage:{Outage.objects.get().pk}"])
        self.save(self.chief, data, text="我家也没电")
        self.assertEqual(WorkOrder.objects.count(), 1)

    def test_the_order_and_the_outage_say_it_was_recorded_at_intake_by_whom_from_which_call(
        self,
    ) -> None:
        _html, data = self.page(self.clerk)
        self.save(self.clerk, data)
        call = Call.objects.get()
        order = WorkOrder.objects.get()
        when = timezone.localtime(call.received_at).strftime("%H:%M")
        note = order.events.get(kind=WorkOrderEvent.Kind.NOTE)
        self.assertEqual(note.by, self.clerk)
        self.assertIn("李秀英", note.note)
        self.assertIn(f"{when} 0878 123 4567", note.note)
        self.assertIn(str(self.fuse), note.note)
        confirmed = OutageEvent.objects.get(what="confirmed")
        self.assertIn(f"{when} 0878 123 4567", confirmed.note)

    def test_one_who_may_not_record_keeps_the_call_for_the_outage_and_it_joins_later(
        self,
    ) -> None:
        html, data = self.page(self.admin)
        self.assertIn('data-testid="wait-predicted"', html)
        self.assertNotIn('data-testid="record-predicted"', html)
        self.assertEqual(checked(html), [f"predicted:{self.fuse.pk}"])
        response = self.save(self.admin, data)
        self.assertEqual(response.status_code, 200)
        kept = Call.objects.get()
        self.assertEqual((kept.work_order, kept.awaits_outage_on), (None, self.fuse))
        self.assertFalse(Outage.objects.exists())
        # A clerk records it at intake: the kept call joins the outage's one order.
        _html, data = self.page(self.clerk, "13812345678")
        self.save(self.clerk, data, text="我家也停电")
        outage = Outage.objects.get()
        kept.refresh_from_db()
        self.assertEqual(kept.work_order, outage.link.order)
        self.assertEqual(WorkOrder.objects.count(), 1)
        self.assertTrue(OutageEvent.objects.filter(outage=outage, what="calls_joined").exists())


class OneGroupTests(StormCast):
    def test_exactly_one_choice_is_chosen_and_a_new_order_is_one_choice(self) -> None:
        call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number="13900001111",
            text="想办过户",
            category="business",
        )
        for user, number, text, category in (
            (self.clerk, NUMBER, "家里停电了", ""),  # the prediction
            (self.clerk, "13900001111", "过户材料补齐了", "business"),  # a repeat offer
            (self.admin, NUMBER, "家里停电了", ""),
            (self.clerk, "", "", ""),  # nothing typed yet
        ):
            with self.subTest(number=number, user=user.username):
                html, _data = self.page(user, number, text, category)
                self.assertEqual(len(checked(html)), 1, checked(html))
                # One who may not open orders (the administrator) is offered none.
                self.assertEqual(radios(html).count("new"), 0 if user == self.admin else 1)
                self.assertEqual(len(re.findall(r'data-testid="then"', html)), 1)
                # The whole page too: one group, one chosen.
                page = self.client.get(reverse("servicedesk:intake")).content.decode()
                self.assertEqual(len(checked(page)), 1, checked(page))
                self.assertEqual(len(re.findall(r'data-testid="then"', page)), 1)
        html, _data = self.page(self.clerk, "13900001111", "过户材料补齐了", "business")
        self.assertTrue(checked(html)[0].startswith("repeat:"))

    def test_the_caller_panel_brings_the_group_with_it(self) -> None:
        self.login(self.clerk)
        html = self.client.post(
            reverse("servicedesk:caller"), {"caller_number": NUMBER, "text": "家里停电了"}
        ).content.decode()
        self.assertIn(
            'id="intake-then" data-testid="then" data-category="fault_repair" hx-swap-oob="true"',
            html,
        )
        self.assertEqual(checked(html), [f"predicted:{self.fuse.pk}"])


class SeparateOrdersTests(StormCast):
    def test_orders_that_stayed_separate_are_shown_and_joined_in_one_step_with_history(
        self,
    ) -> None:
        _html, data = self.page(self.clerk)
        self.save(self.clerk, data)  # recorded at intake
        outage = Outage.objects.get()
        # A second caller's call taken as a new matter: an order of its own.
        _html, data = self.page(self.clerk, "13812345678")
        self.save(self.clerk, data, action="new", text="我家也停电")
        separate = WorkOrder.objects.exclude(pk=outage.link.order_id).get()
        self.login(self.clerk)
        html = self.client.get(reverse("outages:list")).content.decode()
        self.assertIn(f'data-testid="separate-orders-{outage.pk}"', html)
        self.assertIn(separate.number, html)
        self.client.post(reverse("outages:list"), {"action": "join_orders", "outage": outage.pk})
        self.assertIn(separate, outage.link.work_orders.all())
        self.assertTrue(separate.events.filter(kind=WorkOrderEvent.Kind.NOTE).exists())
        joined = OutageEvent.objects.get(outage=outage, what="orders_joined")
        self.assertEqual((joined.by, joined.note), (self.clerk, separate.number))
        html = self.client.get(reverse("outages:list")).content.decode()
        self.assertNotIn(f'data-testid="separate-orders-{outage.pk}"', html)

    def test_only_those_who_may_record_outages_join_them(self) -> None:
        _html, data = self.page(self.clerk)
        self.save(self.clerk, data)
        outage = Outage.objects.get()
        self.login(self.admin)
        response = self.client.post(
            reverse("outages:list"), {"action": "join_orders", "outage": outage.pk}
        )
        self.assertEqual(response.status_code, 403)
