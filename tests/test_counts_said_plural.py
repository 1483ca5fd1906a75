"""A count is said in the plural it needs (walk51, F14: the audit trail read "exported Work orders
(1 rows)"): the audit trail's exports and notices put away, the notices' summary lines, and the
crew phone's clock a minute off."""

from __future__ import annotations

import datetime as dt

from django.test import SimpleTestCase
from django.utils import timezone, translation

from powerdesk.accounts.models import ExportLog
from powerdesk.ops.audit import audit_entries
from powerdesk.servicedesk.crew_sync import _clock_off_words
from powerdesk.servicedesk.models import NotificationsRead
from powerdesk.servicedesk.notices import summary_words
from tests.base import BaseTestCase


class AuditTrailCountsTests(BaseTestCase):
    def said(self) -> list[str]:
        with translation.override("en"):
            return [str(e.what) for e in audit_entries(station=self.station_a)]

    def test_one_row_exported_is_said_in_the_singular(self) -> None:
        for rows in (1, 2):
            ExportLog.objects.create(
                station=self.station_a,
                at=timezone.now(),
                by=self.chief,
                list_name="work_orders",
                format="csv",
                rows=rows,
            )
        said = self.said()
        self.assertIn("exported Work orders (1 row, CSV)", said)
        self.assertIn("exported Work orders (2 rows, CSV)", said)
        self.assertFalse([line for line in said if "(1 rows)" in line])

    def test_one_notice_put_away_is_said_in_the_singular(self) -> None:
        NotificationsRead.objects.create(
            station=self.station_a, user=self.chief, at=timezone.now(), upto=1, count=1
        )
        self.assertIn("marked 1 notice read", self.said())


class SummaryAndClockCountsTests(SimpleTestCase):
    def test_one_is_singular_and_many_plural_and_grouped(self) -> None:
        with translation.override("en"):
            self.assertEqual(summary_words("overdue", 1), "1 work order overdue")
            self.assertEqual(summary_words("overdue", 1671), "1,671 work orders overdue")
            self.assertEqual(summary_words("no such kind", 1), "1 notice")

    def test_a_clock_a_minute_off_is_one_minute(self) -> None:
        at = dt.datetime(2026, 12, 6, 4, 0, tzinfo=dt.UTC)
        with translation.override("en"):
            said = _clock_off_words(dt.timedelta(seconds=40), at)
        self.assertTrue(said.startswith("The phone's clock is 1 minute slow"), said)


class HistoryCountsTests(SimpleTestCase):
    """An outreach visit's and an outage's history lines follow their count (fix56d)."""

    def shown(self, code: str, **args: object) -> str:
        from powerdesk.servicedesk.history_notes import note_shown

        with translation.override("en"):
            return note_shown(code, args, "")

    def test_households_reached_and_hotline_cards(self) -> None:
        self.assertEqual(self.shown("households_reached", n=1), "1 household reached")
        self.assertEqual(self.shown("households_reached", n=120), "120 households reached")
        self.assertEqual(self.shown("hotline_cards", n=1), "1 hotline card")
        self.assertEqual(self.shown("hotline_cards", n=3), "3 hotline cards")

    def test_one_household_back(self) -> None:
        from powerdesk.servicedesk.history_notes import note_part

        codes = note_part("items", items=["P01"])
        said = self.shown("outage_partly_back", back=1, out=4, codes=codes)
        self.assertTrue(said.startswith("1 household back, 4 still out"), said)
        said = self.shown("outage_partly_back", back=2, out=4, codes=codes)
        self.assertTrue(said.startswith("2 households back, 4 still out"), said)


class StepWordsCountsTests(SimpleTestCase):
    def test_each_clause_follows_its_own_count(self) -> None:
        from types import SimpleNamespace

        from powerdesk.outages.restoration import step_words

        def said(back: int, out: int, planned: int = 0, other: int = 0) -> str:
            step = SimpleNamespace(back=back, out=out, held_planned=planned, held_other=other)
            with translation.override("en"):
                return step_words(step)  # type: ignore[arg-type]

        self.assertEqual(said(1, 1), "1 household has power back; 1 is still out.")
        self.assertEqual(said(4, 2), "4 households have power back; 2 are still out.")
        self.assertEqual(
            said(3, 2, planned=1),
            "3 households have power back; 1 is still off under planned work in progress; "
            "2 are still out.",
        )
        self.assertEqual(
            said(3, 1, other=2),
            "3 households have power back; 2 are still off under another outage; 1 is still out.",
        )
        self.assertEqual(
            said(3, 1, planned=2, other=1),
            "3 households have power back; 2 are still off under planned work in progress and 1 "
            "under another outage; 1 is still out.",
        )


class TemplateCountsTests(SimpleTestCase):
    """Sentences of the pages whose number can be 1, drawn from their templates."""

    def drawn(self, template: str, source: str, **context: object) -> str:
        """The one ``{% blocktranslate %}`` of ``template`` that contains ``source``, drawn."""
        import re
        from pathlib import Path

        from django.template import Context, Template

        import powerdesk

        text = (Path(powerdesk.__file__).parent / template).read_text()
        blocks = re.findall(r"\{% blocktranslate.*?\{% endblocktranslate %\}", text, re.S)
        [block] = [b for b in blocks if source in b]
        with translation.override("en"):
            return Template("{% load i18n %}" + block).render(Context(context))

    def test_one_is_said_in_the_singular(self) -> None:
        cases = [
            (
                "community/templates/community/village_detail.html",
                "The walk in takes",
                {"village": {"walk_minutes": 1}},
                "The walk in takes about 1 minute.",
            ),
            (
                "servicedesk/templates/servicedesk/_crew_job.html",
                "The latest of",
                {"job": {"calls_total": 1}},
                "The latest of 1 call.",
            ),
            (
                "dashboards/templates/dashboards/panels/decisions.html",
                "Planned outages in",
                {"data": {"notice_days": 1}},
                "Planned outages in the next 1 day",
            ),
            (
                "reports/templates/reports/voice.html",
                "calls this month",
                {"voice": {"calls": 1, "notes": 1}},
                "1 call this month, 1 of them with a note.",
            ),
            (
                "ops/templates/ops/locked_out.html",
                "Logging in is refused",
                {"cooloff_minutes": 1},
                "Logging in is refused for 1 minute;",
            ),
            (
                "accounts/templates/accounts/login_throttled.html",
                "from this address",
                {"minutes": 1},
                "Logging in from this address is refused for 1 minute;",
            ),
            (
                "ops/templates/ops/database_down.html",
                "Try again in about",
                {"retry_after": 1},
                "Try again in about 1 second;",
            ),
            (
                "outages/templates/outages/planned.html",
                "Announced at least",
                {"notice_days": 1},
                "Announced at least 1 day ahead;",
            ),
            (
                "outages/templates/outages/planned.html",
                "Why at shorter notice",
                {"notice_days": 1},
                "Why at shorter notice than 1 day",
            ),
            (
                "outages/templates/outages/_board_row.html",
                "medical need",
                {"r": {"medical": 1}},
                "1 medical need",
            ),
            (
                "network/templates/network/import.html",
                "households below",
                {"m": {"households": 1, "code": "P1"}},
                "1 household below",
            ),
        ]
        for template, source, context, said in cases:
            with self.subTest(template=template, source=source):
                self.assertIn(said, self.drawn(template, source, **context))

    def test_many_are_said_in_the_plural(self) -> None:
        drawn = self.drawn(
            "outreach/templates/outreach/group_cards.html",
            "have the card",
            covered=[1],
            missing=[1, 2],
        )
        self.assertEqual(drawn, "1 household has the card")
        drawn = self.drawn(
            "outreach/templates/outreach/group_cards.html", "still missing", missing=[1]
        )
        self.assertEqual(drawn, "1 is still missing one.")
        drawn = self.drawn(
            "community/templates/community/village_detail.html",
            "The walk in takes",
            village={"walk_minutes": 40},
        )
        self.assertEqual(drawn, "The walk in takes about 40 minutes.")
