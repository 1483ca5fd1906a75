"""The cause a crew found inside the customer's house is kept as a kind, not as the words of the
crew's screen: an order's history says it in the reader's language (walk61, M3: "查明原因：Inside
the customer's house (no grid device) · …" on a Chinese page, from a crew phone in English).
Lines stored before, with the kind's words in either language, read back the same way."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrderEvent
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, on_site, plain_job

ZH_KIND = "户内故障（非电网设备）"
EN_KIND = "Inside the customer's house (no grid device)"


class InHouseCauseLanguageTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.order = plain_job(self)
        on_site(self, self.order)

    def line(self) -> WorkOrderEvent:
        return WorkOrderEvent.objects.filter(work_order=self.order, note_code="cause_found").latest(
            "pk"
        )

    def page(self, language: str) -> str:
        self.login(self.chief)
        self.client.cookies["django_language"] = language
        with translation.override(language):
            url = reverse("servicedesk:work_order", args=[self.order.pk])
        return self.client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    def test_recorded_from_an_english_phone_it_reads_in_each_reader_s_language(self) -> None:
        with translation.override("en"):
            crew_step_take(
                work_order=self.order,
                step="cause_found",
                user=self.member,
                fields={"cause": "表卡没充值", "in_house": "1"},
            )
        line = self.line()
        self.assertNotIn(EN_KIND, str(line.note_args))  # a kind, not the crew's words
        self.assertEqual(line.note, f"查明原因：{ZH_KIND} · 表卡没充值")  # the station's
        with translation.override("zh-hans"):
            self.assertEqual(line.shown_note, f"查明原因：{ZH_KIND} · 表卡没充值")
        with translation.override("en"):
            self.assertEqual(line.shown_note, f"Cause found: {EN_KIND} · 表卡没充值")
        zh = self.page("zh-hans")
        self.assertIn(f"{ZH_KIND} · 表卡没充值", zh)
        self.assertNotIn("Inside the customer", zh)
        en = self.page("en")
        self.assertIn("Inside the customer&#x27;s house (no grid device) · 表卡没充值", en)
        self.assertNotIn(ZH_KIND, en)

    def test_lines_stored_before_in_either_language_read_back_in_the_reader_s(self) -> None:
        for kind in (EN_KIND, ZH_KIND):
            WorkOrderEvent.objects.create(
                work_order=self.order,
                kind=WorkOrderEvent.Kind.NOTE,
                by=self.member,
                at=timezone.now(),
                note=f"查明原因：{kind} · 低压线路接头烧断",
                note_code="cause_found",
                note_args={"cause": f"{kind} · 低压线路接头烧断"},
            )
            line = self.line()
            with translation.override("zh-hans"):
                self.assertEqual(line.shown_note, f"查明原因：{ZH_KIND} · 低压线路接头烧断")
            with translation.override("en"):
                self.assertEqual(line.shown_note, f"Cause found: {EN_KIND} · 低压线路接头烧断")
        # Stored before the codes (the station's words alone) too.
        WorkOrderEvent.objects.create(
            work_order=self.order,
            kind=WorkOrderEvent.Kind.NOTE,
            by=self.member,
            at=timezone.now(),
            note=f"查明原因：{EN_KIND} · 总闸跳闸",
        )
        line = WorkOrderEvent.objects.filter(work_order=self.order).latest("pk")
        with translation.override("zh-hans"):
            self.assertEqual(line.shown_note, f"查明原因：{ZH_KIND} · 总闸跳闸")
        # A cause typed by the crew that only mentions a house is theirs, as typed.
        with translation.override("en"):
            self.assertEqual(
                WorkOrderEvent(
                    note_code="cause_found", note_args={"cause": "户内线路老化"}
                ).shown_note,
                "Cause found: 户内线路老化",
            )
