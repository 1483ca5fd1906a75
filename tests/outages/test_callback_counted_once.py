"""Review68 M3: one call settling a household both on an outage's callback list and on its own
order joined to the outage made two "reached" records, and the monthly report and
/figures/service/ counted it twice (the report could show reached > tries). The side the call
settled without being made there is marked and left out of every count; a low score given in
that call goes to the chief once. Review68 L8: a list row settled through the order is a line of
its outage's history (who, when, which order)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation

from powerdesk.dashboards import service
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.outages.outage_callback_record import outage_callback_record
from powerdesk.reports.monthly import monthly_figures
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.models import Callback, Notification
from powerdesk.servicedesk.satisfaction import satisfaction_between
from tests.outage_life_cast import OutageLifeCase
from tests.outages.own_and_listed import OwnOrderAndListedCase


class OneCallCountedOnceTests(OwnOrderAndListedCase):
    def counts(self) -> dict[str, Any]:
        today = timezone.localdate()
        report = monthly_figures(self.station_a, today.year, today.month).follow_up
        start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        scores = satisfaction_between(self.station_a, start, timezone.now())
        made = service._callbacks_made(self.station_a, today.year)
        orders = made["orders"].get(today.month, {})
        outages = made["outages"].get(today.month, {})
        with translation.override("en"):
            chart = service.callbacks_by_month(self.station_a, today.year)
        drawn = sum(s.values[today.month - 1] or 0 for s in chart.series)
        return {
            "report callbacks": report.callbacks,
            "report reached": report.reached,
            "report scores": report.callback_scores.count,
            "scores": scores.callbacks.count,
            "figures tries": sum(orders.get(o.value, 0) for o in Callback.Outcome)
            + (outages.get("tries") or 0),
            "figures reached": orders.get("reached", 0) + outages.get("reached", 0),
            "figures drawn": drawn,
        }

    def assertOneMore(self, before: dict[str, Any]) -> None:
        after = self.counts()
        self.assertEqual({k: after[k] - before[k] for k in before}, dict.fromkeys(before, 1))
        self.assertLessEqual(after["report reached"], after["report callbacks"])

    def test_one_call_on_the_list_counts_once(self) -> None:
        before = self.counts()
        outage_callback_record(
            callback=self.listed, user=self.clerk, outcome="reached", satisfaction=5
        )
        self.assertOneMore(before)
        self.own.refresh_from_db()
        self.assertEqual(self.own.status, "callback_done")  # settled by the same call
        self.listed.refresh_from_db()
        self.assertEqual(self.listed.order_settled, self.own.callbacks.get())

    def test_one_call_on_the_order_counts_once(self) -> None:
        before = self.counts()
        made = callback_record(
            work_order=self.own, user=self.clerk, outcome="reached", satisfaction=4
        )
        self.assertOneMore(before)
        self.listed.refresh_from_db()
        self.assertEqual((self.listed.outcome, self.listed.satisfaction), ("reached", 4))
        self.assertEqual(self.listed.settled_by_order, made)

    def test_tries_before_reaching_on_the_list_still_count(self) -> None:
        outage_callback_record(callback=self.listed, user=self.clerk, outcome="not_reached")
        before = self.counts()
        callback_record(work_order=self.own, user=self.clerk, outcome="reached", satisfaction=4)
        after = self.counts()
        # The try on the list not reached stays a try; the call on the order is the one reach.
        self.assertEqual(after["report callbacks"] - before["report callbacks"], 1)
        self.assertEqual(after["report reached"] - before["report reached"], 1)
        self.assertEqual(after["figures tries"] - before["figures tries"], 1)
        self.assertEqual(after["figures reached"] - before["figures reached"], 1)

    def test_the_list_row_settled_through_the_order_is_a_line_of_the_outage_s_history(
        self,
    ) -> None:
        callback_record(work_order=self.own, user=self.clerk, outcome="reached", satisfaction=4)
        line = self.outage.events.get(what="callback_by_order")
        self.assertEqual(line.by, self.clerk)
        self.assertIn(self.own.number, line.note)
        self.assertIn(self.neighbour.name, line.note)
        self.assertLess(timezone.now() - line.at, timezone.timedelta(minutes=1))

    def unhappy(self) -> list[Notification]:
        return list(
            Notification.objects.filter(recipient=self.chief, kind=Notification.Kind.UNHAPPY)
        )

    def test_a_low_score_on_the_list_goes_to_the_chief_once_on_the_order(self) -> None:
        self.assertEqual(self.unhappy(), [])
        outage_callback_record(
            callback=self.listed,
            user=self.clerk,
            outcome="reached",
            satisfaction=2,
            note="等了两天才来电",
        )
        told = self.unhappy()
        self.assertEqual(len(told), 1)
        self.assertEqual(told[0].work_order_id, self.own.pk)
        self.assertIn("等了两天才来电", told[0].text)  # the household's words
        # The order's history says it stays done, to review: once.
        self.assertEqual(self.own.events.filter(kind="escalated").count(), 1)

    def test_a_low_score_on_the_order_goes_to_the_chief_once(self) -> None:
        callback_record(work_order=self.own, user=self.clerk, outcome="reached", satisfaction=1)
        self.assertEqual(len(self.unhappy()), 1)

    def test_a_low_score_on_the_list_alone_still_goes_to_the_chief(self) -> None:
        alone = OutageCallback.objects.filter(outage=self.outage, customer=self.sick).get()
        OutageCallback.objects.filter(pk=alone.pk).update(done_at=None, outcome="")
        outage_callback_record(callback=alone, user=self.clerk, outcome="reached", satisfaction=1)
        self.assertEqual(len(self.unhappy()), 1)


NOT_BACK = (
    "The power is not back to this household yet: it is called back once the outage is "
    "restored or its part of the line is back on."
)


class NotCalledBackBeforePowerIsBackTests(OutageLifeCase):
    """Review68 L6: "power not back yet" was refused by the API only."""

    def setUp(self) -> None:
        super().setUp()
        self.outage = self.declare(minutes_ago=10)
        self.assertEqual(self.outage.status, Outage.Status.ACTIVE)
        self.waiting = OutageCallback.objects.create(
            outage=self.outage, customer=self.neighbour, reason="caller", due_at=timezone.now()
        )

    def test_the_service_refuses_a_try_on_a_household_still_off(self) -> None:
        from powerdesk.outages.services import OutageError

        with translation.override("en"), self.assertRaises(OutageError) as refused:
            outage_callback_record(
                callback=self.waiting, user=self.clerk, outcome="reached", satisfaction=5
            )
        self.assertIn("The power is not back to this household yet", str(refused.exception))
        self.waiting.refresh_from_db()
        self.assertEqual((self.waiting.attempts, self.waiting.done_at), (0, None))

    def test_the_page_refuses_it_and_says_why(self) -> None:
        from django.urls import reverse

        self.login(self.clerk)
        page = self.client.post(
            reverse("outages:callback_done", args=[self.waiting.pk]),
            {"outcome": "reached", "satisfaction": "5"},
            follow=True,
        )
        self.assertEqual(page.status_code, 200)
        said = [str(m) for m in page.context["messages"]]
        with translation.override("zh-hans"):  # the page's language
            self.assertIn(translation.gettext(NOT_BACK), said)
        self.waiting.refresh_from_db()
        self.assertEqual((self.waiting.attempts, self.waiting.done_at), (0, None))

    def test_once_back_at_a_step_it_is_called_back(self) -> None:
        OutageCallback.objects.filter(pk=self.waiting.pk).update(back_at=timezone.now())
        self.waiting.refresh_from_db()
        outage_callback_record(
            callback=self.waiting, user=self.clerk, outcome="reached", satisfaction=5
        )
        self.waiting.refresh_from_db()
        self.assertIsNotNone(self.waiting.done_at)
