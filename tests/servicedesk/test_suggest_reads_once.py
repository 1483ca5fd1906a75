"""The intake page's suggestion reads the note once a request, as the caller panel does
(``findings_once``): with no model loaded (a first start), its readings (the rules'
suggestion, the category the rules preselect, the "Then" category) each asked the rules of the
same note again, two or three times a request."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.understanding import urgency
from tests.base import BaseTestCase
from tests.servicedesk.model_store import no_model_stored

NUMBER = "0878-1234567"  # the customer's (tests/base.py)
NOTE = ("家里没电了，门口电线掉了在冒火花，老人用制氧机。" * 80)[:2000]


class SuggestReadsOnceTests(BaseTestCase):
    def setUp(self) -> None:
        self.enterContext(no_model_stored())

    def post(self, text: str, number: str = NUMBER) -> tuple[str, int]:
        self.login(self.clerk)
        with mock.patch.object(urgency, "_findings_read", wraps=urgency._findings_read) as read:
            response = self.client.post(
                reverse("servicedesk:suggest"), {"caller_number": number, "text": text}
            )
        self.assertEqual(response.status_code, 200)
        return response.content.decode(), read.call_count

    def test_a_long_note_under_an_outage_is_read_by_the_rules_once(self) -> None:
        outage_declare(station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned")
        page, reads = self.post(NOTE)
        self.assertEqual(reads, 1)  # 2 before
        # Still the rules' reading: urgent, and why.
        self.assertIn('data-testid="urgent-because"', page)

    def test_each_request_reads_its_own_note(self) -> None:
        _page, first = self.post("电费卡里钱扣多了，灯也不亮")
        _page, second = self.post("门口电线掉了", number="")
        _page, third = self.post("门口电线掉了", number="")
        self.assertEqual((first, second, third), (1, 1, 1))  # 3, 2, 2 before
