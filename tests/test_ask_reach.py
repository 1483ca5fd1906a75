"""The asks before a change that texts households say how many households it concerns and how
many of them get no text message (no mobile on file: a liaison or a visit tells them), in one
sentence for every ask (``reach_words``); and the text messages they count are the ones the
change really sends (a planned outage announced then moved, then called off, texts each
address once, liaisons included)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import translation

from powerdesk.community.models import Liaison
from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.notifications.models import Delivery
from powerdesk.outages.models import Outage
from powerdesk.outages.planned import planned_outage_cancel, planned_outage_reschedule
from powerdesk.outages.planned_ask import planned_ask_announce, planned_ask_cancel
from powerdesk.outages.record_ask import record_ask
from tests.base import BaseTestCase
from tests.planned_ask_cast import households_below, press_twice

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 5, 4, 9, 0, tzinfo=TZ)
START = NOW + dt.timedelta(days=8)
END = START + dt.timedelta(hours=8)


def local(at: dt.datetime) -> str:
    return at.astimezone(TZ).strftime("%Y-%m-%dT%H:%M")


class AskReachTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        # Below the fuse: 普光荣 (a landline and a mobile), 李四 (two mobiles), and two
        # households no text reaches: 王五 with a landline only, 赵六 with no phone at all.
        households_below(
            self,
            (
                ("53250000002", "李四", ("+8613900002222", "+8613900003333")),
                ("53250000003", "王五", ("+868785550000",)),
                ("53250000004", "赵六", ()),
            ),
        )
        Liaison.objects.create(
            station=self.station_a,
            village=self.village,
            name="杨书记",
            phone="+8613700001111",
            role=Liaison.Role.SECRETARY,
        )

    def test_recording_says_how_many_are_off_and_how_many_get_no_text(self) -> None:
        ask = record_ask(self.station_a, self.fuse)
        self.assertEqual((ask.reach.households, ask.reach.texted, ask.reach.untexted), (4, 2, 2))
        # Three households' mobiles and the liaison's: what the notice sends.
        self.assertEqual(ask.phones, 4)
        with translation.override("en"):
            self.assertEqual(
                ask.said,
                "4 households are off, of whom 2 with a mobile on file get a text message; "
                "2 have no mobile number (tell them through the village liaison or a visit).",
            )

    def test_the_outages_page_asks_with_both_figures(self) -> None:
        self.login(self.clerk)
        with translation.override("en"):
            said = record_ask(self.station_a, self.fuse).said
        self.client.cookies["django_language"] = "en"
        response = self.client.post(
            reverse("outages:list"),
            {"action": "declare", "device": self.fuse.name, "kind": "unplanned", "cause": "雷击"},
        )
        self.assertFalse(Outage.objects.exists())
        self.assertContains(response, f'<p data-testid="ask-reach-said">{said}</p>', html=True)

    def test_announcing_says_it_and_every_household_with_a_mobile_is_said_so(self) -> None:
        CustomerPhone.objects.create(
            customer=Customer.objects.get(name="王五"), number="+8613900004444"
        )
        CustomerPhone.objects.create(
            customer=Customer.objects.get(name="赵六"), number="+8613900005555"
        )
        with time_machine.travel(NOW, tick=False):
            ask = planned_ask_announce(
                station=self.station_a,
                user=self.chief,
                device=self.fuse,
                starts_at=START,
                ends_at=END,
                cause="更换绝缘子",
            )
        self.assertEqual((ask.reach.households, ask.reach.texted, ask.phones), (4, 4, 6))
        with translation.override("en"):
            self.assertEqual(
                ask.said,
                "4 households will be off, every one with a mobile on file: all get a text "
                "message.",
            )

    def test_calling_off_a_moved_outage_counts_the_messages_it_sends(self) -> None:
        self.login(self.chief)
        with time_machine.travel(NOW, tick=False):
            press_twice(
                self.client,
                reverse("outages:planned"),
                {
                    "action": "announce",
                    "device": self.fuse.name,
                    "starts_at": local(START),
                    "ends_at": local(END),
                    "cause": "更换绝缘子",
                },
            )
            outage = Outage.objects.get()
            planned_outage_reschedule(
                outage=outage,
                user=self.chief,
                starts_at=START + dt.timedelta(days=1),
                ends_at=END + dt.timedelta(days=1),
                reason="设备未到",
            )
            # Each address was texted twice (the announcement and the move).
            self.assertEqual(Delivery.objects.filter(channel="sms").count(), 8)
            ask = planned_ask_cancel(outage=outage, user=self.chief)
            planned_outage_cancel(outage=outage, user=self.chief, reason="天气预报有雷雨")
        sent = Delivery.objects.filter(channel="sms", template="planned_cancelled")
        self.assertEqual(ask.phones, sent.count())
        self.assertEqual(ask.phones, 4)  # three households' mobiles and the liaison's
        self.assertEqual(
            ask.households, sent.exclude(customer=None).values("customer").distinct().count()
        )
        self.assertEqual((ask.reach.households, ask.reach.untexted), (4, 2))
