"""The outages panel of the home page: power off now, and apart from them the planned outages
announced to start within two days."""

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
    # Only those with power off are current; planned ones still to come are listed apart, as
    # announced, so that nobody tells a caller the power is off when it is not yet.
    return Panel(
        title=_("Outage records: off now and planned"),
        template="outages/panel.html",
        context={
            "current": [o for o in outages if o.status == Outage.Status.ACTIVE],
            "announced": [o for o in outages if o.status == Outage.Status.ANNOUNCED],
        },
        link=reverse("outages:list"),
    )
