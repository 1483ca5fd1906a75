"""Hotline cards recorded twice — a double click, Back and send again, the page sent twice at
once — are one card a household (probe72 M5): a household holding a card already is not
recorded again, and a visit's count and history do not grow. Two threads at once on SQLite and
on PostgreSQL."""

from __future__ import annotations

from typing import Any

from django.test import TransactionTestCase
from django.urls import reverse
from django.utils import timezone

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
