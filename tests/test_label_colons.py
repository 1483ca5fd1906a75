"""Labels take the colon of the page's language: Django's form labels ("CSV 文件（UTF-8）："),
and the lines written with a label and a list ("书面通知：… 03:10、当面送达")."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import translation

from powerdesk.arrears.models import ArrearsCase
from powerdesk.servicedesk.models import Feedback
from tests.base import BaseTestCase, zh

WHEN = dt.datetime(2026, 11, 21, 19, 10, tzinfo=dt.UTC)  # 11-22 03:10 in Beijing


def text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


class LabelColonTests(BaseTestCase):
    def get(self, url: str, language: str) -> str:
        with translation.override(language):
            response = self.client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        self.assertEqual(response.status_code, 200)
        return text(response.content.decode())

    def test_form_labels_end_with_the_page_s_colon(self) -> None:
        self.login(self.chief)
        label = zh("CSV file (UTF-8 or GBK)")  # "CSV 文件（UTF-8 或 GBK）"
        self.assertIn(f"{label}：", self.get(reverse("network:import"), "zh-hans"))
        english = self.get(reverse("network:import"), "en")
        self.assertIn("CSV file (UTF-8 or GBK):", english)
        self.assertNotIn("：", english.split("CSV file")[1][:30])

    def test_a_feedback_answer_reads_with_the_page_s_colon(self) -> None:
        Feedback.objects.create(
            station=self.station_a,
            kind=Feedback.Kind.SUGGESTION,
            text="希望多来村里宣传",
            received_at=WHEN,
            state="answered",
            answer="谢谢您的建议",
            answered_by=self.chief,
            answered_at=WHEN,
        )
        self.login(self.chief)
        chinese = self.get(reverse("servicedesk:feedback"), "zh-hans")
        self.assertIn("答复 · 杨所长 · 11-22：谢谢您的建议", chinese)
        english = self.get(reverse("servicedesk:feedback"), "en")
        self.assertIn("Answer · 杨所长 · 11-22: 谢谢您的建议", english)

    def test_a_notice_s_time_and_way_are_joined_as_a_list_of_the_language(self) -> None:
        case = ArrearsCase.objects.create(
            station=self.station_a,
            customer=self.customer,
            amount=120,
            owed_since=dt.date(2026, 9, 1),
            notice_delivered_at=WHEN,
            notice_method=ArrearsCase.NoticeMethod.IN_PERSON,
        )
        self.login(self.chief)
        url = reverse("arrears:case", args=[case.pk])
        self.assertIn("2026-11-22 03:10、当面送达", self.get(url, "zh-hans"))
        self.assertIn("2026-11-22 03:10, handed over in person", self.get(url, "en"))

    def test_the_order_s_resolve_form_takes_the_page_s_colon(self) -> None:
        from powerdesk.servicedesk.forms import ResolveForm

        with translation.override("zh-hans"):
            form = ResolveForm()
            chinese = form.as_p() + str(form["note"].as_field_group())
        self.assertNotIn(":</label>", chinese)
        self.assertIn("：</label>", chinese)
        with translation.override("en"):
            self.assertIn(":</label>", ResolveForm().as_p())
