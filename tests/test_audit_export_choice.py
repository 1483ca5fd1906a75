"""The audit's line of an export of the outage callbacks says which of its choices the file
held (desk76, left by export74: the lines of "still to call", a month's, the reached and the
given up read alike): said from the filters the export logged, a month not given being the
month the file was made in."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import translation

from powerdesk.ops.audit import audit_entries
from tests.base import BaseTestCase

NOW = dt.datetime(2026, 12, 7, 4, 0, tzinfo=dt.UTC)


class ExportChoiceSaidTests(BaseTestCase):
    def export(self, fmt: str = "csv", **params: str) -> None:
        response = self.client.get(
            reverse("accounts:export", kwargs={"name": "outage_callbacks", "fmt": fmt}), params
        )
        self.assertEqual(response.status_code, 200)

    def lines(self) -> list[str]:
        with translation.override("en"):
            entries = audit_entries(station=self.station_a)
        return [e.what for e in entries if e.kind == "export"]

    def test_each_choice_is_said_on_its_line(self) -> None:
        self.login(self.chief)
        with time_machine.travel(NOW, tick=False):
            self.export()
            self.export(show="reached", month="2026-11")
            self.export("xlsx", show="given_up", month="2026-10")
            self.export(show="month")
        with time_machine.travel(NOW + dt.timedelta(days=40), tick=False):
            lines = self.lines()
        self.assertEqual(len(set(lines)), 4, lines)
        said = " | ".join(lines)
        self.assertIn("Still to call", said)
        self.assertIn("Reached, of a month: 2026-11", said)
        self.assertIn("Given up, of a month: 2026-10", said)
        # No month given: the month the file was made in, not the month the audit is read in.
        self.assertIn("All of a month: 2026-12", said)

    def test_a_list_without_choices_reads_as_before(self) -> None:
        self.login(self.chief)
        response = self.client.get(
            reverse("accounts:export", kwargs={"name": "customers", "fmt": "csv"})
        )
        self.assertEqual(response.status_code, 200)
        (line,) = self.lines()
        self.assertTrue(line.endswith(", CSV)"), line)
        self.assertNotIn(" — ", line)
