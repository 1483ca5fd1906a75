"""Review73 L2: a household's place on an outage's list settled by the call on its own order
had its summary written by a queryset update and again, thrown away, by ``try_add``. Now the
one writer writes it: the row's summary (outcome, score, still off, note, who, with which key,
when) is its last try's, whatever the row said before."""

from __future__ import annotations

from typing import Any

from powerdesk.accounts.tokens import token_create
from powerdesk.outages.models import OutageCallback
from powerdesk.outages.outage_callback_record import outage_callback_record
from powerdesk.servicedesk.callbacks import callback_record
from tests.outages.own_and_listed import OwnOrderAndListedCase

SUMMARY = ("outcome", "satisfaction", "still_off", "note", "tried_by_id")


class OneWriterTests(OwnOrderAndListedCase):
    def settled(self) -> tuple[OutageCallback, Any]:
        made = callback_record(
            work_order=self.own, user=self.clerk, outcome="reached", satisfaction=4
        )
        row = OutageCallback.objects.get(pk=self.listed.pk)
        last = row.tries.last()
        assert last is not None
        self.assertEqual(
            {name: getattr(row, name) for name in SUMMARY},
            {name: getattr(last, name) for name in SUMMARY},
        )
        self.assertEqual((row.tried_at, row.done_at), (last.tried_at, last.tried_at))
        self.assertEqual((row.settled_by_order, row.done_by, row.attempts), (made, self.clerk, 1))
        return row, last

    def test_the_rows_summary_is_its_last_try_after_an_order_settles_it(self) -> None:
        outage_callback_record(callback=self.listed, user=self.clerk, outcome="not_reached")
        # A row that said more than its last try (a stale flag): the settling try rewrites it.
        OutageCallback.objects.filter(pk=self.listed.pk).update(still_off=True)
        row, _ = self.settled()
        self.assertEqual((row.outcome, row.still_off, row.satisfaction), ("reached", False, 4))

    def test_a_key_that_tried_before_is_not_named_for_the_clerks_call(self) -> None:
        token, _ = token_create(station_id=self.station_a.pk, name="county")
        outage_callback_record(
            callback=self.listed, user=None, outcome="not_reached", note="关机", key=token
        )
        row, _ = self.settled()
        self.assertEqual((row.tried_by, row.tried_by_key), (self.clerk, None))
