"""speed73: the monthly report's page shows none of the voice of the customer, yet every load of it
read the seven months' calls to find whether their topics were analysed (and analysed them on a
first load). The page reads no call's words; the workbook, which lists the topics, still does."""

from __future__ import annotations

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase


def call_words_read(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "servicedesk_call"' in q["sql"] and '"servicedesk_call"."text"' in q["sql"]
    ]


class MonthlyPageNoVoiceTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for i in range(3):
            Call.objects.create(
                station=cls.station_a,
                received_at=timezone.now() - timezone.timedelta(minutes=i + 1),
                text="变压器冒烟，整个村停电",
                category="fault_repair",
            )

    def setUp(self) -> None:
        self.login(self.chief)

    def test_the_page_reads_no_call_s_words_the_workbook_does(self) -> None:
        with CaptureQueriesContext(connection) as queries:
            page = self.client.get(reverse("reports:monthly"))
        self.assertEqual(page.status_code, 200)
        self.assertEqual(call_words_read(queries), [])
        # The workbook lists the month's topics: it reads them.
        url = reverse("reports:monthly_file", kwargs={"fmt": "xlsx"})
        with CaptureQueriesContext(connection) as queries:
            answer = self.client.get(url)
        self.assertEqual(answer.status_code, 200)
        self.assertTrue(call_words_read(queries))
        book = load_workbook(io.BytesIO(answer.content))
        cells = {c for sheet in book for row in sheet.iter_rows(values_only=True) for c in row}
        self.assertTrue(cells & {"停电", "变压器", "冒烟"}, "no topic in the workbook")
