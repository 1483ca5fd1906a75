"""Month-by-month charts of a year: rows grouped by the station's month in the database, one
series per figure, each month's number linking to the list of the rows it counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.dashboards.charts import Chart, Label, Series
from powerdesk.dashboards.reliability import month_label
from powerdesk.lib.params import month_of

MONTHS = list(range(1, 13))


def link(name: str, **query: object) -> str:
    return reverse(name) + "?" + urlencode({k: v for k, v in query.items() if v != ""})


def month_text(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def year_range(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


def months_begun(year: int) -> int:
    """How many of the year's months have begun (12 for a past year, 0 for a future one)."""
    today = timezone.localdate()
    if year < today.year:
        return 12
    return today.month if year == today.year else 0


def counted_by_month(
    rows: QuerySet[Any], field: str, year: int, **aggregates: Any
) -> dict[int, dict[str, Any]]:
    """The rows whose ``field`` falls in the year, grouped by its month (the station's)."""
    start, end = year_range(year)
    grouped = (
        rows.filter(**{f"{field}__gte": start, f"{field}__lt": end})
        .annotate(month=month_of(field, year))
        .values("month")
        .annotate(**aggregates)
        .order_by("month")
    )
    return {r["month"]: r for r in grouped}


def month_series(
    label: Label,
    rows: dict[int, dict[str, Any]],
    name: str,
    links: Callable[[int], str],
    *,
    stack: str = "",
) -> Series:
    """One series of a month-by-month chart: aggregate ``name`` of each month (0 without rows),
    each linking to the list ``links(month)``."""
    return Series(
        label,
        [rows.get(m, {}).get(name, 0) for m in MONTHS],
        [links(m) for m in MONTHS],
        stack=stack,
    )


def month_chart(
    key: str, title: Label, series: list[Series], *, year: int | None = None, **options: Any
) -> Chart:
    """A chart of the twelve months of a year (counts, unless ``digits`` says otherwise).

    With ``year``, the months not begun yet show "—" without a link, as on the reliability
    page, not a count of nothing."""
    if year is not None:
        begun = months_begun(year)
        for s in series:
            s.values = [v if m <= begun else None for m, v in zip(MONTHS, s.values, strict=True)]
            s.links = [s.link(m - 1) if m <= begun else "" for m in MONTHS]
    return Chart(
        key=key,
        title=title,
        category_label=_("Month"),
        categories=[month_label(m) for m in MONTHS],
        series=series,
        **{"digits": 0, **options},
    )
