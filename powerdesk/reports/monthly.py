"""The figures of a station's monthly service report, read once and written twice (the workbook and
the PDF), so that both say the same.

Each part is a few grouped queries (counts and sums by category, state or month), not rows
walked in Python; the lists (hard problems still open, the month's outreach visits and training
sessions, broken promises) are the month's own, a few dozen rows at most.

Definitions, as the report states them:

- **calls** are counted in the month they were received; a **work order** in the month it was
  opened (opened) or resolved (resolved, in time);
- an order is **resolved in time** when it was resolved by its resolve deadline and reached by
  its arrival deadline (an order without a deadline is in time); deadlines already carry the time
  the clock was paused; the orders joined to an outage count as one among those resolved (the
  outage's own order), since one restore resolves them all;
- a **promise** belongs to the month it was due, and every count of promises is on that basis:
  those due are kept, broken, still open past their time, or not yet due;
- a **callback** or **counter rating** to the month it was made; satisfied means 4 or 5, and
  the satisfaction is the satisfied share of both together (as on the chief's home);
- **hard problems** open at the month's end were opened before it and not solved by then;
  their steps done and next revisit are as they were then (``monthly_problems``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Station
from powerdesk.lib.params import month_bounds
from powerdesk.outreach.models import HotlineCard, OutreachVisit
from powerdesk.reliability.unrecorded import Unrecorded, unrecorded_outages
from powerdesk.reports.monthly_categories import CategoryRow, categories_of
from powerdesk.reports.monthly_counts import (
    ArrearsCounts,
    FollowUp,
    PromiseCounts,
    arrears_between,
    follow_up_between,
    outreach_year,
    person_hours,
    promises_between,
)
from powerdesk.reports.monthly_problems import problems_open_at
from powerdesk.reports.monthly_reliability import (
    AreaRow,
    ReliabilityPart,
    a_year_before,
    reliability_part,
)
from powerdesk.reports.voice import MonthVoice, month_voice
from powerdesk.servicedesk.models import HardProblem, Promise
from powerdesk.training.models import SelfStudy, TrainingSession

__all__ = [
    "CONTENT_TYPES",
    "ArrearsCounts",
    "FollowUp",
    "MonthlyFigures",
    "PromiseCounts",
    "monthly_figures",
    "report_filename",
]

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class MonthlyFigures:
    station: Station
    year: int
    month: int
    until: dt.datetime  # the month's end, or when the report was made while it runs
    made_at: dt.datetime
    reliability: ReliabilityPart
    # The engine's predictions not recorded when the report was made: not in the indices.
    unrecorded: Unrecorded
    categories: tuple[CategoryRow, ...]
    follow_up: FollowUp
    follow_up_year: FollowUp
    promises: PromiseCounts
    promises_year: PromiseCounts
    broken_promises: tuple[Promise, ...]
    problems_opened: int
    problems_solved: int
    problems_open: tuple[HardProblem, ...]  # open at the month's end
    visits: tuple[OutreachVisit, ...]
    visits_year: int
    households_year: int
    cards: int
    cards_year: int
    sessions: tuple[TrainingSession, ...]
    self_study_hours: Decimal
    session_person_hours_year: Decimal
    arrears: ArrearsCounts

    @cached_property
    def voice(self) -> MonthVoice:
        """The month's voice of the customer, analysed when the PDF or the workbook asks for it:
        the page shows none of it (speed73: every load of the page read the seven months' calls
        for it, and analysed them on the first)."""
        return month_voice(self.station, self.year, self.month)

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    # The month at a glance, as the page, the PDF and the workbook's summary give it.
    @property
    def station_row(self) -> AreaRow | None:
        """The station's own reliability (the rows after it are its feeders)."""
        rows = self.reliability.rows
        return rows[0] if rows and rows[0].kind == "station" else None

    @property
    def resolved(self) -> int:
        return sum(c.resolved for c in self.categories)

    @property
    def in_time(self) -> int:
        return sum(c.in_time for c in self.categories)

    @property
    def in_time_rate(self) -> float | None:
        """Of the work orders resolved this month, the share resolved in time."""
        return self.in_time / self.resolved if self.resolved else None

    @property
    def scored(self) -> int:
        """Callbacks and counter ratings with a score, this month."""
        return self.follow_up.callback_scores.count + self.follow_up.counter_scores.count

    @property
    def running(self) -> bool:
        """Whether the month was still running when the figures were made (counted to then)."""
        return self.until < month_bounds(self.year, self.month)[1]

    @property
    def last_year_to_date(self) -> str:
        """The days last year's year-to-date figures count ("2025-01-01 to 12-04 22:30"): to
        the same day and time in a month still running, else to the month's end (walkthrough
        33, finding 8: "last year" was not dated)."""
        if self.running:
            end = a_year_before(self.until).strftime("%m-%d %H:%M")
        else:
            end = f"{self.month:02d}-{calendar.monthrange(self.year - 1, self.month)[1]:02d}"
        return _("%(start)s to %(end)s") % {"start": f"{self.year - 1:04d}-01-01", "end": end}

    @property
    def last_year_month(self) -> str:
        """The days last year's month figures count: its month ("2025-12"), or in a month still
        running the same days ("2025-12-01 to 12-04 22:30")."""
        month = f"{self.year - 1:04d}-{self.month:02d}"
        if not self.running:
            return month
        return _("%(month)s-01 to %(until)s") % {
            "month": month,
            "until": a_year_before(self.until).strftime("%m-%d %H:%M"),
        }

    @property
    def calls(self) -> int:
        """The month's calls, as the desk table adds them up: every call, a call that was not a
        request too (walk72, 4: the glance's 88 beside the table's 89)."""
        return sum(c.calls for c in self.categories)

    @property
    def calls_no_request(self) -> int:
        """Of them, the calls that were no request (a test call, a wrong number): said beside
        the glance's count."""
        return sum(c.calls for c in self.categories if not c.code)

    @property
    def settled(self) -> int:
        """Promises due this month and kept, kept late or broken."""
        return self.promises.kept + self.promises.kept_late + self.promises.broken

    @property
    def kept_rate(self) -> float | None:
        return self.promises.kept / self.settled if self.settled else None


def report_filename(station: Station, year: int, month: int, fmt: str) -> str:
    return f"{station.name}-{year:04d}-{month:02d}.{fmt}"


def monthly_figures(
    station: Station, year: int, month: int, *, now: dt.datetime | None = None
) -> MonthlyFigures:
    now = now or timezone.now()
    start, end = month_bounds(year, month)
    until = min(end, now)
    year_start = month_bounds(year, 1)[0]
    last_start, last_end = month_bounds(year - 1, month)
    # A month still running is set beside the same days of last year's, not the whole of it
    # (walkthrough 32, finding 12: 4 days of December's calls beside all of last December's).
    last_end = min(last_end, a_year_before(until))
    visits_year, households_year, cards_year = outreach_year(station, year, end)
    return MonthlyFigures(
        station=station,
        year=year,
        month=month,
        until=until,
        made_at=now,
        reliability=reliability_part(station, year, month, until=until),
        unrecorded=unrecorded_outages(station, until=until),
        categories=categories_of(station, (start, end), (year_start, end), (last_start, last_end)),
        follow_up=follow_up_between(station, start, end),
        follow_up_year=follow_up_between(station, year_start, end),
        promises=promises_between(station, start, end, now=now),
        promises_year=promises_between(station, year_start, end, now=now),
        broken_promises=tuple(
            Promise.objects.for_station(station)
            .filter(due_at__gte=start, due_at__lt=end, state=Promise.State.BROKEN)
            .select_related("made_by", "customer")
            .order_by("due_at", "pk")[:50]
        ),
        problems_opened=HardProblem.objects.for_station(station)
        .filter(opened_at__gte=start, opened_at__lt=end)
        .count(),
        problems_solved=HardProblem.objects.for_station(station)
        .filter(solved_at__gte=start, solved_at__lt=end)
        .count(),
        # As they stood at the month's end, as the other figures (walk74, 4).
        problems_open=problems_open_at(station, end),
        visits=tuple(
            OutreachVisit.objects.for_station(station)
            .filter(date__gte=start.date(), date__lt=end.date(), status=OutreachVisit.Status.DONE)
            .prefetch_related("villages")
            .order_by("date", "pk")
        ),
        visits_year=visits_year,
        households_year=households_year,
        cards_year=cards_year,
        cards=HotlineCard.objects.for_station(station)
        .filter(given_on__gte=start.date(), given_on__lt=end.date())
        .count(),
        sessions=tuple(
            TrainingSession.objects.for_station(station)
            .filter(date__gte=start.date(), date__lt=end.date())
            .annotate(attendee_count=Count("attendees"))
            .order_by("date", "pk")
        ),
        self_study_hours=SelfStudy.objects.for_station(station)
        .filter(date__gte=start.date(), date__lt=end.date())
        .aggregate(h=Sum("hours"))["h"]
        or Decimal(0),
        session_person_hours_year=person_hours(station, year_start.date(), end.date()),
        arrears=arrears_between(station, start, end),
    )
