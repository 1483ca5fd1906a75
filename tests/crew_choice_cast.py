"""Two crews at known distances from a place (``TARGET``), for the crew suggestion's tests: the
outages board's and a work order's page alike."""

from __future__ import annotations

from typing import Any

from powerdesk.accounts.models import Crew

TARGET = (101.2, 25.5)


def crews_north_and_south(case: Any) -> None:
    """抢修一班's base (所部) 18 km north of ``TARGET``, and a second crew, 抢修二班
    (``case.crew2``), based 8 km south (左门值守点)."""
    case.crew.base, case.crew.base_x, case.crew.base_y = "所部", 101.2, 25.5 + 18 / 111.19
    case.crew.save()
    case.crew2 = Crew.objects.create(
        station=case.station_a,
        name="抢修二班",
        base="左门值守点",
        base_x=101.2,
        base_y=25.5 - 8 / 111.19,
    )
