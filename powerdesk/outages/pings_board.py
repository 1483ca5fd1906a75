"""A predicted outage's meter pings on the board: the meters asked about its device since its
first sign, each counted once (a meter asked twice is one meter), by what came of it — it
answered (power is on there), it did not within the answer window (no answer), or the window
is still open (waiting). Right after a round every meter is waiting: "0 answered" alone would
read as dark meters."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import ngettext

from powerdesk.engine.model.params import Params
from powerdesk.outages.models import MeterPing, PingRound, PredictedOutage

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# As long as the engine waits for an answer (``pings.ANSWER_WITHIN``).
ANSWER_WITHIN = dt.timedelta(minutes=Params().ping_wait_minutes)


def _asked(*, nested: bool = False) -> QuerySet[MeterPing]:
    """The sent pings about the prediction's device since its first sign (``nested``: in a
    subquery of a subquery of the predictions)."""

    def ref(name: str) -> OuterRef:
        return OuterRef(OuterRef(name)) if nested else OuterRef(name)

    return MeterPing.objects.filter(
        station=ref("station"),
        device_code=ref("code"),
        round__state=PingRound.State.SENT,
        requested_at__gte=Coalesce(ref("first_sign_at"), Value(EPOCH)),
    )


def _meters(rows: QuerySet[MeterPing]) -> Coalesce:
    counted = (
        rows.order_by()
        .values("device_code")
        .annotate(n=Count("customer", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_ping_counts(
    predictions: QuerySet[PredictedOutage], now: dt.datetime | None = None
) -> QuerySet[PredictedOutage]:
    """The predictions with, in the same query (the board's), the meters asked about each
    one's device since its first sign (``pings_asked``), those that answered
    (``pings_answered``) and those still within the answer window (``pings_waiting``); the
    rest did not answer. (Index: station, device, time.)"""
    now = now or timezone.now()
    answered = MeterPing.State.ANSWERED
    answered_meters = _asked(nested=True).filter(state=answered).values("customer")
    waiting = (
        _asked()
        .filter(state=MeterPing.State.REQUESTED, requested_at__gte=now - ANSWER_WITHIN)
        .exclude(customer__in=answered_meters)
    )
    return predictions.annotate(
        pings_asked=_meters(_asked()),
        pings_answered=_meters(_asked().filter(state=answered)),
        pings_waiting=_meters(waiting),
    )


def ping_words(prediction: PredictedOutage) -> str:
    """A prediction's pings in words ("3 meters pinged: 1 answered, 1 no answer, 1 waiting
    (up to 10 min)"), from ``with_ping_counts``."""
    asked = getattr(prediction, "pings_asked", 0) or 0
    if not asked:
        return ""
    answered = getattr(prediction, "pings_answered", 0) or 0
    waiting = getattr(prediction, "pings_waiting", 0) or 0
    return ngettext(
        "%(n)d meter pinged: %(a)d answered, %(x)d no answer, %(w)d waiting (up to %(m)d min)",
        "%(n)d meters pinged: %(a)d answered, %(x)d no answer, %(w)d waiting (up to %(m)d min)",
        asked,
    ) % {
        "n": asked,
        "a": answered,
        "x": max(asked - answered - waiting, 0),
        "w": waiting,
        "m": int(ANSWER_WITHIN.total_seconds() // 60),
    }
