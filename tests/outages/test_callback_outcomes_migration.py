"""The data step of ``outages 0021_callback_outcomes``: a household's callback recorded before
outcomes were kept was recorded as made, so it becomes reached, one try, tried when it was
done; one not yet made stays untried. Run by Django's migration executor: the outages app back
to 0020, callbacks stored in that schema, then forward to 0021 (and back to the latest)."""

from __future__ import annotations

import datetime as dt

from django.test import TransactionTestCase

from tests.outages.migration_cast import (
    executor,
    households,
    migrated_back,
    model_at,
    restored_outage,
)

BEFORE = [("outages", "0020_power_found_on")]
AFTER = [("outages", "0021_callback_outcomes")]
DONE_AT = dt.datetime(2026, 11, 3, 9, 30, tzinfo=dt.UTC)
DUE_AT = dt.datetime(2026, 11, 3, 8, 0, tzinfo=dt.UTC)


class CallbackOutcomesMigrationTests(TransactionTestCase):
    def setUp(self) -> None:
        self.outage = restored_outage(DUE_AT)
        self.customers = households(self.outage.station, ("甲", "乙"))
        migrated_back(self, BEFORE)

    def test_old_done_callbacks_become_reached_one_try(self) -> None:
        old = model_at(BEFORE, "OutageCallback")
        self.assertNotIn("outcome", {f.name for f in old._meta.get_fields()})
        made = old.objects.create(
            outage_id=self.outage.pk,
            customer_id=self.customers[0].pk,
            reason="caller",
            due_at=DUE_AT,
            done_at=DONE_AT,
            note="好了",
        )
        waiting = old.objects.create(
            outage_id=self.outage.pk,
            customer_id=self.customers[1].pk,
            reason="elderly_alone",
            due_at=DUE_AT,
        )
        executor().migrate(AFTER)
        new = model_at(AFTER, "OutageCallback")
        rows = {c.pk: c for c in new.objects.all()}
        done = rows[made.pk]
        self.assertEqual((done.outcome, done.attempts, done.tried_at), ("reached", 1, DONE_AT))
        self.assertEqual((done.done_at, done.note, done.given_up), (DONE_AT, "好了", False))
        self.assertIsNone(done.satisfaction)
        due = rows[waiting.pk]
        self.assertEqual(
            (due.outcome, due.attempts, due.tried_at, due.done_at), ("", 0, None, None)
        )
