"""A household under outages one inside another: the fuse's (recorded later, back in an hour)
inside the pole's (off first, back in four hours). Its call joins the nearest one (the fuse's:
its order, its crew, its callback list), whichever began first; it is told the one whose restore
gives it power back (the pole's, later), at intake and in the answer to its text alike. It was
the outage that began first, not the nearest, that calls joined and texts were answered with."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.notifications.inbound import inbound_take
from powerdesk.outages.joined import nearest_outage_above, outage_told_above
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Category
from tests.base import BaseTestCase
from tests.outage_cast import declared

NUMBER = "0878-1234567"  # 普光荣's, below the fuse
MOBILE = "13812345678"  # 普光荣's mobile


class NearestOutageAboveTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        # The pole's outage began first; the fuse below it was found blown later.
        self.wider = declared(self, self.pole, began=40, back_in=dt.timedelta(hours=4))
        self.inner = declared(self, self.fuse, began=10, back_in=dt.timedelta(hours=1))

    def test_the_call_joins_the_nearest_and_the_caller_is_told_the_one_ending_last(self) -> None:
        self.assertEqual(nearest_outage_above(self.customer), self.inner)
        self.assertEqual(outage_told_above(self.customer), self.wider)
        self.login(self.clerk)
        response = self.client.get(reverse("servicedesk:caller"), {"caller_number": NUMBER})
        self.assertEqual(response.context["join_outage"], self.inner)
        self.assertEqual(response.context["wider_outage"], self.wider)
        late = f"{timezone.localtime(self.wider.expected_restore_at):%m-%d %H:%M}"
        self.assertIn(late, response.context["tell_outage"])
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            text="家里停电了",
            caller_number=NUMBER,
            category=Category.FAULT_REPAIR,
        )
        self.assertEqual(taken.outage, self.inner)

    def test_the_answer_to_a_text_tells_the_one_ending_last(self) -> None:
        late = f"{timezone.localtime(self.wider.expected_restore_at):%m-%d %H:%M}"
        early = f"{timezone.localtime(self.inner.expected_restore_at):%m-%d %H:%M}"
        for i, text in enumerate(["停电了", "查询"]):
            reply = inbound_take(
                station=self.station_a, message_id=f"n-{i}", from_number=MOBILE, text=text
            ).reply
            self.assertIn(late, reply)
            self.assertNotIn(early, reply)

    def test_an_inner_outage_ending_later_is_the_one_told(self) -> None:
        from powerdesk.outages.estimates import outage_estimate

        outage_estimate(
            outage=self.inner,
            user=self.chief,
            expected_restore_at=timezone.now() + dt.timedelta(hours=6),
        )
        self.assertEqual(outage_told_above(self.customer), self.inner)
        self.login(self.clerk)
        response = self.client.get(reverse("servicedesk:caller"), {"caller_number": NUMBER})
        self.assertEqual(response.context["join_outage"], self.inner)
        self.assertIsNone(response.context["wider_outage"])
