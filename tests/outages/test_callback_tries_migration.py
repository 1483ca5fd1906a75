"""The data step of ``outages 0028_callback_tries_kept``: each callback tried before tries were
kept gets one try, its stored last (outcome, score, note; who: ``tried_by``, or for a household
reached before 0026 who reached it; when: ``tried_at``, else when it was settled); a callback
never tried gets none. Run by Django's migration executor: back to 0026, rows stored, then
forward to 0028."""

from __future__ import annotations

import datetime as dt

from django.test import TransactionTestCase

from tests.base import make_user
from tests.outages.migration_cast import (
    executor,
    households,
    migrated_back,
    model_at,
    restored_outage,
)

BEFORE = [("outages", "0026_callback_tried_by")]
AFTER = [("outages", "0028_callback_tries_kept")]
RESTORED = dt.datetime(2026, 11, 3, 8, 0, tzinfo=dt.UTC)
TRIED = RESTORED + dt.timedelta(hours=1)


class CallbackTriesMigrationTests(TransactionTestCase):
    def test_each_tried_callback_gets_its_last_try(self) -> None:
        outage = restored_outage(RESTORED)
        clerk = make_user("clerk", outage.station, "counter")
        chief = make_user("chief", outage.station, "chief")
        people = households(outage.station, ("甲", "乙", "丙", "丁"))
        migrated_back(self, BEFORE)
        old = model_at(BEFORE, "OutageCallback")

        def row(i: int, **fields: object) -> int:
            return int(
                old.objects.create(
                    outage_id=outage.pk,
                    customer_id=people[i].pk,
                    reason="caller",
                    due_at=RESTORED,
                    **fields,
                ).pk
            )

        tried = row(0, outcome="not_reached", attempts=3, tried_at=TRIED,
                    tried_by_id=clerk.pk, note="无人接听")  # fmt: skip
        reached = row(1, outcome="reached", attempts=1, satisfaction=4, tried_at=TRIED,
                      done_at=TRIED, done_by_id=chief.pk, note="已来电")  # fmt: skip
        by_order = row(2, outcome="reached", done_at=TRIED, note="在工单上回访")
        never = row(3)
        executor().migrate(AFTER)
        tries = model_at(AFTER, "OutageCallbackTry").objects
        got = {
            pk: list(
                tries.filter(callback_id=pk).values_list(
                    "outcome", "satisfaction", "note", "tried_by_id", "tried_at"
                )
            )
            for pk in (tried, reached, by_order, never)
        }
        self.assertEqual(
            got,
            {
                tried: [("not_reached", None, "无人接听", clerk.pk, TRIED)],
                reached: [("reached", 4, "已来电", chief.pk, TRIED)],
                by_order: [("reached", None, "在工单上回访", None, TRIED)],
                never: [],
            },
        )
        # Its count stays: the two earlier tries are not known.
        self.assertEqual(model_at(AFTER, "OutageCallback").objects.get(pk=tried).attempts, 3)
