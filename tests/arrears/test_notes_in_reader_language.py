"""An arrears case's history says what the system wrote in the reader's language: an English
page said "书面通知已通过短信发出，等待送达回执" (walkthrough). Stored with its code (the station's
words kept in ``note``); a line stored before is recognised by its wording."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import translation

from powerdesk.arrears.models import ArrearsEvent
from powerdesk.arrears.services import case_open, notice_record
from tests.base import BaseTestCase, zh

SENT = "written notice sent by text message, waiting for delivery"


class ArrearsNotesInReaderLanguageTests(BaseTestCase):
    def setUp(self) -> None:
        self.case = case_open(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            amount=Decimal("88.00"),
            owed_since=dt.date(2026, 9, 1),
        )
        self.login(self.chief)

    def history(self, language: str) -> str:
        with translation.override(language):
            response = self.client.get(self.case.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
        return response.content.decode().split("<ul>")[-1].split("</ul>")[0]

    def test_a_notice_sent_by_text_reads_in_english_and_is_stored_in_chinese(self) -> None:
        notice_record(case=self.case, user=self.clerk, method="sms")
        line = self.case.events.get(note_code="arrears_notice_sent")
        self.assertEqual(line.note, zh(SENT))
        english = self.history("en")
        self.assertIn(SENT, english)
        self.assertIn("¥88.00", english)  # the amount: data, as it was
        self.assertIn(zh(SENT), self.history("zh-hans"))

    def test_a_line_stored_before_the_codes_reads_in_english(self) -> None:
        ArrearsEvent.objects.create(
            case=self.case, at=self.case.opened_at, stage="open", note=zh(SENT)
        )
        english = self.history("en")
        self.assertIn(SENT, english)
        if zh(SENT) != SENT:
            self.assertNotIn(zh(SENT), english)
