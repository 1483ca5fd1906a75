"""Reading outreach: the calendar, coverage by village, hotline-card coverage by group."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.models import Customer
from powerdesk.outreach.models import HotlineCard, OutreachVisit, Topic


def customers_with_card(station: Station):  # type: ignore[no-untyped-def]
    """The station's customers annotated with ``has_card``."""
    return Customer.objects.for_station(station).annotate(
        has_card=Exists(HotlineCard.objects.filter(customer=OuterRef("pk")))
    )


def cards_held(customer: Customer) -> list[HotlineCard]:
    """The hotline cards the household was given, newest first, each with who recorded it and
    the visit it was given at (the customer's page, walk67 M4)."""
    return list(
        HotlineCard.objects.for_station(customer.station_id)
        .filter(customer=customer)
        .select_related("visit", "recorded_by")
        .order_by("-given_on", "-pk")
    )


def card_held(customer: Customer) -> HotlineCard | None:
    """The household's latest hotline card, for the intake caller panel: one query."""
    return (
        HotlineCard.objects.for_station(customer.station_id)
        .filter(customer=customer)
        .only("given_on", "channel")
        .order_by("-given_on", "-pk")
        .first()
    )


@dataclass
class CardRow:
    village: Village
    group: VillageGroup | None
    households: int
    with_card: int

    @property
    def missing(self) -> int:
        return self.households - self.with_card

    @property
    def share(self) -> float:
        return self.with_card / self.households if self.households else 1.0


def card_coverage(station: Station) -> list[tuple[CardRow, list[CardRow]]]:
    """Per village (and its groups): households, how many have the card, how many do not."""
    counts = (
        customers_with_card(station)
        .values("village_id", "group_id")
        .annotate(total=Count("pk"), covered=Count("pk", filter=Q(has_card=True)))
    )
    by_group: dict[tuple[int | None, int | None], tuple[int, int]] = {
        (r["village_id"], r["group_id"]): (r["total"], r["covered"]) for r in counts
    }
    rows = []
    for village in Village.objects.for_station(station).prefetch_related("groups"):
        group_rows = []
        for group in village.groups.all():
            total, covered = by_group.get((village.pk, group.pk), (0, 0))
            group_rows.append(CardRow(village, group, total, covered))
        loose_total, loose_covered = by_group.get((village.pk, None), (0, 0))
        if loose_total:
            group_rows.append(CardRow(village, None, loose_total, loose_covered))
        rows.append(
            (
                CardRow(
                    village,
                    None,
                    sum(r.households for r in group_rows),
                    sum(r.with_card for r in group_rows),
                ),
                group_rows,
            )
        )
    return rows


def card_totals(station: Station) -> tuple[int, int]:
    """Households and households with the card: the sums of ``card_coverage``'s village rows
    (customers of a village, in one of its groups or in none), in one query."""
    totals = (
        customers_with_card(station)
        .filter(village__station=station)
        .filter(Q(group__isnull=True) | Q(group__village=F("village")))
        .aggregate(total=Count("pk"), covered=Count("pk", filter=Q(has_card=True)))
    )
    return totals["total"], totals["covered"]


@dataclass
class VillageCoverage:
    village: Village
    visits: int = 0
    households_reached: int = 0
    last_visit: dt.date | None = None
    next_visit: dt.date | None = None
    topics: set[str] = field(default_factory=set)
    groups_visited: set[int] = field(default_factory=set)
    # The village's households (its customers): the visits record how many households each
    # reached, not which, so ``households_reached`` is a sum of household visits (累计户次), a
    # household visited twice counted twice, and may pass this (walk74 finding 11).
    households: int = 0

    @property
    def reach_share(self) -> float | None:
        """Household visits over the village's households, at most 1 (a second round of visits
        is no more than the whole village); None for a village with no households on record."""
        if not self.households:
            return None
        return min(1.0, self.households_reached / self.households)

    @property
    def reached_over(self) -> bool:
        """More household visits than households: some households were visited again."""
        return bool(self.households) and self.households_reached > self.households

    @property
    def topics_missing(self) -> list[str]:
        return [str(label) for value, label in Topic.choices if value not in self.topics]


def visit_coverage(station: Station, year: int) -> list[VillageCoverage]:
    """For every village: visits done in the year, households reached (a sum of household
    visits), its households, topics covered."""
    households = dict(
        Customer.objects.filter(station=station, village__isnull=False)
        .values("village_id")
        .annotate(n=Count("pk"))
        .values_list("village_id", "n")
    )
    rows = {
        v.pk: VillageCoverage(v, households=households.get(v.pk, 0))
        for v in Village.objects.for_station(station)
    }
    visits = (
        OutreachVisit.objects.for_station(station)
        .exclude(status=OutreachVisit.Status.CANCELLED)
        .prefetch_related("villages", "groups")
    )
    for visit in visits:
        for village in visit.villages.all():
            row = rows.get(village.pk)
            if row is None:
                continue
            if visit.status == OutreachVisit.Status.PLANNED:
                if row.next_visit is None or visit.date < row.next_visit:
                    row.next_visit = visit.date
                continue
            row.last_visit = max(row.last_visit or visit.date, visit.date)
            if visit.date.year != year:
                continue
            row.visits += 1
            # Households reached are split evenly when one visit covered several villages.
            row.households_reached += visit.households_reached // max(1, visit.villages.count())
            row.topics.update(visit.topics)
            row.groups_visited.update(
                g.pk for g in visit.groups.all() if g.village_id == village.pk
            )
    return sorted(rows.values(), key=lambda r: r.village.name)


@dataclass(frozen=True)
class CalendarDay:
    date: dt.date
    in_month: bool
    visits: list[OutreachVisit]


def month_calendar(station: Station, year: int, month: int) -> list[list[CalendarDay]]:
    """Weeks (Monday first) of the month with the visits of each day."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    by_day: dict[dt.date, list[OutreachVisit]] = defaultdict(list)
    for visit in (
        OutreachVisit.objects.for_station(station)
        .filter(date__range=(first, last))
        .prefetch_related("villages")
        .order_by("date", "pk")
    ):
        by_day[visit.date].append(visit)
    return [[CalendarDay(d, d.month == month, by_day.get(d, [])) for d in week] for week in weeks]


def month_value(params: QueryDict) -> tuple[int, int]:
    """The month asked for in ``?month=YYYY-MM``; this month when missing or not sensible."""
    today = timezone.localdate()
    try:
        year, month = (int(p) for p in params.get("month", "")[:7].split("-"))
        dt.date(year, month, 1)
    except ValueError:
        return today.year, today.month
    # The calendar links to the month before and after: keep to years the station can have.
    if not 2000 <= year <= 2100:
        return today.year, today.month
    return year, month


def visits_listed(*, station: Station, params: QueryDict) -> QuerySet[OutreachVisit]:
    """The visits of the calendar's month (``?month=``), by date, cancelled ones too."""
    year, month = month_value(params)
    return (
        OutreachVisit.objects.for_station(station)
        .filter(date__year=year, date__month=month)
        .prefetch_related("villages", "groups", "staff")
        .order_by("date", "pk")
    )
