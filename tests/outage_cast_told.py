"""The set-up of the told-once tests of an inner outage's time (households texted the wider
outage's time first), shared by tests/test_inner_later_revised.py and
tests/test_wider_earlier_inner_told.py (outage_cast.py holds the station's households)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.notifications.models import Channel, Delivery
from powerdesk.outages.estimates import outage_estimate
from powerdesk.outages.models import Outage
from tests.base import BaseTestCase
from tests.outage_cast import declared, households_beside_the_fuse, texted
from tests.outage_cast_liaisons import village_liaisons


class PoleTextedFirstTestCase(BaseTestCase):
    """The pole's outage (W) texted first, at ``now`` (this whole minute), back in ``POLE_BACK_IN``,
    to every household below it (H: ``below_fuse`` and 钱七 ``beside``); the fuse's (I) found
    within it next. The set-up of the told-once tests of an inner outage's time."""

    POLE_BACK_IN = 2 * dt.timedelta(hours=1)

    def setUp(self) -> None:
        super().setUp()
        cast = households_beside_the_fuse(self)
        self.below_fuse = cast.below_fuse
        self.beside = cast.qian.pk  # under the pole, not the fuse
        self.director, self.leader = village_liaisons(self)
        self.now = timezone.now().replace(second=0, microsecond=0)
        self.pole_outage = declared(
            self, self.pole, began=10, back_in=self.POLE_BACK_IN, now=self.now
        )
        assert self.below_fuse | {self.beside} <= texted(f"outage_known:{self.pole_outage.pk}")

    def find_fuse(self, back_in: dt.timedelta) -> Outage:
        return declared(self, self.fuse, began=5, back_in=back_in, now=self.now)

    def revise(self, outage: Outage, back_in: dt.timedelta, *, after: int = 1) -> None:
        """``outage``'s time set to ``back_in`` from ``now``, ``after`` minutes later."""
        with time_machine.travel(self.now + dt.timedelta(minutes=after), tick=False):
            outage_estimate(outage=outage, user=self.chief, expected_restore_at=self.now + back_in)

    def at(self, back_in: dt.timedelta) -> str:
        return (self.now + back_in).isoformat()[:16]

    def times_to(self, outage: Outage, customer: int) -> list[str]:
        """The times ``outage``'s texts told ``customer``, one a text (to however many mobiles),
        oldest first (its first text included)."""
        rows = Delivery.objects.filter(
            notice__subject_id=outage.pk, channel=Channel.SMS, customer_id=customer
        ).select_related("notice")
        notices = dict.fromkeys(d.notice for d in rows.order_by("notice__created_at", "pk"))
        return [n.facts.get("etr", "")[:16] for n in notices]

    def more_below_the_fuse(self, households: int, accounts: str, mobiles: str) -> None:
        """``households`` more below the fuse, each with a mobile (account ``accounts``+NNNN,
        mobile ``mobiles``+NNNNN): for counting queries."""
        for i in range(households):
            customer = Customer.objects.create(
                station=self.station_a, account_number=f"{accounts}{i:04d}", name=f"户{i}",
                village=self.village, group=self.group, transformer=self.transformer,
            )  # fmt: skip
            CustomerPhone.objects.create(customer=customer, number=f"{mobiles}{i:05d}")
