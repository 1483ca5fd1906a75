"""Every percentage shown to staff is written one way (``lib.shares``): one decimal, rounded half
up from the share's decimal form as the monthly report and its workbook write it, never a
whole number on one page and one decimal on another (walkthrough 24: satisfaction, the voice of
the customer and intake showed 6 % where the report showed 6.3 %)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from powerdesk.lib.shares import percent_of, percent_text
from powerdesk.servicedesk.models import CounterRating
from tests.base import BaseTestCase


class SharesTests(BaseTestCase):
    def test_one_decimal_rounded_half_up_from_the_decimal_form(self) -> None:
        self.assertEqual(percent_of(1, 16), "6.3%")  # 6.25: half up, not to the even 6.2
        self.assertEqual(percent_of(23, 80), "28.8%")
        self.assertEqual(percent_text(0.8125), "81.3%")
        self.assertEqual(percent_text(1.0), "100.0%")
        self.assertEqual(percent_text(None), "—")
        self.assertEqual(percent_of(3, 0), "—")


class SatisfactionPageTests(BaseTestCase):
    def test_the_satisfied_share_is_written_as_the_report_writes_it(self) -> None:
        now = timezone.now()
        for i in range(16):
            CounterRating.objects.create(
                station=self.station_a,
                at=now - dt.timedelta(minutes=i),
                score=5 if i == 0 else 2,
                service="billing",
            )
        self.login(self.chief)
        page = self.client.get(reverse("servicedesk:satisfaction")).content.decode()
        self.assertIn(">6.3%<", page)
        self.assertNotIn(">6%<", page)


class IntakeConfidenceTests(BaseTestCase):
    def suggestion(self, **extra: object) -> SimpleNamespace:
        fields: dict[str, object] = {
            "category": "fault_repair",
            "alternative": "billing",
            "confidence": 0.8125,
            "alternative_confidence": 0.0625,
            "alternative_offered": True,
            "by_hand": False,
            "ask": False,
            "urgent": False,
            "learned": False,
            "by_rule": False,
            "medical": False,
        }
        return SimpleNamespace(**{**fields, **extra})

    def test_the_classifier_s_confidence_has_one_decimal(self) -> None:
        html = render_to_string(
            "servicedesk/_suggestion.html",
            {"suggestion": self.suggestion(), "label": "故障报修", "rules_category": ""},
        )
        self.assertIn(">81.3%<", html)
        asked = render_to_string(
            "servicedesk/_suggestion.html",
            {
                "suggestion": self.suggestion(ask=True),
                "label": "a",
                "alternative_label": "b",
                "rules_category": "",
            },
        )
        self.assertIn(">81.3%<", asked)
        self.assertIn(">6.3%<", asked)


class PatrolShareTests(BaseTestCase):
    def test_a_place_s_likelihood_on_the_board_and_the_crew_s_card_has_one_decimal(self) -> None:
        stop = {"key": "n1", "label": "哔叭支线02号杆", "kind_label": "杆", "share": 0.0625}
        for template in ("outages/_patrol_stop.html", "servicedesk/_crew_patrol_stop.html"):
            with self.subTest(template):
                html = render_to_string(template, {"s": stop, "o": None, "job": None})
                self.assertIn("杆 · 6.3%</span>", html)

    def test_a_likely_cause_says_its_share_as_every_percentage(self) -> None:
        from powerdesk.outages.patrol_reasons import reason_text

        reason = SimpleNamespace(code="likely_cause", factor=0.125, causes=("tree",))
        self.assertIn("12.5%", reason_text(reason))
