"""The service desk's figures for the chief on hard problems, calls and complaints: by month,
category, village and hour; each grouped in the database, each number linked to the list of the
rows it counts."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Count, QuerySet
from django.db.models.functions import Coalesce, ExtractHour
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Station
from powerdesk.dashboards.charts import Chart, Series
from powerdesk.dashboards.months import (
    counted_by_month,
    link,
    month_chart,
    month_series,
    month_text,
    year_range,
)
from powerdesk.servicedesk.models import Call, Category, HardProblem

TOP_VILLAGES = 15


def hard_problems_by_month(station: Station, year: int) -> Chart:
    problems = HardProblem.objects.for_station(station)
    opened = counted_by_month(problems, "opened_at", year, n=Count("pk"))
    solved = counted_by_month(problems, "solved_at", year, n=Count("pk"))

    def problems_page(**which: object) -> Callable[[int], str]:
        return lambda m: link("servicedesk:hard_problems", **which, month=month_text(year, m))

    return month_chart(
        "hard-problems",
        _("Hard problems opened and solved"),
        [
            month_series(_("opened"), opened, "n", problems_page(opened=1)),
            month_series(_("solved"), solved, "n", problems_page(solved=1)),
        ],
        year=year,
    )


def _calls(station: Station, year: int) -> QuerySet[Call]:
    start, end = year_range(year)
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
    complaints = Call.objects.for_station(station).filter(category=Category.COMPLAINT)

    def calls(y: int) -> Callable[[int], str]:
        return lambda m: link(
            "servicedesk:calls", category=Category.COMPLAINT, month=month_text(y, m)
        )

    return month_chart(
        "complaints",
        _("Complaints, month by month"),
        [
            month_series(
                str(y),
                counted_by_month(complaints, "received_at", y, n=Count("pk")),
                "n",
                calls(y),
            )
            for y in (year, year - 1)
        ],
        year=year,
    )
