"""The outages page, read by a screen reader and on a phone (walkthrough): the partial restore's
three fields each say which device they are for (all three were "仍断开的设备"), and a recorded
outage without a cause does not end its card in a stray "·"."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation

from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase


class OutageListWordsTests(BaseTestCase):
    def page(self, language: str) -> str:
        self.login(self.chief)
        with translation.override(language):
            response = self.client.get(reverse("outages:list"), HTTP_ACCEPT_LANGUAGE=language)
        return response.content.decode()

    def test_each_device_still_open_has_its_own_label(self) -> None:
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        for language in ("zh-hans", "en"):
            page = self.page(language)
            part = page[page.index(f'data-testid="restore-part-outage-{outage.pk}"') :]
            part = part[: part.index("</details>")]
            labels = re.findall(r'<label>([^<]*)<input type="text" name="still_open"', part)
            self.assertEqual(len(labels), 3, part)
            self.assertEqual(len(set(labels)), 3, labels)  # each says which it is
        self.assertIn("First device still open", labels[0])

    def test_a_recorded_outage_without_a_cause_has_no_trailing_separator(self) -> None:
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        self.assertEqual(outage.cause, "")
        page = self.page("zh-hans")
        row = page[page.index(f'<tr id="outage-{outage.pk}">') :]
        device_cell = row[: row.index("</td>")]
        muted = re.search(r'<span class="muted">([^<]*)</span>', device_cell)
        assert muted is not None, device_cell
        self.assertEqual(muted.group(1).strip(), str(self.fuse.feeder))
        self.assertFalse(muted.group(1).rstrip().endswith("·"), muted.group(1))

    def test_a_cause_is_still_said_after_the_feeder(self) -> None:
        outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind="unplanned",
            cause="雷击",
        )
        page = self.page("zh-hans")
        row = page[page.index(f'<tr id="outage-{outage.pk}">') :]
        self.assertIn(f"{self.fuse.feeder} · 雷击", row[: row.index("</td>")])
