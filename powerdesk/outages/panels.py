"""The outages panel of the home page: power off now, and planned outages starting soon."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from powerdesk.outages.models import Outage
from powerdesk.web.home import Panel

# A planned outage is shown on the home page from two days before it starts.
PLANNED_AHEAD = dt.timedelta(days=2)


def current_outages_panel(request: HttpRequest) -> Panel | None:
    now = timezone.now()
    outages = list(
        Outage.objects.for_station(request.station)  # type: ignore[attr-defined]
        .filter(
            Q(status=Outage.Status.ACTIVE)
            | Q(status=Outage.Status.ANNOUNCED, starts_at__lte=now + PLANNED_AHEAD)
        )
        .select_related("device")
        .order_by("starts_at")[:8]
    )
    if not outages:
        return None
    return Panel(
        title=_("Current outages"),
        template="outages/panel.html",
        context={"outages": outages},
        link=reverse("outages:list"),
    )
