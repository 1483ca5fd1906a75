"""The home page's outreach panel: visits coming up, visits to record, villages not yet visited."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from powerdesk.outreach.models import OutreachVisit
from powerdesk.outreach.selectors import card_totals, visit_coverage
from powerdesk.web.home import Panel, register


def register_panels() -> None:
    register("villages", outreach_panel)


def outreach_panel(request: HttpRequest) -> Panel | None:
    station = request.station  # type: ignore[attr-defined]
    today = timezone.localdate()
    rows = visit_coverage(station, today.year)
    if not rows:
        return None
    planned = OutreachVisit.objects.for_station(station).filter(status=OutreachVisit.Status.PLANNED)
    households, with_card = card_totals(station)
    return Panel(
        title=_("Villages and outreach"),
        template="outreach/panel.html",
        context={
            "coming": planned.filter(date__gte=today, date__lte=today + dt.timedelta(days=14))
            .order_by("date")
            .prefetch_related("villages")[:5],
            "to_record": planned.filter(date__lt=today).count(),
            "not_visited": [r.village for r in rows if not r.visits],
            "card_share": with_card / households if households else None,
        },
        link=reverse("outreach:calendar"),
    )
