"""Hotline cards handed to households (a visit's, or at the counter): checked at once, each
problem at its field, and recorded once however often the page is sent (split from
``services``: review79 L6)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.customers.models import Customer
from powerdesk.lib.forms import refuse_all
from powerdesk.outreach.models import HotlineCard, OutreachVisit
from powerdesk.outreach.services import OutreachError, _event
from powerdesk.servicedesk.history_notes import note_said

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

__all__ = ["CardsGiven", "cards_give", "cards_give_check"]


def cards_give_check(
    *,
    station: Station,
    customers: Iterable[Customer],
    given_on: dt.date | None,
    channel: str,
    visit: OutreachVisit | None = None,
) -> None:
    """Every problem of cards handed out at once, each at its field (one answer, one
    resubmission): ``OutreachError`` with its ``wrong``. ``given_on`` None: refused already by
    the form, at its field."""
    customers = list(customers)
    wrong: dict[str, str] = {}
    if not customers:
        wrong["customers"] = _("Tick the households that received a card.")
    elif any(c.station_id != station.pk for c in customers):
        wrong["customers"] = _("A household chosen is not this station's customer.")
    if channel not in HotlineCard.Channel.values:
        wrong["channel"] = _("Say how the cards were handed out.")
    if given_on is not None and given_on > timezone.localdate():
        wrong["given_on"] = _("Cards cannot be recorded as given in the future.")
    if visit is not None and visit.station_id != station.pk:
        wrong["visit"] = _("That visit is not this station's.")
    refuse_all(OutreachError, wrong)


class CardsGiven(NamedTuple):
    """Cards recorded, and the households skipped (a card of that day and visit held)."""

    recorded: int
    skipped: list[Customer]


@transaction.atomic
def cards_give(
    *,
    station: Station,
    user: User | None,
    customers: Iterable[Customer],
    given_on: dt.date,
    channel: str,
    visit: OutreachVisit | None = None,
) -> CardsGiven:
    """Record hotline cards handed to households; returns how many were recorded and the
    households skipped. A household holding a card of the same ``given_on`` (and of the same
    visit, when one is given) is not recorded again: that is this page sent again (a double
    click, a retry, Back and send, two clerks at once) — the visit's count and history do not
    grow (probe72 M5). A card on another day (a replacement, next year's card) is recorded
    (review72 L4). The households' rows are held, so two sendings at once find each other's
    cards."""
    require(user, station, Do.OUTREACH_RECORD)
    customers = list(customers)
    cards_give_check(
        station=station, customers=customers, given_on=given_on, channel=channel, visit=visit
    )
    ids = [c.pk for c in customers]
    list(Customer.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))
    same = HotlineCard.objects.filter(station=station, customer_id__in=ids, given_on=given_on)
    if visit is not None:
        same = same.filter(visit=visit)
    holding = set(same.values_list("customer_id", flat=True))
    skipped = [c for c in customers if c.pk in holding]
    customers = [c for c in customers if c.pk not in holding]
    if not customers:
        return CardsGiven(0, skipped)
    HotlineCard.objects.bulk_create(
        [
            HotlineCard(
                station=station,
                customer=c,
                given_on=given_on,
                channel=channel,
                visit=visit,
                recorded_by=user,
            )
            for c in customers
        ]
    )
    if visit is not None:
        _event(visit, user, "cards", said=note_said("hotline_cards", n=len(customers)))
    return CardsGiven(len(customers), skipped)
