"""A step of an arrears case sent twice from its page (a double click, a reload) records once:
the notice's period is not moved, the case is not opened twice, one payment makes one
reconnection order; a step recorded otherwise is said, not written over."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.arrears.services import disconnection_carry_out
from powerdesk.customers.models import Customer
from powerdesk.servicedesk.models import WorkOrder
from tests.arrears.api_cast import AFTER_NOTICE, START, ArrearsApiCase
from tests.base import zh


class StepsOnceTests(ArrearsApiCase):
    def test_the_notice_sent_twice_is_recorded_once(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.open_case()
        url = reverse("arrears:case", args=[case.pk])
        self.login(self.clerk)
        with time_machine.travel(START + dt.timedelta(minutes=1), tick=False):
            self.client.post(url, {"step": "notice", "method": "door"})
        with time_machine.travel(START + dt.timedelta(minutes=2), tick=False):
            self.client.post(url, {"step": "notice", "method": "door"})
            # Another way, once it is recorded: said, not written over.
            page = self.client.post(url, {"step": "notice", "method": "in_person"}, follow=True)
        self.assertContains(
            page, zh("The written notice was recorded already: %(time)s, %(how)s.")[:6]
        )
        case.refresh_from_db()
        self.assertEqual(case.notice_delivered_at, START + dt.timedelta(minutes=1))
        self.assertEqual(case.notice_method, "door")
        self.assertEqual(ArrearsEvent.objects.filter(case=case, stage="notice_given").count(), 1)

    def test_a_case_is_opened_once_and_one_payment_reconnects_once(self) -> None:
        self.login(self.clerk)
        typed = {"account_number": "53250000777", "amount": "236.50", "owed_since": "2025-12-01"}
        first = self.client.post(reverse("arrears:cases"), typed)
        again = self.client.post(reverse("arrears:cases"), typed)
        self.assertEqual(first["Location"], again["Location"])
        self.assertEqual(ArrearsCase.objects.count(), 1)
        refused = self.client.post(reverse("arrears:cases"), {**typed, "amount": "999"})
        self.assertEqual(refused.status_code, 400)
        self.assertEqual(ArrearsCase.objects.count(), 1)
        with time_machine.travel(START, tick=False):
            case = self.approved(self.household_again())
        with time_machine.travel(AFTER_NOTICE, tick=False):
            disconnection_carry_out(case=case, user=self.chief)
            self.login(self.clerk)
            url = reverse("arrears:case", args=[case.pk])
            for _twice in range(2):
                self.assertEqual(self.client.post(url, {"step": "paid"}).status_code, 302)
        self.assertEqual(WorkOrder.objects.filter(customer=case.customer).count(), 1)
        self.assertEqual(ArrearsEvent.objects.filter(case=case, stage="paid").count(), 1)

    def household_again(self) -> Customer:
        return Customer.objects.create(
            station=self.station_a, account_number="53250000555", name="赵六", village=self.village
        )
