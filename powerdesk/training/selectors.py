"""The plan's progress and each person's training record."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.http import QueryDict

from powerdesk.accounts.models import Station, User
from powerdesk.accounts.permissions import Do, may
from powerdesk.accounts.selectors import station_staff
from powerdesk.lib.params import year_value
from powerdesk.training.models import PlanItem, SelfStudy, TrainingPlan, TrainingSession


@dataclass
class PersonHours:
    person: User
    sessions: Decimal = Decimal(0)
    self_study: Decimal = Decimal(0)
    target: Decimal = Decimal(0)

    @property
    def total(self) -> Decimal:
        return self.sessions + self.self_study

    @property
    def share(self) -> float:
        """The hours done of the target, at most all of it (as ``lib.shares`` writes it)."""
        if not self.target:
            return 1.0
        return min(1.0, float(self.total / self.target))

    @property
    def percent(self) -> int:
        """For the progress bar."""
        return round(100 * self.share)


@dataclass
class ItemProgress:
    item: PlanItem
    sessions: list[TrainingSession] = field(default_factory=list)
    overdue: bool = False

    @property
    def held(self) -> bool:
        return bool(self.sessions)


@dataclass
class PlanProgress:
    plan: TrainingPlan
    items: list[ItemProgress]
    people: list[PersonHours]

    @property
    def items_held(self) -> int:
        return sum(1 for i in self.items if i.held)

    @property
    def people_on_target(self) -> int:
        return sum(1 for p in self.people if p.total >= p.target)

    @property
    def average_hours(self) -> Decimal:
        """The hours each person has done this year on average (sessions and self-study), to
        read beside the plan's target per person (walk71, L3: the target was read as it)."""
        if not self.people:
            return Decimal(0)
        return sum((p.total for p in self.people), Decimal(0)) / len(self.people)


def hours_by_person(station: Station, year: int) -> dict[int, tuple[Decimal, Decimal]]:
    """Session hours and self-study hours of each person in the year."""
    sessions = (
        TrainingSession.objects.for_station(station)
        .filter(date__year=year)
        .values("attendees")
        .annotate(h=Sum("hours"))
    )
    study = (
        SelfStudy.objects.for_station(station)
        .filter(date__year=year)
        .values("person")
        .annotate(h=Sum("hours"))
    )
    result: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for row in sessions:
        if row["attendees"] is not None:
            result[row["attendees"]][0] += row["h"] or 0
    for person_id, h in study.values_list("person", "h"):
        result[person_id][1] += h or 0
    return {pk: (a, b) for pk, (a, b) in result.items()}


def plan_progress(plan: TrainingPlan, *, today: dt.date) -> PlanProgress:
    sessions_by_item: dict[int, list[TrainingSession]] = defaultdict(list)
    for session in TrainingSession.objects.filter(plan_item__plan=plan).order_by("date"):
        assert session.plan_item_id is not None
        sessions_by_item[session.plan_item_id].append(session)
    items = []
    for item in plan.items.all():
        held = sessions_by_item.get(item.pk, [])
        # A course is late once its month is over without a session.
        overdue = not held and (plan.year, item.month) < (today.year, today.month)
        items.append(ItemProgress(item, held, overdue))
    hours = hours_by_person(plan.station, plan.year)
    people = [
        PersonHours(p, *hours.get(p.pk, (Decimal(0), Decimal(0))), target=plan.hours_per_person)
        for p in station_staff(plan.station)
    ]
    return PlanProgress(plan, items, people)


@dataclass
class PersonRecord:
    person: User
    sessions: list[TrainingSession]
    self_study: list[SelfStudy]
    by_year: list[tuple[int, Decimal, Decimal]]  # year, session hours, self-study hours


def person_record(station: Station, person: User) -> PersonRecord:
    sessions = list(
        TrainingSession.objects.for_station(station).filter(attendees=person).order_by("-date")
    )
    study = list(SelfStudy.objects.for_station(station).filter(person=person).order_by("-date"))
    years: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for s in sessions:
        years[s.date.year][0] += s.hours
    for st in study:
        years[st.date.year][1] += st.hours
    return PersonRecord(
        person,
        sessions,
        study,
        [(y, a, b) for y, (a, b) in sorted(years.items(), reverse=True)],
    )


def records_open_to(viewer: User | None, station: Station) -> QuerySet[User]:
    """The people of the station whose training record ``viewer`` may read (docs/roles.md,
    ``training:person``): their own; the chief's and the administrators' (``training.record``:
    they plan the training and record anyone's) everyone's. A colleague's hours are not a
    counter clerk's, a dispatcher's or a crew member's to read (walk61, L7)."""
    staff = station_staff(station)
    if viewer is None or not viewer.is_authenticated:
        return staff.none()
    if may(viewer, station, Do.TRAINING_RECORD):
        return staff
    return staff.filter(pk=viewer.pk)


def person_record_open(viewer: User | None, station: Station, pk: int) -> PersonRecord | None:
    """The training record of the station's person ``pk`` as ``viewer`` may read it; None when
    it is not theirs to read, as when there is no such person (the page answers 404 for both,
    as for another person's notice: nothing said of whether the colleague exists)."""
    person = records_open_to(viewer, station).filter(pk=pk).first()
    return person_record(station, person) if person is not None else None


def people_shown(
    progress: PlanProgress, viewer: User | None, station: Station
) -> list[PersonHours]:
    """The rows of the plan's "each person's hours" ``viewer`` may read (their own, or everyone's
    for the chief and the administrators); the counts above it stay the whole station's."""
    open_ids = set(records_open_to(viewer, station).values_list("pk", flat=True))
    return [row for row in progress.people if row.person.pk in open_ids]


def sessions_listed(*, station: Station, params: QueryDict) -> QuerySet[TrainingSession]:
    """The training sessions of the plan's year (``?year=``), the latest first."""
    return (
        TrainingSession.objects.for_station(station)
        .filter(date__year=year_value(params))
        .select_related("plan_item", "recorded_by")
        .prefetch_related("attendees")
        .order_by("-date", "-pk")
    )
