"""The ask before recording an outage (``reach.outage_known_reach``) counted the liaisons its
first text then spares: an outage recorded inside a wider one ending later texts neither the
households it keeps dark nor their villages' liaisons its earlier time
(``outage_known.spared_under_later_wider``). The ask counts what is sent."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.urls import reverse
from django.utils import timezone

from powerdesk.notifications import reach
from powerdesk.notifications.models import Channel, Delivery
from powerdesk.notifications.reach import Reach, outage_known_reach
from powerdesk.outages.models import Outage
from tests.base import BaseTestCase
from tests.outage_cast import declared, households_beside_the_fuse
from tests.outage_cast_liaisons import village_liaisons


class ReachSparedTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        households_beside_the_fuse(self)
        village_liaisons(self)
        self.now = timezone.now().replace(second=0, microsecond=0)

    def ask(self, back_in: dt.timedelta) -> Reach:
        return outage_known_reach(
            self.station_a,
            self.fuse,
            starts_at=self.now - dt.timedelta(minutes=10),
            expected_restore_at=self.now + back_in,
        )

    def sent(self, outage: Outage) -> tuple[int, int]:
        """The text messages the outage's first text sent, and those to liaisons."""
        sms = Delivery.objects.filter(notice__key=f"outage_known:{outage.pk}", channel=Channel.SMS)
        return sms.count(), sms.filter(liaison__isnull=False).count()

    def test_the_ask_leaves_out_the_liaisons_an_earlier_time_spares(self) -> None:
        declared(self, self.pole, began=20, back_in=dt.timedelta(hours=4), now=self.now)
        asked = self.ask(dt.timedelta(hours=1))
        fuse = declared(self, self.fuse, began=10, back_in=dt.timedelta(hours=1), now=self.now)
        messages, liaisons = self.sent(fuse)
        self.assertEqual(liaisons, 0)
        self.assertEqual(asked.messages, messages)

    def test_the_ask_counts_the_liaisons_of_a_fuse_ending_after_the_wider_outage(self) -> None:
        declared(self, self.pole, began=20, back_in=dt.timedelta(hours=1), now=self.now)
        asked = self.ask(dt.timedelta(hours=4))
        fuse = declared(self, self.fuse, began=10, back_in=dt.timedelta(hours=4), now=self.now)
        messages, liaisons = self.sent(fuse)
        self.assertEqual(liaisons, 2)
        self.assertEqual(asked.messages, messages)

    def test_the_ask_on_the_outages_page_counts_with_the_times_typed(self) -> None:
        """Recorded by hand: the ask knows the start and the time back typed in the form."""
        declared(self, self.pole, began=20, back_in=dt.timedelta(hours=4), now=self.now)
        local = timezone.localtime(self.now)
        typed = {
            "action": "declare",
            "device": self.fuse.code,
            "kind": "unplanned",
            "starts_at": f"{local - dt.timedelta(minutes=10):%Y-%m-%d %H:%M}",
            "expected_restore_at": f"{local + dt.timedelta(hours=1):%Y-%m-%d %H:%M}",
        }
        self.client.force_login(self.chief)
        with mock.patch.object(
            reach, "outage_known_reach", wraps=reach.outage_known_reach
        ) as asked:
            response = self.client.post(reverse("outages:list"), typed)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Outage.objects.filter(device=self.fuse).exists())  # only asked
        (call,) = asked.call_args_list
        self.assertEqual(call.kwargs["expected_restore_at"], self.now + dt.timedelta(hours=1))
        self.assertEqual(call.kwargs["starts_at"], self.now - dt.timedelta(minutes=10))
