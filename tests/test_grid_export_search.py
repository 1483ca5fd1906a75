"""The grid's lists (transformer areas, protective devices, poles) export what they list with
their search, as the orders' and the customers' do (walk51, F12: searched "ZM-NEW", 3 listed,
254 exported): the search is kept for the page (``lib/search.py``) and the export reads it
there; and a list that keeps no search sends its filters along with its export links."""

from __future__ import annotations

import csv
import html
import io
import re

from django.urls import reverse

from powerdesk.network.models import GridNode, NodeKind
from tests.base import BaseTestCase

_CSV = re.compile(r'href="([^"]*/export/[a-z_]+\.csv\?[^"]*)"')


class GridExportFollowsTheSearchTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for kind, prefix in (
            (NodeKind.TRANSFORMER, "ZM-NEW-T"),
            (NodeKind.FUSE, "ZM-NEW-F"),
            (NodeKind.POLE, "ZM-NEW-P"),
        ):
            for i in range(3):
                GridNode.objects.create(
                    station=cls.station_a,
                    feeder=cls.feeder,
                    code=f"{prefix}{i}",
                    kind=kind,
                    parent=cls.breaker,
                    name=f"{prefix}{i}",
                )

    def exported_after(self, url: str, data: dict[str, str]) -> tuple[int, list[list[str]]]:
        """The page's count after ``data`` is searched, and the rows its CSV link gives."""
        page = self.client.post(url, data, follow=True)
        self.assertEqual(page.status_code, 200)
        link = _CSV.search(page.content.decode())
        assert link is not None, "the page has its CSV link"
        response = self.client.get(html.unescape(link.group(1)))
        body = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
        rows = list(csv.reader(io.StringIO(body)))
        return page.context["page"].paginator.count, rows[1:]

    def test_each_list_s_file_holds_what_its_search_lists(self) -> None:
        self.login(self.chief)
        for name in ("transformers", "devices", "poles"):
            with self.subTest(name):
                url = reverse(f"network:{name}")
                everything = GridNode.objects.filter(station=self.station_a).count()
                listed, rows = self.exported_after(url, {"q": "ZM-NEW"})
                self.assertEqual(listed, 3)
                self.assertEqual(len(rows), 3)
                self.assertLess(len(rows), everything)
                self.assertTrue(all(row[0].startswith("ZM-NEW") for row in rows), rows)
                # Cleared: the whole list again, in the page and in the file.
                listed, rows = self.exported_after(url, {"q": ""})
                self.assertEqual(len(rows), listed)
                self.assertGreater(listed, 3)

    def test_a_list_keeping_no_search_exports_with_its_filters(self) -> None:
        self.login(self.chief)
        page = self.client.get(reverse("network:defects"), {"resolved": "1"})
        link = _CSV.search(page.content.decode())
        assert link is not None
        self.assertIn("resolved=1", html.unescape(link.group(1)))
