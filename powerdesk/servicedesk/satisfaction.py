"""Satisfaction figures: callback scores and counter ratings, month by month."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.servicedesk.models import Callback, CounterKiosk, CounterRating

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

SATISFIED = 4  # a score of 4 or 5 counts as satisfied


# A kiosk takes one rating at a time: a second tap within this many seconds is the same
# customer (a double tap, or someone playing with the tablet) and is not counted.
KIOSK_MIN_INTERVAL = dt.timedelta(seconds=15)
# No counter serves more than this many customers an hour; beyond it the ratings are noise.
KIOSK_HOURLY_CAP = 60
KIOSK_COOKIE = "powerdesk_kiosk"


class RatingError(ValueError):
    pass


class RatingThrottled(RatingError):
    """The kiosk has just taken a rating, or as many as an hour can hold."""


def kiosk_start(
    *, station: Station, user: User, name: str, service: str, served_by: User | None
) -> tuple[CounterKiosk, str]:
    """A new kiosk for the station; the clear key is returned once (for the device's cookie)
    and only its hash is stored."""
    require(user, station, Do.COUNTER_KIOSK)
    name = name.strip()
    if not name:
        raise RatingError(_("Give the kiosk a name, such as the counter it stands at."))
    if len(name) > CounterKiosk._meta.get_field("name").max_length:  # type: ignore[operator]
        raise RatingError(_("The kiosk's name is too long (40 characters at most)."))
    _check_setup(station, service, served_by)
    key = secrets.token_urlsafe(32)
    kiosk = CounterKiosk.objects.create(
        station=station,
        name=name,
        key_hash=_hash(key),
        service=service,
        served_by=served_by,
        started_by=user,
        started_at=timezone.now(),
    )
    return kiosk, key


def kiosk_set(
    *, kiosk: CounterKiosk, user: User | None, service: str, served_by: User | None
) -> CounterKiosk:
    """What the next customer at this kiosk rates: the service just given and by whom."""
    require(user, kiosk.station_id, Do.COUNTER_KIOSK)
    _check_setup(kiosk.station, service, served_by)
    kiosk.service = service
    kiosk.served_by = served_by
    kiosk.save(update_fields=["service", "served_by"])
    return kiosk


def kiosk_retire(*, kiosk: CounterKiosk, user: User | None) -> CounterKiosk:
    """The device's key stops working (a tablet lost, replaced or moved)."""
    require(user, kiosk.station_id, Do.COUNTER_KIOSK)
    if kiosk.retired_at is None:
        kiosk.retired_at = timezone.now()
        kiosk.save(update_fields=["retired_at"])
    return kiosk


def kiosk_from_key(key: str) -> CounterKiosk | None:
    if not key:
        return None
    return (
        CounterKiosk.objects.select_related("station")
        .filter(key_hash=_hash(key), retired_at__isnull=True)
        .first()
    )


@transaction.atomic
def counter_rate(
    *, kiosk: CounterKiosk, score: int, now: dt.datetime | None = None
) -> CounterRating:
    """One customer's rating at a kiosk, of the service and clerk the kiosk is set to."""
    if not 1 <= score <= 5:
        raise RatingError(_("The score must be 1 to 5."))
    now = now or timezone.now()
    # The kiosk's row is the lock: two taps at once are taken one after the other.
    kiosk = CounterKiosk.objects.select_for_update().get(pk=kiosk.pk)
    if kiosk.retired_at is not None:
        raise RatingError(_("This kiosk has been retired."))
    recent = kiosk.ratings.filter(at__gt=now - dt.timedelta(hours=1))
    last = recent.order_by("-at").values_list("at", flat=True).first()
    if last is not None and now - last < KIOSK_MIN_INTERVAL:
        raise RatingThrottled(_("Thank you, your rating has already been recorded."))
    if recent.count() >= KIOSK_HOURLY_CAP:
        raise RatingThrottled(
            _("This kiosk has taken as many ratings as an hour can hold. Please try later.")
        )
    return CounterRating.objects.create(
        station_id=kiosk.station_id,
        at=now,
        score=score,
        service=kiosk.service,
        served_by=kiosk.served_by,
        kiosk=kiosk,
    )


def _check_setup(station: Station, service: str, served_by: User | None) -> None:
    if service not in CounterRating.Service.values:
        raise RatingError(_("Choose the service that was given."))
    if served_by is not None and not served_by.memberships.filter(station=station).exists():
        raise RatingError(_("Choose someone who works at this station."))


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class Figures:
    count: int
    average: float | None
    satisfied: int

    @property
    def rate(self) -> float | None:
        return self.satisfied / self.count if self.count else None


@dataclass(frozen=True)
class MonthFigures:
    month: dt.date
    callbacks: Figures
    counter: Figures

    @property
    def combined(self) -> Figures:
        count = self.callbacks.count + self.counter.count
        if not count:
            return Figures(0, None, 0)
        total = (self.callbacks.average or 0) * self.callbacks.count + (
            self.counter.average or 0
        ) * self.counter.count
        return Figures(count, total / count, self.callbacks.satisfied + self.counter.satisfied)


def _by_month(rows) -> dict[dt.date, Figures]:  # type: ignore[no-untyped-def]
    return {
        timezone.localtime(r["month"]).date()
        if isinstance(r["month"], dt.datetime)
        else r["month"]: Figures(r["n"], r["avg"], r["ok"])
        for r in rows
    }


def monthly_satisfaction(station: Station, year: int) -> list[MonthFigures]:
    """Every month of the year so far with its callback and counter figures."""
    callbacks = _by_month(
        Callback.objects.filter(
            work_order__station=station, at__year=year, satisfaction__isnull=False
        )
        .annotate(month=TruncMonth("at"))
        .values("month")
        .annotate(
            n=Count("pk"),
            avg=Avg("satisfaction"),
            ok=Count("pk", filter=Q(satisfaction__gte=SATISFIED)),
        )
    )
    counter = _by_month(
        CounterRating.objects.for_station(station)
        .filter(at__year=year)
        .annotate(month=TruncMonth("at"))
        .values("month")
        .annotate(n=Count("pk"), avg=Avg("score"), ok=Count("pk", filter=Q(score__gte=SATISFIED)))
    )
    today = timezone.localdate()
    last = 12 if year < today.year else today.month
    empty = Figures(0, None, 0)
    months = [dt.date(year, m, 1) for m in range(1, last + 1)]
    return [MonthFigures(m, callbacks.get(m, empty), counter.get(m, empty)) for m in months]


def total(months: list[MonthFigures]) -> MonthFigures:
    def add(items: list[Figures]) -> Figures:
        count = sum(f.count for f in items)
        if not count:
            return Figures(0, None, 0)
        average = sum((f.average or 0) * f.count for f in items) / count
        return Figures(count, average, sum(f.satisfied for f in items))

    return MonthFigures(
        months[0].month if months else timezone.localdate(),
        add([m.callbacks for m in months]),
        add([m.counter for m in months]),
    )
