"""The intake's recent calls of a caller say what each was (walkthrough 31, finding 18): a
call that is not a request and one logged with no note are labelled, not bare times."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase


class RecentCallsTests(BaseTestCase):
    def test_each_recent_call_says_what_it_was(self) -> None:
        now = timezone.now()
        for minutes, text, category, suggested in (
            (30, "测试", "", "other"),
            (20, "", "", ""),
            (10, "问电价", "consultation", "consultation"),
        ):
            Call.objects.create(
                station=self.station_a,
                received_at=now - dt.timedelta(minutes=minutes),
                caller_number="13812345678",
                customer=self.customer,
                text=text,
                category=category,
                suggested_category=suggested,
            )
        self.login(self.clerk)
        page = self.client.get(
            reverse("servicedesk:caller"), {"caller_number": "13812345678"}
        ).content.decode()
        self.assertIn('data-testid="recent-calls"', page)
        recent = page.split('data-testid="recent-calls"', 1)[1].split("</p>", 1)[0]
        translation.activate("zh-hans")
        self.addCleanup(translation.deactivate)
        self.assertIn("用电咨询", recent)
        self.assertIn("不是业务来电", recent)  # "not a request", as the suggestion says it
        self.assertIn('data-testid="recent-call-empty"', recent)
        # A past call with nothing noted is uncategorised, not "no record" (walkthrough 36, #16).
        self.assertIn(
            f'<span data-testid="recent-call-empty">{_("uncategorised, nothing noted")}', recent
        )
        self.assertNotIn(_("no note"), recent)

    def test_a_missed_call_says_so(self) -> None:
        Call.objects.create(
            station=self.station_a,
            received_at=timezone.now() - dt.timedelta(minutes=5),
            caller_number="13812345678",
            customer=self.customer,
            status=Call.Status.MISSED,
        )
        self.login(self.clerk)
        page = self.client.get(
            reverse("servicedesk:caller"), {"caller_number": "13812345678"}
        ).content.decode()
        recent = page.split('data-testid="recent-calls"', 1)[1].split("</p>", 1)[0]
        with translation.override("zh-hans"):
            self.assertIn(f'data-testid="recent-call-status">{Call.Status.MISSED.label}<', recent)
