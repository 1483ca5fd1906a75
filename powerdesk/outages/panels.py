"""The outages panel of the home page: what is off now — the outages recorded with the power
off and the live engine's predictions not yet confirmed or rejected, in the board's order of
restoration, with the households out under each and in all — and, apart from them, the planned
outages announced to start within two days."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from powerdesk.outages.board import BoardRow, board_counts, fill_callers, live_rows
from powerdesk.outages.models import Outage
from powerdesk.outages.priority import rank_rows
from powerdesk.web.home import Panel, slot_shown
from powerdesk.web.panels import BOARD_SLOT

# A planned outage is shown on the home page from two days before it starts.
PLANNED_AHEAD = dt.timedelta(days=2)
# The first rows of the board (a storm has dozens): the outages page has them all.
HOME_ROWS = 8


def home_live_rows(request: HttpRequest) -> list[BoardRow]:
    """What is off now for the home page's panels, drawn once a request: the outages panel
    lists it and the chief's figures count what of it is not recorded."""
    rows: list[BoardRow] | None = getattr(request, "_home_live_rows", None)
    if rows is None:
        rows = live_rows(request.station, history=False)  # type: ignore[attr-defined]
        request._home_live_rows = rows  # type: ignore[attr-defined]
    return rows


def current_outages_panel(request: HttpRequest) -> Panel | None:
    station = request.station  # type: ignore[attr-defined]
    now = timezone.now()
    # Whoever has the live board on their home (the dispatcher) sees what is off there, once:
    # here only the planned outages to come, and a word that the rest is on the board.
    on_board = slot_shown(request, BOARD_SLOT)
    # A storm shows here as the board shows it: the breakers SCADA opened and the fuses the
    # calls and meters point to, recorded or not, the most urgent first.
    rows = [] if on_board else rank_rows(station, list(home_live_rows(request)), now=now)
    fill_callers(station, rows, now=now)
    announced = list(
        Outage.objects.for_station(station)
        .filter(status=Outage.Status.ANNOUNCED, starts_at__lte=now + PLANNED_AHEAD)
        .select_related("device")
        .order_by("starts_at")[:HOME_ROWS]
    )
    if not rows and not announced and not on_board:
        return None
    # Only those with power off are current; planned ones still to come are listed apart, as
    # announced, so that nobody tells a caller the power is off when it is not yet.
    return Panel(
        title=_("Power off now (recorded and predicted) and planned"),
        template="outages/panel.html",
        context={
            "current": rows[:HOME_ROWS],
            "more": max(0, len(rows) - HOME_ROWS),
            "counts": board_counts(rows),  # as the board and the map count them
            "announced": announced,
            "on_board": on_board,
        },
        link=reverse("outages:list"),
    )
