"""The public outage page (``/status/<code>/``) and Open311: no login, nothing of anyone."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import Outage, Signal, SignalType
from powerdesk.outages.services import outage_declare
from powerdesk.public.selectors import area_outages, station_status
from powerdesk.servicedesk.models import Call, FormSubmission
from tests.base import BaseTestCase
from tests.public_form import form_tokens


class PublicPageTests(BaseTestCase):
    def setUp(self) -> None:
        cache.clear()  # the rate limits and the rendered page live there
        self.status_url = reverse("public:status", args=[self.station_a.code])
        self.lookup_url = reverse("public:lookup", args=[self.station_a.code])
        self.report_url = reverse("public:report", args=[self.station_a.code])
        self.outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            cause="普光荣家门口树倒压线 13812345678",
            notice="哔叭支线抢修中",
            expected_restore_at=timezone.now() + dt.timedelta(hours=3),
        )

    def test_a_text_written_before_the_outage_was_moved_says_the_times_shown_are_current(
        self,
    ) -> None:
        self.assertNotContains(self.client.get(self.status_url), "public-notice-stale")
        Outage.objects.filter(pk=self.outage.pk).update(notice_source="before_move")
        cache.clear()
        page = self.client.get(self.status_url)
        self.assertContains(page, "哔叭支线抢修中")
        self.assertContains(page, 'data-testid="public-notice-stale"')

    def lookup(self, account: str, last4: str, **extra: Any) -> Any:
        """The lookup as a browser makes it: the POST, and the redirect to its answer followed."""
        return self.client.post(
            self.lookup_url, {"account": account, "last4": last4}, follow=True, **extra
        )

    def test_anyone_sees_the_station_s_outages_by_village_without_logging_in(self) -> None:
        response = self.client.get(self.status_url)
        self.assertContains(response, "停电信息")
        self.assertContains(response, "左门")  # the village, and the group below the fuse
        self.assertContains(response, "哔叭")
        self.assertContains(response, "哔叭支线抢修中")
        self.assertContains(response, "预计复电")
        # The cause staff wrote named the household and its phone: masked.
        self.assertContains(response, "＊＊家门口树倒压线")
        self.assertNotContains(response, "普光荣")
        self.assertNotContains(response, "13812345678")

    def test_without_staff_s_time_the_model_s_estimate_is_shown_as_about(self) -> None:
        self.assertContains(self.client.get(self.status_url), "预计复电：")
        self.assertNotContains(self.client.get(self.status_url), "左右")
        Outage.objects.filter(pk=self.outage.pk).update(expected_restore_at=None)
        cache.clear()
        page = self.client.get(self.status_url)
        self.assertContains(page, "左右")
        self.assertNotContains(page, "预计复电：尚未确定")
        self.assertContains(self.lookup("53250000001", "5678"), "左右")

    def test_the_engine_s_predictions_are_shown_only_when_it_is_sure(self) -> None:
        from powerdesk.outages.models import PredictedOutage

        prediction = PredictedOutage.objects.create(
            station=self.station_a,
            code=self.breaker.code,
            device=self.breaker,
            status=PredictedOutage.Status.PREDICTED,
            customers=1,
            confidence=0.5,
            first_sign_at=timezone.now(),
            explain={"calls": 1, "meter_off": 0},
        )
        self.assertNotContains(self.client.get(self.status_url), "可能停电：正在核实")
        prediction.confidence = 0.9
        prediction.save()
        cache.clear()  # the page kept for half a minute
        self.assertContains(self.client.get(self.status_url), "可能停电：正在核实")

    def test_the_page_is_cached_briefly_and_answers_304_when_unchanged(self) -> None:
        first = self.client.get(self.status_url)
        self.assertEqual(first["Cache-Control"], "public, max-age=30")
        again = self.client.get(self.status_url, HTTP_IF_NONE_MATCH=first["ETag"])
        self.assertEqual(again.status_code, 304)
        self.assertLess(len(first.content), 12_000)  # small for a slow line
        self.assertNotIn(b"<script", first.content)

    def test_chinese_by_default_english_available(self) -> None:
        chinese = self.client.get(self.status_url, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(chinese, "停电信息")
        english = self.client.get(self.status_url, {"lang": "en"})
        self.assertContains(english, "Power outages")
        self.assertEqual(english["Content-Language"], "en")
        # The state badge starts a line: capitalised, as the staff pages' badges are.
        self.assertContains(english, '<span class="tag">Power off</span>', html=False)

    def test_the_language_chosen_on_the_site_holds_and_the_page_s_own_link_outranks_it(
        self,
    ) -> None:
        self.client.cookies["django_language"] = "en"
        english = self.client.get(self.status_url)
        self.assertContains(english, "Power outages")
        self.assertIn("Cookie", english["Vary"])
        chinese = self.client.get(self.status_url, {"lang": "zh-hans"})
        self.assertContains(chinese, "停电信息")
        # Chinese chosen on the page stays Chinese after a lookup, despite the cookie.
        sent = self.client.post(
            self.lookup_url, {"account": "53250000001", "last4": "5678", "lang": "zh-hans"}
        )
        self.assertIn("lang=zh-hans", sent["Location"])

    def test_an_unknown_station_code_is_404(self) -> None:
        for url in (
            reverse("public:status", args=["nowhere"]),
            reverse("public:open311_services", args=["nowhere"]),
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)
        self.assertEqual(
            self.client.post(reverse("public:lookup", args=["nowhere"])).status_code, 404
        )

    def test_a_household_finds_its_area_with_the_right_pair_and_only_then(self) -> None:
        found = self.lookup("53250000001", "5678")
        self.assertContains(found, "我的地区：左门 · 哔叭")
        self.assertContains(found, "哔叭支线抢修中")
        self.assertEqual(found["Cache-Control"], "no-store")
        for text in ("普光荣", "53250000001", "13812345678", "1234567", "哔叭村3号"):
            self.assertNotContains(found, text)
        # The landline on file proves it as well as the mobile.
        self.assertContains(self.lookup("53250000001", "4567"), "我的地区")
        # A wrong pair and an unknown account get the very same answer.
        wrong_digits = self.lookup("53250000001", "0000")
        unknown = self.lookup("53259999999", "5678")
        self.assertEqual(wrong_digits.status_code, unknown.status_code)
        self.assertEqual(wrong_digits.content, unknown.content)
        self.assertContains(wrong_digits, "没有与此户号和手机号后四位相符的用户")
        self.assertNotContains(wrong_digits, "我的地区：")
        # Input that cannot be a pair says what is wrong.
        self.assertContains(self.lookup("53250000001", "56a8"), "手机号码的后四位", status_code=400)

    def test_a_household_sees_the_outage_going_on_before_the_planned_one_to_come(self) -> None:
        from powerdesk.outages.models import PredictedOutage

        # Going on now: an outage the engine is sure of, on the breaker (not yet recorded), and
        # the recorded one on the fuse; to come: planned work on the fuse next week.
        outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.PLANNED,
            cause="更换哔叭支线绝缘子",
            notice="哔叭支线计划检修",
            starts_at=timezone.now() + dt.timedelta(days=8),
            expected_restore_at=timezone.now() + dt.timedelta(days=8, hours=4),
        )
        PredictedOutage.objects.create(
            station=self.station_a,
            code=self.breaker.code,
            device=self.breaker,
            status=PredictedOutage.Status.PREDICTED,
            customers=1,
            confidence=0.9,
            first_sign_at=timezone.now(),
            explain={"calls": 1, "meter_off": 0},
        )
        status = station_status(self.station_a)
        self.assertEqual([o.state for o in status.outages], ["off", "planned", "suspected"])
        shown = area_outages(status, self.customer)
        self.assertEqual([o.state for o in shown], ["off", "suspected", "planned"])
        found = self.lookup("53250000001", "5678").content.decode()
        self.assertLess(found.index("可能停电"), found.index("哔叭支线计划检修"))

    def test_a_lookup_s_answer_is_a_page_of_its_own_whose_address_names_no_one(self) -> None:
        sent = self.client.post(self.lookup_url, {"account": "53250000001", "last4": "5678"})
        self.assertEqual(sent.status_code, 302)
        answer_url = sent["Location"]
        self.assertTrue(answer_url.startswith(self.lookup_url + "?area="), answer_url)
        for text in ("53250000001", "5678"):
            self.assertNotIn(text, answer_url)
        shown = self.client.get(answer_url)
        self.assertContains(shown, "我的地区：左门 · 哔叭")
        self.assertEqual(shown["Cache-Control"], "no-store")
        # Refresh, or back to it from the report's answer: the same page, and no lookup counted
        # (more than the twenty an address may make).
        for _i in range(25):
            self.assertContains(self.client.get(answer_url), "我的地区：左门 · 哔叭")
        # The report's form token flow from that page: one call, its answer a page of its own.
        tokens = form_tokens(shown.content.decode())
        reported = self.client.post(self.report_url, {**tokens, "problem": "no_power"})
        self.assertEqual(reported.status_code, 302)
        self.assertContains(self.client.get(reported["Location"]), "已收到您的报告")
        self.assertEqual(Call.objects.count(), 1)
        back = self.client.get(answer_url)  # back from the report's answer
        self.assertContains(back, 'name="form_token"')
        # English stays English through the redirect.
        english = self.client.post(
            self.lookup_url, {"account": "53250000001", "last4": "5678", "lang": "en"}
        )
        self.assertIn("lang=en", english["Location"])
        self.assertContains(self.client.get(english["Location"]), "My area")
        # A token that is not one, or a lookup's address kept past half an hour: look up again.
        self.assertContains(
            self.client.get(self.lookup_url, {"area": "x"}), "请重新查询", status_code=400
        )
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=31)):
            self.assertContains(self.client.get(answer_url), "请重新查询", status_code=400)
        self.assertEqual(self.client.get(self.lookup_url).status_code, 302)

    def test_lookups_are_limited_per_account_number_and_per_address(self) -> None:
        # The limits count in fixed windows: the tries all fall in one, whatever the machine.
        self.enterContext(time_machine.travel(_start_of_next_hour(), tick=False))
        for i in range(5):
            self.assertEqual(
                self.lookup("53250000001", "0000", REMOTE_ADDR=f"10.0.0.{i}").status_code, 200
            )
        # A sixth try on the same account, from yet another address: refused, even with the
        # right digits, so that four digits cannot be guessed from many addresses.
        limited = self.lookup("53250000001", "5678", REMOTE_ADDR="10.0.0.99")
        self.assertEqual(limited.status_code, 429)
        self.assertNotContains(limited, "我的地区：", status_code=429)
        # Other accounts from one address: at most 20 tries in ten minutes.
        statuses = [
            self.lookup(f"5325{i:07d}", "0000", REMOTE_ADDR="10.0.1.1").status_code
            for i in range(100, 122)
        ]
        self.assertEqual(statuses.count(429), 2)

    def test_a_no_power_report_is_one_call_however_often_it_is_sent_and_a_signal(self) -> None:
        tokens = form_tokens(self.lookup("53250000001", "5678").content.decode())
        form = {**tokens, "problem": "no_power", "text": "家里一点电都没有"}
        first = self.client.post(self.report_url, form, follow=True)
        again = self.client.post(self.report_url, form, follow=True)  # a double tap
        self.assertContains(first, "已收到您的报告")
        # The double tap is told it was received already (test_public_report_again).
        self.assertContains(again, 'data-testid="report-again"')
        call = Call.objects.get()
        # Chinese puts no space between its sentences.
        self.assertContains(first, f"供电所已知晓。工单 {call.work_order.number}。")
        self.assertEqual(
            (call.customer, call.category, call.taken_by), (self.customer, "fault_repair", None)
        )
        self.assertIn("公开停电信息页", call.text)
        self.assertEqual(FormSubmission.objects.get().kind, "public_page")
        signal = Signal.objects.get(type=SignalType.CALL)
        self.assertEqual((signal.customer, signal.source), (self.customer, "public"))
        # Under a recorded outage, the call joins the outage's one order.
        self.assertIsNotNone(call.work_order)
        for text in ("普光荣", "53250000001", "13812345678"):
            self.assertNotContains(first, text)

    def test_a_report_s_answer_is_a_page_of_its_own_that_back_and_refresh_do_not_resend(
        self,
    ) -> None:
        # The clock held: the answer says the time it is drawn at (HH:MM), and a refresh a
        # minute later would differ by that alone (a CI run crossed 07:22 → 07:23 between them).
        self.enterContext(time_machine.travel(_start_of_next_hour(), tick=False))
        tokens = form_tokens(self.lookup("53250000001", "5678").content.decode())
        sent = self.client.post(self.report_url, {**tokens, "problem": "no_power"})
        self.assertEqual(sent.status_code, 302)
        answer_url = sent["Location"]
        self.assertTrue(answer_url.startswith(self.report_url + "?receipt="), answer_url)
        shown = self.client.get(answer_url)
        self.assertContains(shown, "已收到您的报告")
        self.assertContains(shown, "我的地区：左门 · 哔叭")
        self.assertEqual(shown["Cache-Control"], "no-store")
        self.assertNotContains(shown, 'name="form_token"')  # nothing to send again from it
        refreshed = self.client.get(answer_url)  # refresh, or back to it
        self.assertEqual(refreshed.content, shown.content)
        self.assertEqual(Call.objects.count(), 1)
        # A receipt that is not one, or without any: the station's page, nothing stored.
        self.assertContains(
            self.client.get(self.report_url, {"receipt": "x"}), "请重新查询", status_code=400
        )
        self.assertEqual(self.client.get(self.report_url).status_code, 302)
        self.assertEqual(Call.objects.count(), 1)

    def test_a_household_is_never_locked_out_by_lookups_that_succeed(self) -> None:
        self.enterContext(time_machine.travel(_start_of_next_hour(), tick=False))
        # The household (or someone who knows the pair) looks up many times, from anywhere.
        for i in range(8):
            self.assertContains(
                self.lookup("53250000001", "5678", REMOTE_ADDR=f"10.0.3.{i}"), "我的地区："
            )
        # Someone else guessing wrongly is still stopped after five tries ...
        for i in range(5):
            self.lookup("53250000001", "0000", REMOTE_ADDR=f"10.0.4.{i}")
        self.assertEqual(
            self.lookup("53250000001", "1111", REMOTE_ADDR="10.0.4.99").status_code, 429
        )

    def test_a_report_needs_a_lookup_s_token_and_is_limited_per_household(self) -> None:
        forged = self.client.post(
            self.report_url, {"area": "1:2", "form_token": "x", "problem": "no_power"}
        )
        self.assertContains(forged, "请重新查询", status_code=400)
        self.enterContext(time_machine.travel(_start_of_next_hour(), tick=False))
        page = self.lookup("53250000001", "5678").content.decode()
        answers = []
        for i in range(4):
            answers.append(
                self.client.post(
                    self.report_url,
                    {
                        **form_tokens(page),
                        "form_token": f"t{i}",
                        "problem": "other",
                        # (each in other words: the same words again are the same report)
                        "text": f"电压低，灯很暗，第{i + 1}回了",
                    },
                    REMOTE_ADDR=f"10.0.2.{i}",
                ).status_code
            )
        self.assertEqual(answers, [302, 302, 302, 429])
        self.assertEqual(Call.objects.count(), 3)

    def test_open311_lists_services_and_takes_a_request_once_per_key(self) -> None:
        code = self.station_a.code
        services = self.client.get(reverse("public:open311_services", args=[code])).json()
        self.assertEqual([s["service_code"] for s in services], ["no_power", "danger", "other"])
        url = reverse("public:open311_requests", args=[code])
        data = {
            "service_code": "danger",
            "account_id": "53250000001",
            "phone": "138-1234-5678",
            "description": "普光荣家旁边电线掉下来了",
        }
        made = self.client.post(url, data, HTTP_IDEMPOTENCY_KEY="k1")
        self.assertEqual(made.status_code, 201)
        replay = self.client.post(url, data, HTTP_IDEMPOTENCY_KEY="k1")
        self.assertEqual(replay.status_code, 200)
        self.assertEqual(
            made.json()[0]["service_request_id"], replay.json()[0]["service_request_id"]
        )
        call = Call.objects.get()
        self.assertEqual((call.category, call.urgent), ("hazard", True))
        wrong = self.client.post(url, {**data, "phone": "0000"})
        self.assertEqual(wrong.status_code, 400)
        self.assertEqual(wrong.json()[0]["code"], 400)
        listed = self.client.get(url)
        body = listed.content.decode()
        self.assertEqual(json.loads(body)[0]["address"], "左门")
        self.assertEqual(json.loads(body)[0]["service_code"], "danger")
        for text in ("普光荣", "53250000001", "13812345678", "哔叭"):
            self.assertNotIn(text, body)
        self.assertEqual(self.client.get(url, {"start_date": "no"}).status_code, 400)
        self.assertEqual(self.client.get(url, {"status": "maybe"}).status_code, 400)

    def test_staff_find_the_public_page_from_the_outages_page(self) -> None:
        self.login(self.clerk)
        self.assertContains(self.client.get(reverse("outages:list")), self.status_url)
        self.client.logout()
        self.assertContains(self.client.get(reverse("accounts:login")), self.status_url)


def _start_of_next_hour() -> dt.datetime:
    """A moment just after the rate limits' windows (ten minutes, an hour) all begin."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    return now + dt.timedelta(hours=1, seconds=1)
