"""The service desk's figures for the chief: deadlines met, promises kept, callbacks and
satisfaction, hard problems, calls and complaints; each grouped in the database, each number
linked to the list of the rows it counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractHour, TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Station
from powerdesk.dashboards.charts import Chart, Series
from powerdesk.dashboards.reliability import month_label
from powerdesk.servicedesk.models import (
    Call,
    Callback,
    Category,
    HardProblem,
    Promise,
    WorkOrder,
)
from powerdesk.servicedesk.models.queries import deadline_met, deadline_missed, with_deadline
from powerdesk.servicedesk.satisfaction import monthly_satisfaction

MONTHS = list(range(1, 13))
TOP_VILLAGES = 15


def link(name: str, **query: object) -> str:
    return reverse(name) + "?" + urlencode({k: v for k, v in query.items() if v != ""})


def month_text(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _year_range(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


def _by_month(rows: QuerySet[Any], **aggregates: Any) -> dict[int, dict[str, Any]]:
    """Rows grouped by the station's month of ``when`` (annotated by the caller)."""
    tz = timezone.get_current_timezone()
    grouped = (
        rows.annotate(month=TruncMonth("when", tzinfo=tz))
        .values("month")
        .annotate(**aggregates)
        .order_by("month")
    )
    return {timezone.localtime(r["month"], tz).month: r for r in grouped}


# -- deadlines ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadlines:
    met: int
    missed: int

    @property
    def rate(self) -> float | None:
        """Met as a share of those decided (met or missed); orders still in time are neither."""
        decided = self.met + self.missed
        return self.met / decided if decided else None


def deadlines(station: Station, start: dt.datetime, end: dt.datetime) -> Deadlines:
    """Orders received between ``start`` and ``end``: how many met their deadlines."""
    counts = (
        WorkOrder.objects.for_station(station)
        .filter(with_deadline(), created_at__gte=start, created_at__lt=end)
        .aggregate(
            met=Count("pk", filter=deadline_met()),
            missed=Count("pk", filter=deadline_missed(timezone.now())),
        )
    )
    return Deadlines(counts["met"], counts["missed"])


def deadlines_by_category(station: Station, year: int) -> Chart:
    start, end = _year_range(year)
    rows = {
        r["category"]: r
        for r in WorkOrder.objects.for_station(station)
        .filter(with_deadline(), created_at__gte=start, created_at__lt=end)
        .values("category")
        .annotate(
            met=Count("pk", filter=deadline_met()),
            missed=Count("pk", filter=deadline_missed(timezone.now())),
        )
    }
    categories = [(c, label) for c, label in Category.choices if c in rows]
    orders = "servicedesk:work_orders"
    return Chart(
        key="deadlines",
        title=_("Deadlines met per category"),
        category_label=_("Category"),
        categories=[str(label) for _c, label in categories],
        series=[
            Series(
                _("deadline met"),
                [rows[c]["met"] for c, _l in categories],
                [
                    link(orders, show="all", category=c, year=year, deadline="met")
                    for c, _l in categories
                ],
                stack="orders",
            ),
            Series(
                _("deadline missed"),
                [rows[c]["missed"] for c, _l in categories],
                [
                    link(orders, show="all", category=c, year=year, deadline="missed")
                    for c, _l in categories
                ],
                stack="orders",
            ),
        ],
        digits=0,
    )


def deadlines_by_month(station: Station, year: int) -> Chart:
    start, end = _year_range(year)
    rows = _by_month(
        WorkOrder.objects.for_station(station)
        .filter(with_deadline(), created_at__gte=start, created_at__lt=end)
        .annotate(when=F("created_at")),
        met=Count("pk", filter=deadline_met()),
        missed=Count("pk", filter=deadline_missed(timezone.now())),
    )
    orders = "servicedesk:work_orders"
    return Chart(
        key="deadlines-months",
        title=_("Deadlines met and missed, month by month"),
        category_label=_("Month"),
        categories=[month_label(m) for m in MONTHS],
        series=[
            Series(
                label,
                [rows.get(m, {}).get(name, 0) for m in MONTHS],
                [
                    link(orders, show="all", month=month_text(year, m), deadline=name)
                    for m in MONTHS
                ],
                stack="orders",
            )
            for name, label in (("met", _("deadline met")), ("missed", _("deadline missed")))
        ],
        digits=0,
    )


# -- promises ----------------------------------------------------------------------------------


def promises_by_month(station: Station, year: int) -> Chart:
    start, end = _year_range(year)
    rows = _by_month(
        Promise.objects.for_station(station)
        .filter(due_at__gte=start, due_at__lt=end)
        .annotate(when=F("due_at")),
        **{
            state: Count("pk", filter=Q(state=state))
            for state in (Promise.State.KEPT, Promise.State.BROKEN, Promise.State.OPEN)
        },
    )
    return Chart(
        key="promises",
        title=_("Promises kept, by the month they were due"),
        category_label=_("Month"),
        categories=[month_label(m) for m in MONTHS],
        series=[
            Series(
                state.label,
                [rows.get(m, {}).get(state.value, 0) for m in MONTHS],
                [
                    link("servicedesk:promises", state=state.value, month=month_text(year, m))
                    for m in MONTHS
                ],
                stack="promises",
            )
            for state in (Promise.State.KEPT, Promise.State.BROKEN, Promise.State.OPEN)
        ],
        digits=0,
    )


def promises_kept(station: Station, start: dt.datetime, end: dt.datetime) -> Deadlines:
    """Promises due between ``start`` and ``end``: kept and broken (open ones are neither)."""
    counts = (
        Promise.objects.for_station(station)
        .filter(due_at__gte=start, due_at__lt=end)
        .aggregate(
            met=Count("pk", filter=Q(state=Promise.State.KEPT)),
            missed=Count("pk", filter=Q(state=Promise.State.BROKEN)),
        )
    )
    return Deadlines(counts["met"], counts["missed"])


# -- callbacks and satisfaction ---------------------------------------------------------------


def callbacks_by_month(station: Station, year: int) -> Chart:
    start, end = _year_range(year)
    rows = _by_month(
        Callback.objects.filter(work_order__station=station, at__gte=start, at__lt=end).annotate(
            when=F("at")
        ),
        **{outcome.value: Count("pk", filter=Q(outcome=outcome)) for outcome in Callback.Outcome},
    )
    page = reverse("servicedesk:satisfaction") + f"?year={year}"
    return Chart(
        key="callbacks",
        title=_("Callbacks made, month by month"),
        category_label=_("Month"),
        categories=[month_label(m) for m in MONTHS],
        series=[
            Series(
                outcome.label,
                [rows.get(m, {}).get(outcome.value, 0) for m in MONTHS],
                [page] * 12,
                stack="callbacks",
            )
            for outcome in Callback.Outcome
        ],
        digits=0,
    )


def satisfaction_by_month(station: Station, year: int) -> Chart:
    months = {m.month.month: m for m in monthly_satisfaction(station, year)}
    page = reverse("servicedesk:satisfaction") + f"?year={year}"

    def averages(which: str) -> list[float | None]:
        return [getattr(months[m], which).average if m in months else None for m in MONTHS]

    return Chart(
        key="satisfaction",
        title=_("Satisfaction (average score, 1 to 5)"),
        category_label=_("Month"),
        categories=[month_label(m) for m in MONTHS],
        series=[
            Series(_("callbacks"), averages("callbacks"), [page] * 12),
            Series(_("counter"), averages("counter"), [page] * 12),
            Series(_("together"), averages("combined"), [page] * 12),
        ],
        kind="line",
    )


# -- hard problems, calls, complaints ---------------------------------------------------------


def hard_problems_by_month(station: Station, year: int) -> Chart:
    start, end = _year_range(year)
    problems = HardProblem.objects.for_station(station)
    opened = _by_month(
        problems.filter(opened_at__gte=start, opened_at__lt=end).annotate(when=F("opened_at")),
        n=Count("pk"),
    )
    solved = _by_month(
        problems.filter(solved_at__gte=start, solved_at__lt=end).annotate(when=F("solved_at")),
        n=Count("pk"),
    )
    page = "servicedesk:hard_problems"
    return Chart(
        key="hard-problems",
        title=_("Hard problems opened and solved"),
        category_label=_("Month"),
        categories=[month_label(m) for m in MONTHS],
        series=[
            Series(
                _("opened"),
                [opened.get(m, {}).get("n", 0) for m in MONTHS],
                [link(page, opened=1, month=month_text(year, m)) for m in MONTHS],
            ),
            Series(
                _("solved"),
                [solved.get(m, {}).get("n", 0) for m in MONTHS],
                [link(page, solved=1, month=month_text(year, m)) for m in MONTHS],
            ),
        ],
        digits=0,
    )


def _calls(station: Station, year: int) -> QuerySet[Call]:
    start, end = _year_range(year)
    return Call.objects.for_station(station).filter(received_at__gte=start, received_at__lt=end)


def calls_by_category(station: Station, year: int) -> Chart:
    rows = dict(
        _calls(station, year)
        .exclude(category="")
        .values("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
    categories = [(c, label) for c, label in Category.choices if rows.get(c)]
    return Chart(
        key="calls-category",
        title=_("Calls by category"),
        category_label=_("Category"),
        categories=[str(label) for _c, label in categories],
        series=[
            Series(
                _("Calls"),
                [rows[c] for c, _l in categories],
                [link("servicedesk:calls", category=c, year=year) for c, _l in categories],
            )
        ],
        horizontal=True,
        digits=0,
    )


def calls_by_village(station: Station, year: int) -> Chart:
    # The village the call was about, else the caller's (as the call list filters it).
    rows = list(
        _calls(station, year)
        .annotate(
            about_id=Coalesce("village_id", "customer__village_id"),
            about_name=Coalesce("village__name", "customer__village__name"),
        )
        .filter(about_id__isnull=False)
        .values("about_id", "about_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "about_name")[:TOP_VILLAGES]
    )
    return Chart(
        key="calls-village",
        title=_("Calls by village (the %(n)d with the most)") % {"n": TOP_VILLAGES},
        category_label=_("Village"),
        categories=[r["about_name"] for r in rows],
        series=[
            Series(
                _("Calls"),
                [r["n"] for r in rows],
                [link("servicedesk:calls", village=r["about_id"], year=year) for r in rows],
            )
        ],
        horizontal=True,
        digits=0,
    )


def calls_by_hour(station: Station, year: int) -> Chart:
    tz = timezone.get_current_timezone()
    rows = dict(
        _calls(station, year)
        .annotate(hour_of_day=ExtractHour("received_at", tzinfo=tz))
        .values("hour_of_day")
        .annotate(n=Count("pk"))
        .values_list("hour_of_day", "n")
    )
    hours = list(range(24))
    return Chart(
        key="calls-hour",
        title=_("Calls by hour of the day"),
        category_label=_("Hour"),
        categories=[f"{h:02d}:00" for h in hours],
        series=[
            Series(
                _("Calls"),
                [rows.get(h, 0) for h in hours],
                [link("servicedesk:calls", hour=h, year=year) for h in hours],
            )
        ],
        digits=0,
    )


def complaints_by_month(station: Station, year: int) -> Chart:
    def monthly(y: int) -> dict[int, dict[str, Any]]:
        return _by_month(
            _calls(station, y).filter(category=Category.COMPLAINT).annotate(when=F("received_at")),
            n=Count("pk"),
        )

    this, last = monthly(year), monthly(year - 1)
    return Chart(
        key="complaints",
        title=_("Complaints, month by month"),
        category_label=_("Month"),
        categories=[month_label(m) for m in MONTHS],
        series=[
            Series(
                str(y),
                [rows.get(m, {}).get("n", 0) for m in MONTHS],
                [
                    link("servicedesk:calls", category=Category.COMPLAINT, month=month_text(y, m))
                    for m in MONTHS
                ],
            )
            for y, rows in ((year, this), (year - 1, last))
        ],
        digits=0,
    )


def complaints(station: Station, start: dt.datetime, end: dt.datetime) -> int:
    return (
        Call.objects.for_station(station)
        .filter(category=Category.COMPLAINT, received_at__gte=start, received_at__lt=end)
        .count()
    )
