"""How many households called about a crew's outage job, as the card lists them: the
households whose calls are joined to the outage's orders (one household calling twice is one;
a caller not on file is told apart by the number they called from, normalised, and is the
household of a caller on file who called from that number, or whose number it is, among the
same calls). Not the board's figure of
households that reported a fault since the outage's first sign: a household that called before
the outage was recorded is on the card's list of calls, and counted with it, so that the count
never says "0 households" above two callers' words."""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import Case, CharField, Count, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.translation import ngettext

from powerdesk.servicedesk.models import Call

__all__ = ["Called", "called_words", "calls_counted"]


class Called(NamedTuple):
    households: int
    calls: int


def calls_counted(calls: QuerySet[Call]) -> Called:
    """How many households and calls ``calls`` are, in one query. A call's household: its
    customer on file; else the customer on file of another of ``calls`` made from the same
    number (normalised), or whose number it is; else that number; else the number as written;
    else the call itself (a caller with no number is one household per call)."""
    linked = calls.filter(customer__isnull=False).order_by()
    same_number = linked.filter(caller_e164=OuterRef("caller_e164")).values("customer_id")[:1]
    their_phone = linked.filter(customer__phones__number=OuterRef("caller_e164")).values(
        "customer_id"
    )[:1]
    text = CharField()
    household = Case(
        When(customer__isnull=False, then=Concat(Value("c"), Cast("customer_id", text))),
        When(owner__isnull=False, then=Concat(Value("c"), Cast("owner", text))),
        When(~Q(caller_e164=""), then=Concat(Value("n"), "caller_e164")),
        When(~Q(caller_number=""), then=Concat(Value("r"), "caller_number")),
        default=Concat(Value("k"), Cast("pk", text)),
        output_field=text,
    )
    found = (
        calls.order_by()
        .annotate(
            owner=Case(
                When(
                    Q(customer__isnull=True) & ~Q(caller_e164=""),
                    then=Coalesce(Subquery(same_number), Subquery(their_phone)),
                ),
                default=None,
            )
        )
        .annotate(household=household)
        .aggregate(households=Count("household", distinct=True), calls=Count("pk"))
    )
    return Called(households=found["households"], calls=found["calls"])


def called_words(households: int, calls: int) -> str:
    """ "2 户来电" / "2 户来电，共 3 次" (a household called twice, or a caller not on file)."""
    if calls > households:
        return ngettext(
            "%(n)d household called, %(calls)d calls in all",
            "%(n)d households called, %(calls)d calls in all",
            households,
        ) % {"n": households, "calls": calls}
    return ngettext("%(n)d household called", "%(n)d households called", households) % {
        "n": households
    }
