"""Old lines of a cause found inside the customer's house (walk61 M3, fix62a's leftover): their
stored note, which the API, the search and the exports read, kept the kind's words in the
language of the crew's screen ("查明原因：Inside the customer's house (no grid device) · …" at a
Chinese station), while the order's page draws the kind in the reader's words. The migration
``servicedesk 0047`` writes them in the form recorded now: the API's note is the page's line.
Run as the other data migrations' tests run them: its functions on the app registry."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrderEvent
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, on_site, plain_job

MIGRATION = importlib.import_module("powerdesk.servicedesk.migrations.0047_in_house_cause_as_kind")
ZH_KIND = "户内故障（非电网设备）"
EN_KIND = "Inside the customer's house (no grid device)"


class InHouseCauseMigrationTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.order = plain_job(self)
        on_site(self, self.order)

    def old(self, note: str, cause: str | None = None) -> WorkOrderEvent:
        """A line as stored before: with the code and the cause as words (``cause``), or, with
        no ``cause``, before the codes (the note alone)."""
        return WorkOrderEvent.objects.create(
            work_order=self.order,
            kind=WorkOrderEvent.Kind.NOTE,
            by=self.member,
            at=timezone.now(),
            note=note,
            note_code="cause_found" if cause is not None else "",
            note_args={"cause": cause} if cause is not None else {},
        )

    def recorded_now(self, language: str, words: str) -> WorkOrderEvent:
        """The line recording the cause writes now, from a phone in ``language``."""
        with translation.override(language):
            crew_step_take(
                work_order=self.order,
                step="cause_found",
                user=self.member,
                fields={"cause": words, "in_house": "1"},
            )
        return WorkOrderEvent.objects.filter(note_code="cause_found").latest("pk")

    def stored(self, line: WorkOrderEvent) -> tuple[str, str, dict[str, object]]:
        line.refresh_from_db()
        return line.note, line.note_code, line.note_args

    def page(self) -> str:
        self.login(self.chief)
        with translation.override("zh-hans"):
            url = reverse("servicedesk:work_order", args=[self.order.pk])
        return self.client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    def api_notes(self) -> list[str]:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        answer = self.client.get(
            f"/api/v1/work-orders/{self.order.pk}/events", HTTP_AUTHORIZATION=f"Token {key}"
        )
        self.assertEqual(answer.status_code, 200)
        return [e["note"] for e in answer.json()]

    def test_old_lines_are_stored_as_a_line_recorded_now_says_it(self) -> None:
        from_english = self.old(f"查明原因：{EN_KIND} · 表卡没充值", f"{EN_KIND} · 表卡没充值")
        from_chinese = self.old(f"查明原因：{ZH_KIND} · 表卡没充值", f"{ZH_KIND} · 表卡没充值")
        before_codes = self.old(f"查明原因：{EN_KIND} · 表卡没充值")
        MIGRATION.kind_as_code(apps, None)
        now = self.stored(self.recorded_now("en", "表卡没充值"))
        self.assertEqual(now[0], f"查明原因：{ZH_KIND} · 表卡没充值")
        for line in (from_english, from_chinese, before_codes):
            self.assertEqual(self.stored(line), now)
        # The API says what the page says (the page said it before too: read at display time).
        page = self.page()
        self.assertIn(f"{ZH_KIND} · 表卡没充值", page)
        self.assertNotIn("Inside the customer", page)
        causes = [n for n in self.api_notes() if n.startswith("查明原因")]
        self.assertEqual(causes, [f"查明原因：{ZH_KIND} · 表卡没充值"] * 4)
        with translation.override("en"):
            shown = WorkOrderEvent.objects.get(pk=before_codes.pk).shown_note
        self.assertEqual(shown, f"Cause found: {EN_KIND} · 表卡没充值")

    def test_the_kind_alone_and_other_lines(self) -> None:
        alone = self.old(f"查明原因：{EN_KIND}", EN_KIND)
        typed = self.old("查明原因：户内线路老化", "户内线路老化")  # the crew's words about a house
        grid = self.old("查明原因：低压线路接头烧断 @ 哔叭支线", "低压线路接头烧断 @ 哔叭支线")
        said = self.old(f"客户说：{EN_KIND} · 总闸跳闸")  # a note typed by a person
        others = [self.stored(line) for line in (typed, grid, said)]
        MIGRATION.kind_as_code(apps, None)
        self.assertEqual(
            self.stored(alone),
            (
                f"查明原因：{ZH_KIND}",
                "cause_found",
                {"cause": {"code": "in_house_cause", "args": {"words": ""}}},
            ),
        )
        self.assertEqual([self.stored(line) for line in (typed, grid, said)], others)
        MIGRATION.kind_as_code(apps, None)  # again: nothing more
        self.assertEqual(self.stored(alone)[0], f"查明原因：{ZH_KIND}")

    def test_going_back_gives_lines_every_version_reads_alike(self) -> None:
        old = self.old(f"查明原因：{EN_KIND} · 总闸跳闸", f"{EN_KIND} · 总闸跳闸")
        now = self.recorded_now("zh-hans", "表卡没充值")
        MIGRATION.kind_as_code(apps, None)
        shown = {}
        for language in ("zh-hans", "en"):
            with translation.override(language):
                shown[language] = [
                    WorkOrderEvent.objects.get(pk=x.pk).shown_note for x in (old, now)
                ]
        MIGRATION.kind_as_words(apps, None)
        for line, words in ((old, "总闸跳闸"), (now, "表卡没充值")):
            self.assertEqual(
                self.stored(line),
                (
                    f"查明原因：{ZH_KIND} · {words}",
                    "cause_found",
                    {"cause": f"{ZH_KIND} · {words}"},
                ),
            )
        for language in ("zh-hans", "en"):
            with translation.override(language):
                self.assertEqual(
                    [WorkOrderEvent.objects.get(pk=x.pk).shown_note for x in (old, now)],
                    shown[language],
                )

    @override_settings(LANGUAGE_CODE="en")
    def test_an_english_station_s_lines_from_a_chinese_screen(self) -> None:
        line = self.old(f"Cause found: {ZH_KIND} · 表卡没充值", f"{ZH_KIND} · 表卡没充值")
        before_codes = self.old(f"Cause found: {ZH_KIND}")
        chinese = self.old(f"查明原因：{ZH_KIND} · 表卡没充值")  # not the site's words: as it was
        MIGRATION.kind_as_code(apps, None)
        self.assertEqual(self.stored(line)[0], f"Cause found: {EN_KIND} · 表卡没充值")
        self.assertEqual(self.stored(before_codes)[:2], (f"Cause found: {EN_KIND}", "cause_found"))
        self.assertEqual(self.stored(chinese)[:2], (f"查明原因：{ZH_KIND} · 表卡没充值", ""))
