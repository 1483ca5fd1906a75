"""Meter pings on the pages: the board's words for a predicted outage's pings (each meter
once, in three states) and the settings page's ping setting and log of rounds in words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from powerdesk.accounts.models import Role
from powerdesk.outages.models import MeterPing, PingRound, PingSettings
from tests.base import make_user, zh
from tests.test_meter_pings import MeterPingCase


class MeterPingPageTests(MeterPingCase):
    def test_the_board_says_the_pings_of_a_predicted_outage(self) -> None:

        from powerdesk.outages.board import board_rows

        def words(a: int, x: int, w: int, n: int = 2) -> str:
            with translation.override("zh-hans"):
                return ngettext(
                    "%(n)d meter pinged: %(a)d answered, %(x)d no answer, %(w)d waiting"
                    " (up to %(m)d min)",
                    "%(n)d meters pinged: %(a)d answered, %(x)d no answer, %(w)d waiting"
                    " (up to %(m)d min)",
                    n,
                ) % {"n": n, "a": a, "x": x, "w": w, "m": 10}

        def shown() -> str:
            rows = board_rows(self.station)
            return next(r.pings for r in rows if r.prediction and r.prediction.code == "F")

        self.round()
        # Right after the round: both waiting (not "0 answered", which reads as dark meters).
        self.assertEqual(shown(), words(0, 0, 2))
        first, second = MeterPing.objects.order_by("pk")
        MeterPing.objects.filter(pk=first.pk).update(state=MeterPing.State.ANSWERED)
        self.assertEqual(shown(), words(1, 0, 1))
        # Past the answer window the other did not answer (closed by the next round or not).
        MeterPing.objects.filter(pk=second.pk).update(
            requested_at=timezone.now() - dt.timedelta(minutes=11)
        )
        self.assertEqual(shown(), words(1, 1, 0))
        # A meter asked again is one meter (here the answered one, in a later sent round).
        again = PingRound.objects.create(
            station=self.station,
            at=timezone.now(),
            key="ping-again",
            asked=1,
            state=PingRound.State.SENT,
        )
        MeterPing.objects.create(
            station=self.station,
            round=again,
            customer=first.customer,
            device_code="F",
            reason=first.reason,
            requested_at=timezone.now(),
        )
        self.assertEqual(shown(), words(1, 1, 0))
        self.client.force_login(make_user("chief", self.station, Role.CHIEF))
        board = self.client.get(reverse("outages:board"), headers={"HX-Request": "true"})
        self.assertContains(board, words(1, 1, 0))

    def test_the_settings_page_sets_pings_and_lists_the_rounds(self) -> None:

        self.round()
        url = reverse("notifications:settings")
        self.client.force_login(make_user("clerk", self.station, Role.COUNTER))
        self.assertEqual(self.client.get(url).status_code, 403)
        self.client.force_login(make_user("chief", self.station, Role.CHIEF))
        page = self.client.get(url)
        self.assertContains(page, 'name="ping_url"')
        self.assertContains(page, "https://he.example/ping")
        self.assertContains(page, "请主站召测 2 块电表")
        self.client.post(
            url, {"ping_form": "1", "ping_url": "http://he.example/", "ping_most": "5"}
        )
        self.assertEqual(PingSettings.objects.get().endpoint_url, "https://he.example/ping")
        self.client.post(
            url, {"ping_form": "1", "ping_url": "https://h2.example/p", "ping_most": "5"}
        )
        setting = PingSettings.objects.get()
        self.assertEqual((setting.endpoint_url, setting.most), ("https://h2.example/p", 5))

    def test_the_settings_page_says_what_became_of_each_round_in_words(self) -> None:

        clock = timezone.now()

        def logged(minutes_ago: float, state: str, failure: str = "", status: Any = None) -> None:
            at = clock - dt.timedelta(minutes=minutes_ago)
            PingRound.objects.create(
                station=self.station,
                at=at,
                key=f"ping-log-{minutes_ago}",
                asked=2,
                state=state,
                failure=failure,
                http_status=status,
            )

        logged(1, PingRound.State.FAILED, PingRound.Failure.NO_CONNECTION)
        logged(6, PingRound.State.GIVEN_UP, PingRound.Failure.REFUSED, 400)
        logged(9, PingRound.State.FAILED, PingRound.Failure.REFUSED, 503)
        logged(45, PingRound.State.FAILED, PingRound.Failure.TIMED_OUT)
        self.client.force_login(make_user("chief", self.station, Role.CHIEF))
        page = self.client.get(reverse("notifications:settings")).content.decode()
        items = page.split('<ul class="ping-rounds">')[1].split("</ul>")[0].split("<li>")[1:]
        self.assertEqual(len(items), 4)
        again = zh("not taken (%(why)s), sent again in a later round")
        given_up = zh("not taken (%(why)s), given up")
        no_connection = zh("no connection to the head-end")
        refused = zh("refused by the head-end: HTTP %(status)d")
        timed_out = zh("the head-end did not answer in time")
        self.assertIn(again % {"why": no_connection}, items[0])
        self.assertIn(given_up % {"why": refused % {"status": 400}}, items[1])
        self.assertIn(again % {"why": refused % {"status": 503}}, items[2])
        # Past the resend window: given up, never "sent again".
        self.assertIn(given_up % {"why": timed_out}, items[3])
        self.assertNotIn(again % {"why": timed_out}, items[3])
        # The pings' help says when they run: while the engine suspects an outage.
        help_text = zh(
            "When the AMI head-end can ping smart meters, the outage engine asks it every five"
            " minutes, while it suspects an outage (also one not yet on the board: the meters'"
            " answers confirm or clear it), to ping the meters whose answer would tell most."
            " Leave the address empty to turn pings off."
        )
        self.assertIn(help_text, page)  # ({% translate %} leaves it as it is)
