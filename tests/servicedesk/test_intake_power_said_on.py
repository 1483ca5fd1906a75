"""Intake, a caller who says they have power and the engine's prediction (walk39, 1; review38,
1, 2, 5, 6, 11, 12): never joined to the outage, never offered the recording; what is said after
the save follows what was done, and never promises a join that will not happen."""

from __future__ import annotations

from typing import Any
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from powerdesk.accounts.models import Role
from powerdesk.notifications.reach import outage_known_reach
from powerdesk.outages.models import Outage, OutageLink, PredictedOutage, SignalType
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Call, WorkOrder
from tests.base import BaseTestCase, make_user
from tests.outage_cast import fault_declare, predicted_below_the_fuse
from tests.servicedesk.intake_page import checked_actions, predict_outage

NUMBER = "0878-1234567"  # 普光荣's, below the fuse
HAS_POWER = "我家有电，问电费"

KEPT = (
    "The outage on %(device)s is not recorded (nobody was texted): work order %(number)s joins "
    "it once it is recorded; record it on the board."
)
GONE = (
    "The engine no longer shows that outage (new signals, or staff set it aside): the call is "
    "taken on its own."
)
ALREADY = (
    "This call was already saved without recording the outage (nobody was texted): record it "
    "on the board."
)
NO_CUSTOMER = (
    "The outage on %(device)s is not recorded (nobody was texted), and the number finds no "
    "customer: the call is taken on its own and does not join the outage when it is recorded."
)
SIGN_ON = (
    "The caller said they have power: taken as a sign that the power is on at their place, "
    "below the outage on %(device)s."
)
NOT_JOINED_HAS_POWER = (
    "Not joined to the outage: the caller said they have power, so the call is taken on its own."
)


def zh(msgid: str, **args: Any) -> str:
    """The message as the page says it (in the station's language, as far as translated)."""
    with translation.override("zh-hans"):
        return gettext(msgid) % args if args else gettext(msgid)


def said(response: Any) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


class PredictionSaidTests(BaseTestCase):
    """Saved under the engine's prediction: what the clerk reads follows what was done."""

    def setUp(self) -> None:
        super().setUp()
        self.prediction = predicted_below_the_fuse(self)
        self.action = f"predicted:{self.fuse.pk}"
        self.login(self.clerk)

    def form(self, number: str = NUMBER, text: str = "家里停电了", **extra: str) -> dict[str, str]:
        page = self.client.get(reverse("servicedesk:intake"))
        return {
            "form_token": page.context["form"]["form_token"].value(),
            "caller_number": number,
            "text": text,
            "category": "fault_repair",
            "action": self.action,
            "then_default": self.action,
            **extra,
        }

    def send(self, data: dict[str, str], **extra: str) -> Any:
        return self.client.post(reverse("servicedesk:intake"), {**data, **extra})

    def test_kept_under_a_prediction_still_shown_says_record_it_on_the_board(self) -> None:
        response = self.send(self.form())
        order = WorkOrder.objects.get()
        self.assertIn(zh(KEPT, device=self.fuse, number=order.number), said(response))
        self.assertNotIn(zh(GONE), said(response))

    def test_kept_when_the_prediction_is_gone_says_so_and_promises_no_join(self) -> None:
        data = self.form()
        PredictedOutage.objects.all().delete()  # set aside while the clerk typed
        response = self.send(data)
        order = WorkOrder.objects.get()
        self.assertIn(zh(GONE), said(response))
        self.assertNotIn(zh(KEPT, device=self.fuse, number=order.number), said(response))

    def test_enter_then_the_record_button_says_the_call_was_saved_without_recording(self) -> None:
        data = self.form()
        self.send(data)  # Enter: kept under the prediction, nobody texted
        again = self.send(data, confirm_record=str(self.fuse.pk))  # the button, same page
        self.assertEqual(Call.objects.count(), 1)
        self.assertFalse(Outage.objects.exists())
        self.assertIn(zh(ALREADY), said(again))
        self.assertNotIn(zh(GONE), said(again))

    def test_the_record_button_twice_says_recorded_both_times(self) -> None:
        data = self.form()
        self.send(data, confirm_record=str(self.fuse.pk))
        again = self.send(data, confirm_record=str(self.fuse.pk))
        self.assertEqual(Outage.objects.count(), 1)
        self.assertNotIn(zh(ALREADY), said(again))
        recorded = zh(
            "Outage on %(device)s recorded by %(who)s; the call joined it (work order %(number)s).",
            device=self.fuse,
            who=self.clerk,
            number=WorkOrder.objects.get().number,
        )
        self.assertIn(recorded, said(again))
        self.assertNotIn(zh(GONE), said(again))

    def test_a_caller_the_number_does_not_find_is_not_promised_the_join(self) -> None:
        response = self.send(
            self.form(
                number="13911112222",
                village=str(self.village.pk),
                group=str(self.group.pk),
            )
        )
        order = WorkOrder.objects.get()
        self.assertIsNone(order.customer)
        self.assertIn(zh(NO_CUSTOMER, device=self.fuse), said(response))
        self.assertNotIn(zh(KEPT, device=self.fuse, number=order.number), said(response))

    def test_one_who_may_not_open_orders_does_not_keep_an_unknown_caller_for_it(self) -> None:
        admin = make_user("admin", self.station_a, Role.ADMIN)
        taken = call_take(
            station=self.station_a,
            user=admin,
            caller_number="13911112222",
            text="家里停电了",
            category="fault_repair",
            village=self.village,
            group=self.group,
            keep_for_prediction=self.fuse,
        )
        call = Call.objects.get()
        self.assertFalse(taken.waits)
        self.assertIsNone(call.awaits_outage_on)  # it would wait for ever: no customer below
        self.assertTrue(call.needs_order)  # the desk opens its order

    def test_no_record_button_for_a_caller_who_says_they_have_power(self) -> None:
        def panel(text: str) -> str:
            return self.client.post(
                reverse("servicedesk:caller"),
                {"caller_number": NUMBER, "text": text, "category": "fault_repair"},
            ).content.decode()

        self.assertIn('name="confirm_record"', panel("家里停电了"))
        html = panel("我家有电了，就是电压低")
        self.assertNotIn('name="confirm_record"', html)
        self.assertEqual(checked_actions(html), [self.action])  # the keep choice stays

    def test_a_caller_who_says_they_have_power_is_not_kept_for_the_outage(self) -> None:
        response = self.send(self.form(text="我家有电了，就是电压低"))
        order = WorkOrder.objects.get()
        self.assertNotIn(zh(KEPT, device=self.fuse, number=order.number), said(response))
        # Recorded afterwards on the board: the order stays its own.
        outage = fault_declare(self, self.fuse, began=20)
        from powerdesk.outages.joined import outage_join_open_orders

        outage_join_open_orders(outage=outage, user=self.chief)
        self.assertNotIn(order, outage.link.work_orders.all())


class HasPowerUnderOutageTests(BaseTestCase):
    """walk39, 1: a caller under a recorded outage who says they have power."""

    def setUp(self) -> None:
        super().setUp()
        self.outage = fault_declare(self, self.fuse, began=30)
        self.login(self.clerk)

    def send(self, text: str = HAS_POWER, **extra: str) -> Any:
        page = self.client.get(reverse("servicedesk:intake"))
        return self.client.post(
            reverse("servicedesk:intake"),
            {
                "form_token": page.context["form"]["form_token"].value(),
                "caller_number": NUMBER,
                "text": text,
                "category": "fault_repair",
                "action": f"outage:{self.outage.pk}",
                **extra,
            },
        )

    def test_a_fault_call_saying_the_caller_has_power_is_not_joined(self) -> None:
        response = self.send()
        call = Call.objects.get()
        self.assertFalse(OutageLink.objects.filter(work_orders=call.work_order).exists())
        messages = said(response)
        self.assertIn(zh(NOT_JOINED_HAS_POWER), messages)
        self.assertIn(zh(SIGN_ON, device=self.fuse), messages)
        joined = zh(
            "The call joined the outage on %(device)s (work order %(number)s).",
            device=self.fuse,
            number=call.work_order.number,
        )
        self.assertNotIn(joined, messages)

    def test_the_sign_is_said_only_when_the_engine_took_it(self) -> None:
        with mock.patch("powerdesk.outages.desk_signals.signal_from_call", return_value=None):
            response = self.send(text="我家有电了")
        self.assertNotIn(zh(SIGN_ON, device=self.fuse), said(response))

    def test_call_take_returns_the_sign_it_made(self) -> None:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text="the power is back now, thanks",
            category="consultation",
        )
        assert taken.signal is not None
        self.assertEqual(taken.signal.type, SignalType.CALL_ON)
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text="is the power back?",
            category="consultation",
        )
        self.assertIsNone(taken.signal)


class CallerPanelQueriesTests(BaseTestCase):
    """review38, 13: what recording a prediction texts is counted for the one button drawn, not
    for every prediction above the caller, at each redraw of the caller panel (each number
    keystroke)."""

    # What one more prediction above the caller costs the panel: its row's "tell the caller"
    # line (the devices below it, its crew's jobs); never its count of households texted.
    ROW_QUERIES = 3

    def panel(self) -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            html = self.client.post(
                reverse("servicedesk:caller"),
                {"caller_number": NUMBER, "text": "家里停电了", "category": "fault_repair"},
            ).content.decode()
        return html, len(queries)

    def test_the_count_is_asked_once_however_many_predictions(self) -> None:
        self.login(self.clerk)
        predict_outage(self.station_a, self.fuse)
        self.panel()  # templates, translations
        html, one = self.panel()
        self.assertEqual(html.count('name="confirm_record"'), 1)
        predict_outage(self.station_a, self.pole)
        predict_outage(self.station_a, self.transformer)
        with mock.patch(
            "powerdesk.notifications.reach.outage_known_reach", wraps=outage_known_reach
        ) as reach:
            html, three = self.panel()
        self.assertEqual(reach.call_count, 1)
        self.assertEqual(html.count('data-testid="keep-predicted"'), 3)
        self.assertEqual(html.count('name="confirm_record"'), 1)  # the one chosen
        self.assertLessEqual(three, one + 2 * self.ROW_QUERIES)
