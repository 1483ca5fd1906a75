"""Hotline cards recorded twice — a double click, Back and send again, the page sent twice at
once — are one card a household (probe72 M5): a household holding a card of the same day (and
visit) is not recorded again, and a visit's count and history do not grow. A card on another day
(a replacement) is recorded, and a batch names the households it skipped (review72 L4). Two
threads at once on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import TransactionTestCase
from django.urls import reverse
from django.utils import timezone

from powerdesk.customers.models import Customer
from powerdesk.outreach.cards import cards_give
from powerdesk.outreach.models import HotlineCard, OutreachVisit
from powerdesk.outreach.services import visit_plan_once
from tests.base import BaseTestCase, Cast, build_cast
from tests.racing import sent_at_once


class Carded:
    def cards(self: Any, visit: OutreachVisit) -> dict[str, Any]:
        return {
            "customers": [self.customer.pk],
            "given_on": timezone.localdate().isoformat(),
            "channel": "visit",
            "visit": visit.pk,
        }

    def visit(self: Any) -> OutreachVisit:
        visit = visit_plan_once(
            station=self.station_a, user=self.clerk, date=timezone.localdate(), title="宣传",
            villages=[self.village], staff=[self.clerk], topics=["safe_use"],
        )[0]  # fmt: skip
        OutreachVisit.objects.filter(pk=visit.pk).update(status=OutreachVisit.Status.DONE)
        return visit


class CardsSentAgainTests(Carded, BaseTestCase):
    def test_the_page_sent_again_records_no_second_card_and_the_visit_does_not_grow(self) -> None:
        visit = self.visit()
        self.login(self.clerk)
        url = reverse("outreach:group_cards", args=[self.group.pk])
        for _ in range(3):  # the first, then Back and send again twice
            self.assertEqual(self.client.post(url, self.cards(visit)).status_code, 302)
        self.assertEqual(HotlineCard.objects.filter(customer=self.customer).count(), 1)
        self.assertEqual(visit.cards.count(), 1)
        self.assertEqual(visit.events.filter(what="cards").count(), 1)
        page = self.client.get(visit.get_absolute_url())
        self.assertEqual(page.context["cards"], 1)

    def test_a_card_on_another_day_is_recorded(self) -> None:
        today = timezone.localdate()
        for day in (today - dt.timedelta(days=30), today):  # lost, then a replacement
            given = cards_give(
                station=self.station_a, user=self.clerk, customers=[self.customer],
                given_on=day, channel="counter",
            )  # fmt: skip
            self.assertEqual((given.recorded, given.skipped), (1, []))
        self.assertEqual(HotlineCard.objects.filter(customer=self.customer).count(), 2)

    def test_a_mixed_batch_names_the_households_skipped(self) -> None:
        visit = self.visit()
        second = Customer.objects.create(
            station=self.station_a, account_number="53250000002", name="起文明",
            village=self.village, group=self.group,
        )  # fmt: skip
        self.login(self.clerk)
        self.client.cookies["django_language"] = "en"
        url = reverse("outreach:group_cards", args=[self.group.pk])
        self.client.post(url, self.cards(visit), follow=True)
        both = {**self.cards(visit), "customers": [self.customer.pk, second.pk]}
        page = self.client.post(url, both, follow=True)
        said = [str(m) for m in page.context["messages"]]
        self.assertEqual(said[0], "1 hotline card recorded.")
        self.assertEqual(len(said), 2, said)
        self.assertIn(self.customer.name, said[1])
        self.assertNotIn(second.name, said[1])
        self.assertEqual(HotlineCard.objects.filter(customer=second).count(), 1)
        self.assertEqual(visit.cards.count(), 2)


class CardsAtOnceTests(Carded, Cast, TransactionTestCase):
    def setUp(self) -> None:
        build_cast(self)

    def test_the_page_sent_twice_at_once_records_one_card(self) -> None:
        visit = self.visit()
        url = reverse("outreach:group_cards", args=[self.group.pk])
        data = self.cards(visit)
        answers = sent_at_once(self.clerk, lambda c: c.post(url, data), 2)
        self.assertEqual([a.status_code for a in answers], [302, 302])
        self.assertEqual(HotlineCard.objects.count(), 1)
        self.assertEqual(visit.events.filter(what="cards").count(), 1)
