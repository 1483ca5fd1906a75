"""Moving a planned outage whose text to tell callers staff wrote (naming its date): the ask,
before anything is moved or sent, says the text is kept and may name the old date, and offers
it there to be written again (walkthrough 35, 12). Written again in the ask, it is the one kept;
a new text typed with the move, or one PowerDesk writes from the window, is not flagged."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.urls import reverse
from django.utils.translation import gettext

from powerdesk.outages.models import NoticeSource, Outage
from tests.base import BaseTestCase
from tests.planned_ask_cast import ask_fields
from tests.planned_cast import planned_on_fuse

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 5, 4, 9, 0, tzinfo=TZ)
START = NOW + dt.timedelta(days=8)  # 05-12 09:00
LATER = NOW + dt.timedelta(days=12)  # 05-16 09:00
OWN = "更换老旧绝缘子，05月12日 8:30-16:30 停电"
SAID = (
    "What to tell callers is kept as written and may name the old date: write it for the new "
    "date here, or empty it to have it written from the new window."
)


def local(at: dt.datetime) -> str:
    return at.astimezone(TZ).strftime("%Y-%m-%dT%H:%M")


class MoveAsksAboutTheKeptTextTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        with time_machine.travel(NOW, tick=False):
            self.outage = planned_on_fuse(self, START, START + dt.timedelta(hours=8), notice=OWN)
        self.url = reverse("outages:planned")
        self.login(self.chief)

    def first_press(self, notice: str) -> str:
        move = {
            "action": "reschedule",
            "outage": self.outage.pk,
            "starts_at": local(LATER),
            "ends_at": local(LATER + dt.timedelta(hours=6)),
            "reason": "材料未到",
            "notice": notice,
        }
        with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
            self.first = self.client.post(self.url, move)
        return self.first.content.decode().split('data-testid="planned-ask"')[1]

    def test_the_text_sent_back_unchanged_is_flagged_in_the_ask_and_written_there(self) -> None:
        ask = self.first_press(OWN)
        self.assertIn(gettext(SAID), ask)
        field = re.search(r'<input type="text" name="notice" value="([^"]*)"', ask)
        assert field is not None
        self.assertEqual(field.group(1), OWN)  # to be written again, not carried hidden
        self.assertNotIn('type="hidden" name="notice"', ask)
        self.assertEqual(Outage.objects.get().starts_at, START)  # nothing moved yet
        again = {**ask_fields(self.first), "notice": "更换老旧绝缘子，05月16日 9:00-15:00 停电"}
        with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
            self.client.post(self.url, again)
        outage = Outage.objects.get()
        self.assertEqual(outage.starts_at, LATER)
        self.assertEqual(
            (outage.notice, outage.notice_source),
            ("更换老旧绝缘子，05月16日 9:00-15:00 停电", NoticeSource.STAFF),
        )

    def test_a_new_text_or_an_empty_one_is_not_flagged(self) -> None:
        for notice in ("05月16日停电，请备水", ""):
            ask = self.first_press(notice)
            self.assertNotIn('data-testid="planned-ask-notice-kept"', ask)
            self.assertIn('type="hidden" name="notice"', ask)
