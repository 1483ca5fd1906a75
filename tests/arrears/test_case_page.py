"""The case page says why a household must not be disconnected instead of showing a dead
approve button (walkthrough F2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import translation

from powerdesk.arrears.services import case_open, household_record, liaison_contact, notice_record
from tests.arrears.cast import seen_case
from tests.base import BaseTestCase


class CasePageTests(BaseTestCase):
    def prepared(self, *, medical: bool) -> str:
        # (oxygen named at the door blocks by itself since walk71, H1: the household without
        # the flag is seen with nothing of concern)
        situation = "家中有人长期吸氧" if medical else "户主在家务农，答应月底缴清"
        case = seen_case(self, situation, medical=medical)
        self.login(self.chief)
        return self.client.get(case.get_absolute_url()).content.decode()

    def test_a_medical_need_household_shows_the_reason_and_no_approve_button(self) -> None:
        page = self.prepared(medical=True)
        self.assertNotIn('value="approve"', page)
        self.assertNotIn("批准停电（所长）", page)
        self.assertIn('class="blocked-reason"', page)
        self.assertIn("不得停电", page)

    def test_a_household_without_care_flags_can_be_approved(self) -> None:
        page = self.prepared(medical=False)
        self.assertIn('value="approve"', page)
        self.assertIn("批准停电（所长）", page)
        self.assertNotIn("disabled", page.split('value="approve"')[1].split("</form>")[0])


class CasePageLanguageTests(BaseTestCase):
    """In English the case's history says how the notice went and what the check found in
    English (they are choices, stored as codes), dates read as on every other page, and
    labels take the page's colon."""

    def setUp(self) -> None:
        self.customer.medical_need = True
        self.customer.save()
        self.case = case_open(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            amount=Decimal("410.20"),
            owed_since=dt.date(2026, 9, 17),
        )
        notice_record(case=self.case, user=self.clerk, method="in_person")
        liaison_contact(case=self.case, user=self.clerk, outcome="村小组长已转告")
        household_record(case=self.case, user=self.clerk, situation="家中有人长期吸氧")
        self.login(self.chief)

    def page(self, language: str) -> str:
        with translation.override(language):  # (the page's language is left active after it)
            response = self.client.get(self.case.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
        return response.content.decode()

    def history(self, language: str) -> str:
        return self.page(language).split("<ul>")[-1].split("</ul>")[0]

    def test_the_history_says_the_notice_and_the_check_in_the_page_s_language(self) -> None:
        english = self.history("en")
        self.assertIn("notice given handed over in person", english)
        self.assertIn("household checked must not be disconnected: 家中有人长期吸氧", english)
        self.assertNotIn("当面送达", english)
        chinese = self.history("zh-hans")
        self.assertIn("当面送达", chinese)
        self.assertIn("不得停电：家中有人长期吸氧", chinese)

    def test_a_history_stored_with_chinese_labels_is_shown_in_english_too(self) -> None:
        from powerdesk.arrears.models import ArrearsEvent

        ArrearsEvent.objects.create(
            case=self.case, at=self.case.opened_at, stage="notice_given", note="张贴于门上"
        )
        ArrearsEvent.objects.create(
            case=self.case, at=self.case.opened_at, stage="checked", note="须所长权衡：独居"
        )
        english = self.history("en")
        self.assertIn("notice given posted on the door", english)
        self.assertIn("the chief must weigh it: 独居", english)

    def test_dates_and_label_colons_follow_the_page_s_language(self) -> None:
        english, chinese = self.page("en"), self.page("zh-hans")
        self.assertIn("owed since 2026-09-17", english)
        self.assertIn("2026-09-17", chinese)
        self.assertNotIn("2026年9月17日", chinese)
        self.assertIn("Written notice: ", english)
        self.assertIn("书面通知：", chinese)
        self.assertNotIn("书面通知:", chinese)


class UnknownStepTests(BaseTestCase):
    """A step the case does not have (a crafted or stale form: ``step=disconnect``) is said,
    and nothing is recorded (walkthrough 28, finding 13)."""

    def test_an_unknown_step_is_said_and_nothing_is_recorded(self) -> None:
        case = case_open(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            amount=Decimal("410.20"),
            owed_since=dt.date(2026, 8, 1),
        )
        events = case.events.count()
        self.login(self.chief)
        for step in ("disconnect", ""):
            with self.subTest(step=step):
                response = self.client.post(
                    case.get_absolute_url(), {"step": step, "method": "in_person"}, follow=True
                )
                shown = [str(m) for m in response.context["messages"]]
                self.assertEqual(len(shown), 1, shown)
                self.assertIn(f"“{step}”", shown[0])
        case.refresh_from_db()
        self.assertEqual(case.events.count(), events)
        self.assertEqual(case.notice_method, "")
