"""The applied migration ``outages 0012`` (a partial restore's line names the devices still open)
reads the lines by wordings frozen in it, not by the catalogue of the day (review56 L6): a
catalogue that words the line otherwise later changes nothing it does, and in English it reads
the line for one household back as well as for several. Run as the other tests of this
migration run it (``test_stored_text_language_more``): its functions on the app registry."""

from __future__ import annotations

import importlib
from unittest.mock import patch

from django.apps import apps
from django.test import override_settings
from django.utils import timezone, translation

from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.servicedesk.history_wordings import partly_back
from tests.base import BaseTestCase

MIGRATION = importlib.import_module("powerdesk.outages.migrations.0012_still_open_by_name")
FUSE = "哔叭支线02号杆跌落式熔断器"


class FrozenWordingsTests(BaseTestCase):
    def lines(self, *notes: str) -> list[OutageEvent]:
        """Lines of a partial restore stored before the lines were data: their words only."""
        outage = Outage.objects.create(
            station=self.station_a,
            device=self.breaker,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=timezone.now(),
            customers=3,
        )
        return [
            outage.events.create(at=timezone.now(), what="partly_restored", note=note)
            for note in notes
        ]

    def forward_and_back(self, rows: list[OutageEvent]) -> list[str]:
        """The notes of ``rows`` after the migration forward; then backward puts them back."""
        MIGRATION.still_open_by_name(apps, None)
        named = [OutageEvent.objects.get(pk=r.pk).note for r in rows]
        MIGRATION.still_open_by_code(apps, None)
        self.assertEqual(
            [OutageEvent.objects.get(pk=r.pk).note for r in rows], [r.note for r in rows]
        )
        return named

    def test_a_catalogue_wording_the_line_otherwise_changes_nothing(self) -> None:
        rows = self.lines("12 户复电，3 户仍停电（仍断开：ZM-B01-F、ZM-XX） · 先送东边")
        # What a later catalogue might say: the migration does not ask it.
        with (
            patch(
                "django.utils.translation.ngettext",
                return_value="%(back)d 户已复电，%(out)d 户仍无电（未合上：%(codes)s）",
            ),
            patch("django.utils.translation.pgettext", return_value="，"),
        ):
            named = self.forward_and_back(rows)
        self.assertEqual(named, [f"12 户复电，3 户仍停电（仍断开：{FUSE}、ZM-XX） · 先送东边"])

    @override_settings(LANGUAGE_CODE="en")
    def test_an_english_site_s_lines_of_one_household_back_and_of_several_are_named(
        self,
    ) -> None:
        rows = self.lines(
            "1 household back, 2 still out (open: ZM-B01-F, ZM-XX)",
            "12 households back, 3 still out (open: ZM-B01-F) · east first",
            "12 户复电，3 户仍停电（仍断开：ZM-B01-F）",  # not the site's language: as it was
        )
        self.assertEqual(
            self.forward_and_back(rows),
            [
                f"1 household back, 2 still out (open: {FUSE}, ZM-XX)",
                f"12 households back, 3 still out (open: {FUSE}) · east first",
                "12 户复电，3 户仍停电（仍断开：ZM-B01-F）",
            ],
        )

    def test_the_frozen_wordings_are_those_the_lines_are_written_in_today(self) -> None:
        # Frozen, they may part from the catalogue later; today they are its words.
        for language, counts in (("zh-hans", (1, 2)), ("en", (1, 2))):
            with translation.override(language):
                for n in counts:
                    self.assertIn(partly_back(n), MIGRATION.LINES[language])
                self.assertEqual(
                    translation.pgettext("list separator", ", "), MIGRATION.SEPARATORS[language]
                )
        self.assertEqual(len(MIGRATION.LINES["en"]), 2)
