"""The rating kiosk (walkthrough 31, findings 15, 16 and 20): the next customer's tap, after
the thanks screen, is a rating of its own; a clerk who is not counter staff here is refused,
not silently cleared; a retired kiosk tells the customer, not the staff, what to do."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.counter_kiosk import KIOSK_COOKIE, KIOSK_FLOOR
from powerdesk.servicedesk.models import CounterKiosk, CounterRating
from tests.base import BaseTestCase, make_user


class KioskNextCustomerTests(BaseTestCase):
    def start_kiosk(self) -> CounterKiosk:
        self.login(self.clerk)
        response = self.client.post(
            reverse("servicedesk:counter_rating"),
            {"name": "营业厅1号柜台", "service": "pay_bill", "served_by": self.clerk.pk},
        )
        self.assertRedirects(response, reverse("servicedesk:kiosk"))
        return CounterKiosk.objects.get()

    def faces(self) -> dict[str, str]:
        """The faces page's hidden fields, as the tablet shows them now."""
        page = self.client.get(reverse("servicedesk:kiosk")).content.decode()
        return dict(re.findall(r'<input type="hidden" name="(seen)" value="([^"]*)">', page))

    def rate(self, score: str, shown: dict[str, str]) -> HttpResponse:
        return self.client.post(reverse("servicedesk:kiosk"), {"score": score, **shown})

    def test_the_next_customer_after_the_thanks_screen_is_counted(self) -> None:
        kiosk = self.start_kiosk()
        start = timezone.now()
        shown = self.faces()
        with time_machine.travel(start, tick=False):
            thanks = self.rate("5", shown)
        self.assertEqual(thanks.status_code, 200)
        # The thanks screen stays until a tap from the faces can count (KIOSK_FLOOR).
        self.assertContains(thanks, f'content="{int(KIOSK_FLOOR.total_seconds())};url=')
        # A double tap from the same page is the same customer: not counted, and truly said.
        with time_machine.travel(start + dt.timedelta(seconds=9), tick=False):
            self.assertEqual(self.rate("5", shown).status_code, 429)
        # Staff reassign the kiosk; the thanks screen goes back to the faces; the next
        # customer taps within the 15 seconds: a rating of their own.
        kiosk.served_by = self.chief
        kiosk.save(update_fields=["served_by"])
        with time_machine.travel(start + KIOSK_FLOOR, tick=False):
            self.assertEqual(self.rate("3", self.faces()).status_code, 200)
        self.assertEqual(
            list(CounterRating.objects.order_by("at").values_list("score", "served_by")),
            [(5, self.clerk.pk), (3, self.chief.pk)],
        )

    def test_one_person_cannot_rate_from_the_faces_again_and_again(self) -> None:
        """Review 32, finding 9: the faces after the thanks screen skipped the 15 s pause, so
        one person could rate every ~5 s; and ``seen`` was a bare number anyone could set."""
        self.start_kiosk()
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            self.assertEqual(self.rate("1", self.faces()).status_code, 200)
        rating = CounterRating.objects.get()
        with time_machine.travel(start + dt.timedelta(seconds=5), tick=False):
            # The faces the thanks screen goes back to: still within the floor.
            self.assertEqual(self.rate("1", self.faces()).status_code, 429)
        with time_machine.travel(start + dt.timedelta(seconds=10), tick=False):
            # Past the floor, but within 15 s: a forged or altered ``seen`` is no ``seen``.
            good = self.faces()["seen"]
            for forged in (str(rating.pk), good[:-2] + ("AA" if good[-2:] != "AA" else "BB")):
                self.assertEqual(self.rate("1", {"seen": forged}).status_code, 429)
        self.assertEqual(CounterRating.objects.count(), 1)

    def test_a_clerk_who_is_not_counter_staff_here_is_refused_not_cleared(self) -> None:
        kiosk = self.start_kiosk()
        crew = make_user("crew_k", self.station_a, "crew")
        self.login(self.chief)
        for bad in (str(crew.pk), "abc", "999999"):
            response = self.client.post(
                reverse("servicedesk:kiosk_change", args=[kiosk.pk]),
                {"action": "set", "service": "complaint", "served_by": bad},
                follow=True,
            )
            # at the row's clerk, what was chosen kept (review 33: it was a banner)
            self.assertContains(response, 'data-testid="kiosk-row-served-by-errors"')
            kiosk.refresh_from_db()
            self.assertEqual((kiosk.service, kiosk.served_by), ("pay_bill", self.clerk))
        # No one chosen is a choice: the kiosk rates the service without a clerk.
        self.client.post(
            reverse("servicedesk:kiosk_change", args=[kiosk.pk]),
            {"action": "set", "service": "complaint", "served_by": ""},
        )
        kiosk.refresh_from_db()
        self.assertEqual((kiosk.service, kiosk.served_by), ("complaint", None))

    def test_a_retired_kiosk_shows_the_customer_no_staff_instructions(self) -> None:
        kiosk = self.start_kiosk()
        key = self.client.cookies[KIOSK_COOKIE].value
        self.login(self.clerk)
        self.client.post(reverse("servicedesk:kiosk_change", args=[kiosk.pk]), {"action": "retire"})
        self.client.logout()
        self.client.cookies[KIOSK_COOKIE] = key
        response = self.client.post(reverse("servicedesk:kiosk"), {"score": "5"})
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, 'data-testid="kiosk-retired"', status_code=403)
        self.assertNotContains(response, reverse("servicedesk:counter_rating"), status_code=403)
        self.assertNotContains(response, "<a ", status_code=403)
        self.assertFalse(CounterRating.objects.exists())
