"""The data step of ``outages 0023_callback_settled_once`` (review68 M3): calls made before the
settled side was marked are marked as the code now marks them, so the figures count each once:
a household reached on an outage's list whose own order's callback the same call recorded
("Called back on the outage's list."), and a household whose place on the list was settled by
its order's callback ("Called back on work order N."), in English or in the station's Chinese.
Separate calls (another score, another day, words typed by a clerk) stay unmarked. Run by
Django's migration executor: the outages app back to 0022, callbacks stored in that schema,
then forward to 0023 (and back to the latest)."""

from __future__ import annotations

import datetime as dt

from django.test import TransactionTestCase

from powerdesk.servicedesk.models import Callback
from tests.outages.migration_cast import (
    executor,
    households_with_orders,
    migrated_back,
    model_at,
    restored_outage,
)

BEFORE = [("outages", "0022_callback_put_back")]
AFTER = [("outages", "0023_callback_settled_once")]
RESTORED = dt.datetime(2026, 11, 3, 8, 0, tzinfo=dt.UTC)
CALLED = dt.datetime(2026, 11, 3, 10, 0, tzinfo=dt.UTC)
MS = dt.timedelta(milliseconds=40)


class CallbackSettledOnceMigrationTests(TransactionTestCase):
    def setUp(self) -> None:
        self.outage = restored_outage(RESTORED)
        self.customers, self.orders = households_with_orders(self.outage, ("甲", "乙", "丙", "丁"))
        migrated_back(self, BEFORE)

    def listed(self, i: int, **fields: object) -> int:
        old = model_at(BEFORE, "OutageCallback")
        self.assertNotIn("settled_by_order", {f.name for f in old._meta.get_fields()})
        row = old.objects.create(
            outage_id=self.outage.pk,
            customer_id=self.customers[i].pk,
            reason="caller",
            due_at=RESTORED,
            outcome="reached",
            attempts=fields.pop("attempts", 1),
            **fields,
        )
        return int(row.pk)

    def called(self, i: int, at: dt.datetime, score: int, comment: str) -> Callback:
        return Callback.objects.create(
            work_order=self.orders[i], at=at, outcome="reached", satisfaction=score, comment=comment
        )

    def test_each_call_settling_both_sides_is_marked_on_the_side_it_settled(self) -> None:
        # 甲: reached on the list (its 5), the order's callback recorded by the same call.
        on_list = self.listed(0, satisfaction=5, done_at=CALLED, tried_at=CALLED, note="好了")
        recorded = self.called(0, CALLED + MS, 5, "Called back on the outage's list.")
        # 乙: called back on the order (its 4), its place on the list settled by it (zh words).
        by_order = self.called(1, CALLED, 4, "客户说好了")
        settled = self.listed(
            1,
            attempts=0,
            satisfaction=4,
            done_at=CALLED + MS,
            tried_at=CALLED + MS,
            note="已在工单 GD-1 上回访。",
        )
        # 丙: two calls of its own (the list in the morning, the order in the afternoon).
        apart = self.listed(2, satisfaction=5, done_at=CALLED, tried_at=CALLED, note="")
        afternoon = self.called(2, CALLED + dt.timedelta(hours=5), 5, "")
        # 丁: the list reached, and a callback on the order a moment later with another score
        # and a clerk's words: not one call's two sides.
        other = self.listed(3, satisfaction=5, done_at=CALLED, tried_at=CALLED, note="")
        typed = self.called(3, CALLED + MS, 3, "又打了一次")

        executor().migrate(AFTER)
        new = model_at(AFTER, "OutageCallback")
        rows = {r.pk: r for r in new.objects.all()}
        self.assertEqual(rows[on_list].order_settled_id, recorded.pk)
        self.assertIsNone(rows[on_list].settled_by_order_id)
        self.assertEqual(rows[settled].settled_by_order_id, by_order.pk)
        self.assertIsNone(rows[settled].order_settled_id)
        for pk in (apart, other):
            self.assertEqual(
                (rows[pk].settled_by_order_id, rows[pk].order_settled_id), (None, None)
            )
        self.assertEqual(Callback.objects.filter(pk__in=[afternoon.pk, typed.pk]).count(), 2)
