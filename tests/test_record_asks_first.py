"""Every way staff record a fault outage texts every household below it at once, so every way
asks first, as the board's confirm and intake do (``outages/record_ask.py``): "found here" on a
prediction and recording one by hand on the outages page say how many households (and
messages) it texts, record nothing, and record from the ask's button only, once however often
it is sent. And the board's forms go back to the page they were pressed on (its own page, the
outages page, the home page): a same-site ``next``, else the board."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace
from unittest import mock

from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from powerdesk.lib.came_from import came_from
from powerdesk.notifications.models import Channel, Delivery, Notice
from powerdesk.outages.models import FoundPlace, Outage, OutageLink, PredictedOutage
from powerdesk.servicedesk.models import FormSubmission
from tests.base import BaseTestCase, zh
from tests.board_confirm import (
    BOARD,
    DECLARE,
    FOUND,
    ask_url,
    asked_form,
    board_confirm,
    record_by_hand,
)
from tests.outage_cast import predicted_below_the_fuse

BOARD_URL = "/outages/board/"


class AskFirstCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.prediction = predicted_below_the_fuse(self)
        self.login(self.chief)

    def texts(self) -> int:
        return Delivery.objects.filter(channel=Channel.SMS, customer__isnull=False).count()

    def said(self, response: object) -> list[str]:
        return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]

    def asks(self, url: str, data: dict[str, str], testid: str) -> str:
        """The first press: answered with the ask, nothing recorded, nobody texted."""
        response = self.client.post(url, data, follow=True)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn(f'data-testid="{testid}"', html)
        self.assertIn(f"登记{self.fuse}停电将立即短信通知其下 2 户。", html)
        self.assertIn("共 3 条短信）", html)
        self.assertIn("登记停电并短信通知 2 户</button>", html)
        self.assertFalse(Outage.objects.exists())
        self.assertEqual(self.texts(), 0)
        return html


class BackToTheBoardTests(AskFirstCase):
    """Finding 1: the board's confirm, pressed on the board's own page, lands there again."""

    def confirm(self, **extra: str) -> dict[str, str]:
        return {"action": "confirm", "prediction": str(self.prediction.pk), **extra}

    def test_confirmed_on_the_board_s_own_page_it_asks_there_and_goes_back_there(self) -> None:
        response = self.client.post(reverse("outages:list"), self.confirm(next=BOARD_URL))
        # Asked on the page it was pressed on (the board's own), not on the outages page.
        self.assertTemplateUsed(response, "outages/board_page.html")
        self.assertTemplateNotUsed(response, "outages/outage_list.html")
        html = response.content.decode()
        form = asked_form(html)
        self.assertEqual(form["next"], BOARD_URL)
        self.assertIn(f'href="{BOARD_URL}" data-testid="record-ask-cancel"', html)
        first = self.client.post(ask_url(html), form)
        again = self.client.post(ask_url(html), form)  # a double click
        for response in (first, again):
            self.assertRedirects(response, BOARD_URL, fetch_redirect_response=False)
        self.assertEqual(Outage.objects.get().device, self.fuse)

    def test_pressed_on_the_home_page_it_goes_back_home(self) -> None:
        response = board_confirm(self.client, self.confirm(next="/?panel=board"))
        self.assertRedirects(response, "/?panel=board", fetch_redirect_response=False)

    def test_without_next_the_browser_s_referer_of_this_site_says_where(self) -> None:
        response = board_confirm(
            self.client, self.confirm(), HTTP_REFERER=f"http://testserver{BOARD_URL}"
        )
        self.assertRedirects(response, BOARD_URL, fetch_redirect_response=False)

    def test_another_site_s_address_is_never_followed_the_board_is(self) -> None:
        for elsewhere in (
            "https://evil.example/outages/",
            "//evil.example/outages/",
            "/\\evil.example/outages/",
            "javascript:alert(1)",
            "outages/",
        ):
            with self.subTest(next=elsewhere):
                Outage.objects.all().delete()
                FormSubmission.objects.all().delete()
                response = board_confirm(
                    self.client,
                    self.confirm(next=elsewhere),
                    HTTP_REFERER="https://evil.example/",
                )
                self.assertRedirects(response, BOARD_URL, fetch_redirect_response=False)

    def test_the_board_s_other_forms_go_back_to_their_page_too(self) -> None:
        response = self.client.post(
            reverse("outages:list"),
            {
                "action": "reject",
                "prediction": str(self.prediction.pk),
                "reason": "线路巡视正常",
                "next": BOARD_URL,
            },
        )
        self.assertRedirects(response, BOARD_URL, fetch_redirect_response=False)
        # A refusal too (the engine no longer sees it): back where it was pressed.
        gone = {"action": "confirm", "prediction": "999999", "next": BOARD_URL}
        response = self.client.post(reverse("outages:list"), gone)
        self.assertRedirects(response, BOARD_URL, fetch_redirect_response=False)

    def test_came_from_keeps_the_path_and_query_of_this_site_only(self) -> None:
        factory = RequestFactory()
        cases = {
            "/outages/board/?top=8": "/outages/board/?top=8",
            "http://testserver/outages/board/": "/outages/board/",
            "http://evil.example/outages/board/": BOARD_URL,
            "": BOARD_URL,
            "/" + "x" * 3000: BOARD_URL,
        }
        for sent, back in cases.items():
            with self.subTest(next=sent):
                request = factory.post("/outages/", {"next": sent})
                self.assertEqual(came_from(request, "outages:board"), back)

    def test_the_pages_with_the_board_ask_their_forms_to_say_where_they_are(self) -> None:
        for url in (reverse("outages:list"), BOARD_URL):
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), '<div id="board" data-send-next ')


class FoundHereAsksTests(AskFirstCase):
    """Finding 2: "found here" on a prediction records the outage: asked first."""

    def setUp(self) -> None:
        super().setUp()
        self.url = reverse("outages:prediction_patrol", args=[self.prediction.pk])
        self.found = {"place": "ZM-B01-T1", "cause": "animal", "note": "蛇", "next": BOARD_URL}

    def test_the_first_press_records_nothing_and_says_how_many_it_texts(self) -> None:
        html = self.asks(self.url, self.found, FOUND)
        self.assertEqual(ask_url(html, FOUND), self.url)
        form = asked_form(html, FOUND)
        self.assertEqual(
            {k: form[k] for k in ("place", "cause", "note", "next")},
            {"place": "ZM-B01-T1", "cause": "animal", "note": "蛇", "next": BOARD_URL},
        )
        self.assertEqual(form["confirm_record"], str(self.fuse.pk))
        self.assertFalse(FoundPlace.objects.exists())

    def test_the_ask_s_button_records_once_however_often_it_is_sent(self) -> None:
        form = asked_form(self.asks(self.url, self.found, FOUND), FOUND)
        first = self.client.post(self.url, form)
        # The engine hears the confirmation and drops its prediction; the answer was lost.
        PredictedOutage.objects.all().delete()
        again = self.client.post(self.url, form)
        outage = Outage.objects.get()
        self.assertEqual((outage.device, outage.created_by), (self.fuse, self.chief))
        found = FoundPlace.objects.get()
        self.assertEqual((found.outage, found.place, found.cause), (outage, "ZM-B01-T1", "animal"))
        self.assertEqual(self.texts(), 3)  # the messages the ask said, once
        for response in (first, again):
            self.assertRedirects(response, BOARD_URL, fetch_redirect_response=False)
            self.assertIn(str(self.fuse), self.said(response)[-1])
        self.assertTrue(self.said(first)[-1].startswith(f"已记录：{self.fuse}的故障点已找到"))
        submission = FormSubmission.objects.get()
        self.assertEqual(
            (submission.kind, submission.outage), (FormSubmission.Kind.OUTAGE_FOUND, outage)
        )

    def test_without_the_ask_s_token_the_button_still_asks(self) -> None:
        self.asks(self.url, {**self.found, "confirm_record": str(self.fuse.pk)}, FOUND)

    def test_the_cause_found_moves_the_estimate_and_households_get_one_text_with_it(
        self,
    ) -> None:
        # The model puts the power back three hours after the start, an hour once the cause
        # is known: the outage and its cause are recorded together, so the one text says the
        # hour, not three hours then "moved to" one hour at the same moment (two texts).
        def estimate(outage: Outage, *, now: dt.datetime | None = None) -> object:
            cause = OutageLink.objects.filter(outage=outage).values_list("cause_kind", flat=True)
            hours = 1 if cause.first() else 3
            at = outage.starts_at + dt.timedelta(hours=hours)
            return SimpleNamespace(at=at, low=at, high=at)

        form = asked_form(self.asks(self.url, self.found, FOUND), FOUND)
        with mock.patch("powerdesk.outages.etr.etr_for", estimate):
            self.client.post(self.url, form)
        outage = Outage.objects.get()
        self.assertEqual(self.texts(), 3)  # the messages the ask said, and no more
        [notice] = Notice.objects.filter(deliveries__channel=Channel.SMS).distinct()
        self.assertEqual(notice.key, f"outage_known:{outage.pk}")
        self.assertEqual(
            notice.facts["etr"], (outage.starts_at + dt.timedelta(hours=1)).isoformat()
        )
        self.assertEqual(notice.facts["cause_kind"], "animal")

    def test_the_first_press_is_redirected_and_a_refresh_asks_again_posting_nothing(
        self,
    ) -> None:
        # Post/redirect/get: the ask's page is not the POST's answer, so a refresh of it does
        # not post the press again; it draws the same ask (its token) and records nothing.
        press = self.client.post(self.url, self.found)
        self.assertEqual(press.status_code, 302)
        location = press["Location"]
        self.assertTrue(location.startswith(f"{self.url}?ask="), location)
        pages = [self.client.get(location) for _refresh in range(2)]
        forms = [asked_form(p.content.decode(), FOUND) for p in pages]
        for form in forms:
            form.pop("csrfmiddlewaretoken")  # (masked anew on each page)
        self.assertEqual(forms[0], forms[1])
        self.assertEqual(
            {k: forms[0][k] for k in ("place", "cause", "note", "next")},
            {"place": "ZM-B01-T1", "cause": "animal", "note": "蛇", "next": BOARD_URL},
        )
        self.assertFalse(Outage.objects.exists())
        self.assertEqual(self.texts(), 0)
        # The ask's button records, and goes back to the board with the message.
        recorded = self.client.post(self.url, forms[0], follow=True)
        self.assertEqual(recorded.redirect_chain, [(BOARD_URL, 302)])
        self.assertTrue(self.said(recorded)[-1].startswith(f"已记录：{self.fuse}"))
        self.assertEqual(Outage.objects.get().device, self.fuse)

    def test_an_ask_s_address_not_kept_in_this_session_goes_to_the_board(self) -> None:
        press = self.client.post(self.url, self.found)
        self.client.logout()
        self.login(self.clerk)
        response = self.client.get(press["Location"])
        self.assertRedirects(response, BOARD_URL, fetch_redirect_response=False)
        self.assertFalse(Outage.objects.exists())

    def test_when_the_prediction_is_gone_before_the_ask_is_drawn_it_says_so(self) -> None:
        press = self.client.post(self.url, self.found)
        PredictedOutage.objects.all().delete()
        response = self.client.get(press["Location"])
        self.assertRedirects(response, BOARD_URL, fetch_redirect_response=False)
        self.assertEqual(
            self.said(response)[-1],
            zh("The engine no longer sees this outage (new signals came in): look again."),
        )

    def test_a_place_off_the_patrol_list_is_refused_before_asking(self) -> None:
        response = self.client.post(self.url, {**self.found, "place": "ZM-CB"})
        self.assertRedirects(response, BOARD_URL, fetch_redirect_response=False)
        self.assertEqual(
            self.said(response)[-1], zh("Choose the place from the patrol list of this outage.")
        )
        self.assertFalse(Outage.objects.exists())

    def test_a_note_too_long_is_refused_at_its_field_at_the_first_press_typed_kept(self) -> None:
        typed = "蛇" * 151
        response = self.client.post(self.url, {**self.found, "note": typed})
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertIn('data-testid="mend-found_here"', html)
        said = re.search(r'data-testid="note-errors">([^<]*)<', html)
        assert said is not None
        self.assertIn("150", said.group(1))
        self.assertIn("151", said.group(1))
        self.assertIn(f'value="{typed}"', html)
        self.assertIn('value="ZM-B01-T1"', html)
        self.assertIn('value="animal" selected', html)
        self.assertIn(f'action="{self.url}"', html)  # sent again, it asks first as before
        self.assertFalse(Outage.objects.exists())
        self.assertTrue(PredictedOutage.objects.filter(pk=self.prediction.pk).exists())


class RecordByHandAsksTests(AskFirstCase):
    """Finding 2: an outage recorded by hand on the outages page: asked first when it texts."""

    typed = {
        "action": "declare",
        "device": "哔叭支线02号杆跌落式熔断器",
        "kind": "unplanned",
        "cause": "雷击",
        "notice": "正在抢修",
    }

    def test_the_first_press_records_nothing_and_carries_what_was_typed(self) -> None:
        html = self.asks(reverse("outages:list"), self.typed, DECLARE)
        form = asked_form(html, DECLARE)
        self.assertEqual({k: form[k] for k in self.typed}, self.typed)
        self.assertEqual(form["next"], reverse("outages:list"))

    def test_the_ask_s_button_records_once_and_texts_once(self) -> None:
        form = asked_form(self.asks(reverse("outages:list"), self.typed, DECLARE), DECLARE)
        for _press in range(2):  # a double click
            response = self.client.post(reverse("outages:list"), form)
            self.assertRedirects(response, reverse("outages:list"), fetch_redirect_response=False)
        self.assertEqual(self.said(response)[-1], f"已在{self.fuse}登记停电。")  # no spaces
        outage = Outage.objects.get()
        self.assertEqual(
            (outage.device, outage.cause, outage.notice), (self.fuse, "雷击", "正在抢修")
        )
        self.assertEqual(outage.events.filter(what="active").count(), 1)
        self.assertEqual(self.texts(), 3)
        self.assertEqual(FormSubmission.objects.get().kind, FormSubmission.Kind.OUTAGE_DECLARE)

    def test_a_device_typed_anew_in_between_is_not_recorded_on_the_one_asked(self) -> None:
        form = asked_form(self.asks(reverse("outages:list"), self.typed, DECLARE), DECLARE)
        self.client.post(reverse("outages:list"), {**form, "device": "ZM-B01-P02"})
        self.assertFalse(Outage.objects.exists())

    def test_an_outage_already_recorded_there_is_said_before_asking(self) -> None:
        record_by_hand(self.client, {"device": "ZM-B01-F", "kind": "unplanned"})
        response = self.client.post(reverse("outages:list"), self.typed, follow=True)
        self.assertContains(
            response,
            zh("An outage is already recorded on %(device)s.") % {"device": self.fuse},
            status_code=400,
        )
        self.assertNotContains(response, f'data-testid="{DECLARE}"', status_code=400)
        self.assertEqual(Outage.objects.count(), 1)

    def test_power_back_before_the_start_is_said_before_asking_to_text(self) -> None:
        # Walkthrough: start 05:00, back 03:00 was asked "text 10 households?" first.
        start = timezone.localtime() - dt.timedelta(hours=1)
        back = start - dt.timedelta(hours=2)
        response = self.client.post(
            reverse("outages:list"),
            {
                **self.typed,
                "starts_at": f"{start:%Y-%m-%dT%H:%M}",
                "expected_restore_at": f"{back:%Y-%m-%dT%H:%M}",
            },
            follow=True,
        )
        # Said at the field with the range allowed (after the start, from now).
        self.assertEqual(list(response.context["form"].errors), ["expected_restore_at"])
        self.assertContains(response, "预计复电", status_code=400)
        self.assertNotContains(response, f'data-testid="{DECLARE}"', status_code=400)
        self.assertFalse(Outage.objects.exists())
        self.assertEqual(self.texts(), 0)

    def test_a_fault_outage_for_later_is_refused_not_announced_with_nobody_texted(self) -> None:
        # Walkthrough 23: it was recorded at once as "announced", a way round the planned
        # outage's notice (tests/test_fault_outage_times.py).
        later = timezone.localtime() + dt.timedelta(hours=3)
        response = self.client.post(
            reverse("outages:list"),
            {**self.typed, "starts_at": f"{later:%Y-%m-%dT%H:%M}"},
        )
        self.assertIn("starts_at", response.context["form"].errors)
        self.assertNotContains(
            response, f'data-testid="{DECLARE}"', status_code=response.status_code
        )
        self.assertFalse(Outage.objects.exists())
        self.assertEqual(self.texts(), 0)

    def test_the_board_s_confirm_still_asks_with_its_own_form(self) -> None:
        html = self.asks(
            reverse("outages:list"),
            {"action": "confirm", "prediction": str(self.prediction.pk)},
            BOARD,
        )
        self.assertNotIn(f'data-testid="{DECLARE}"', html)
