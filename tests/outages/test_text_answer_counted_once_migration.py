"""The data step of ``outages 0025_text_answer_counted_once`` (fix69a, left): a household's "1"
by text answered before the two sides of one answer were marked settled its place on the
outage's list and its own order's callback, counted twice in past months; 0023 marks only a
clerk's calls, by the words stored. The answer is recognised by what the text path alone stores
(the household's "1" to the outage's question, both sides reached by no one with no score within
a minute after it), whatever their words; a clerk's call, a callback made later, or no "1"
stays unmarked. Run by Django's migration executor: the outages app back to 0024, rows stored,
then forward to 0025."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import TransactionTestCase

from powerdesk.notifications.models import SmsQuestion
from powerdesk.servicedesk.models import Callback
from tests.base import make_user
from tests.outages.migration_cast import (
    executor,
    households_with_orders,
    migrated_back,
    model_at,
    restored_outage,
)

BEFORE = [("outages", "0024_callback_given_up_why")]
AFTER = [("outages", "0025_text_answer_counted_once")]
RESTORED = dt.datetime(2026, 10, 3, 8, 0, tzinfo=dt.UTC)
ANSWERED = dt.datetime(2026, 10, 3, 8, 20, tzinfo=dt.UTC)
MS = dt.timedelta(milliseconds=40)


class TextAnswerCountedOnceMigrationTests(TransactionTestCase):
    def setUp(self) -> None:
        self.outage = restored_outage(RESTORED)
        names = ("甲", "乙", "丙", "丁", "戊")
        self.customers, self.orders = households_with_orders(self.outage, names)
        self.clerk = make_user("clerk", self.outage.station, "counter")
        migrated_back(self, BEFORE)

    def answered(self, i: int, answer: str = "1") -> None:
        SmsQuestion.objects.create(
            station=self.outage.station, number=f"+861380000000{i}", outage=self.outage,
            customer=self.customers[i], asked_at=RESTORED, answered_at=ANSWERED, answer=answer,
        )  # fmt: skip

    def listed(self, i: int, at: dt.datetime, **fields: object) -> Any:
        """A row stored in the schema before (the model as it was then)."""
        return model_at(BEFORE, "OutageCallback").objects.create(
            outage_id=self.outage.pk, customer_id=self.customers[i].pk, reason="caller",
            due_at=RESTORED, outcome="reached", attempts=1, done_at=at, tried_at=at, **fields,
        )  # fmt: skip

    def called(self, i: int, at: dt.datetime, **fields: object) -> Callback:
        return Callback.objects.create(
            work_order=self.orders[i], at=at, outcome="reached", **fields
        )

    def test_one_answer_settling_both_sides_is_counted_on_the_list(self) -> None:
        # 甲: "1", its place on the list and its order's callback settled by it (any words).
        self.answered(0)
        on_list = self.listed(0, ANSWERED + MS, note="短信回复：已来电。")
        by_text = self.called(0, ANSWERED + 2 * MS, comment="短信回复1：已来电")
        # 乙: "1", but a clerk called on the list with a score: not the answer's.
        self.answered(1)
        clerk = self.listed(1, ANSWERED + MS, done_by_id=self.clerk.pk, satisfaction=5)
        self.called(1, ANSWERED + 2 * MS)
        # 丙: "1" settled the list; the order's callback was made by no one an hour later.
        self.answered(2)
        later = self.listed(2, ANSWERED + MS)
        self.called(2, ANSWERED + dt.timedelta(hours=1))
        # 丁: answered "2" (still off): whatever was settled then was not by a "1".
        self.answered(3, answer="2")
        no_one = self.listed(3, ANSWERED + MS)
        self.called(3, ANSWERED + 2 * MS)
        # 戊: marked already by the code (after fix69a): left as it is.
        self.answered(4)
        made = self.called(4, ANSWERED + 2 * MS)
        marked = self.listed(4, ANSWERED + MS, order_settled_id=made.pk)

        executor().migrate(AFTER)
        rows = {row.pk: row for row in model_at(AFTER, "OutageCallback").objects.all()}
        self.assertEqual(rows[on_list.pk].order_settled_id, by_text.pk)
        self.assertIsNone(rows[on_list.pk].settled_by_order_id)
        for row in (clerk, later, no_one):
            self.assertEqual(
                (rows[row.pk].order_settled_id, rows[row.pk].settled_by_order_id), (None, None)
            )
        self.assertEqual(rows[marked.pk].order_settled_id, made.pk)
