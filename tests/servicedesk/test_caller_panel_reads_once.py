"""The live caller panel reads the note once a request (fix60a): each of its readings (the
category the rules give, the "Then" choices, the dangers told) ran the rules again, 0.6-1.2 s
for a note of 2,000 characters."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.models import Category
from powerdesk.servicedesk.services import work_order_create
from powerdesk.servicedesk.understanding import urgency
from tests.base import BaseTestCase

NUMBER = "0878-1234567"  # the customer's (tests/base.py)
NOTE = ("家里没电了，门口电线掉了在冒火花，老人用制氧机。" * 80)[:2000]


class CallerPanelReadsOnceTests(BaseTestCase):
    def post(self, text: str) -> tuple[str, int]:
        self.login(self.clerk)
        with mock.patch.object(urgency, "_findings_read", wraps=urgency._findings_read) as read:
            response = self.client.post(
                reverse("servicedesk:caller"), {"caller_number": NUMBER, "text": text}
            )
        return response.content.decode(), read.call_count

    def test_a_long_note_is_read_by_the_rules_once(self) -> None:
        outage_declare(station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned")
        # The caller rang about a danger an hour ago: the panel asks if this one is another.
        work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=Category.HAZARD,
            summary="电杆歪了",
            customer=self.customer,
        )
        page, reads = self.post(NOTE)
        self.assertEqual(reads, 1)
        # Still the caller, the outage over them and the dangers the note tells.
        self.assertIn(self.customer.name, page)
        self.assertIn(str(self.fuse), page)
        self.assertIn('data-testid="known-outage"', page)

    def test_each_request_reads_its_own_note(self) -> None:
        _page, first = self.post(NOTE)
        _page, second = self.post("门口电线掉了")
        self.assertEqual((first, second), (1, 1))
