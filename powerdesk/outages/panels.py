from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from powerdesk.outages.models import Outage
from powerdesk.web.home import Panel


def current_outages_panel(request: HttpRequest) -> Panel | None:
    outages = list(
        Outage.objects.filter(
            station=request.station,  # type: ignore[attr-defined]
        )
        .exclude(status=Outage.Status.RESTORED)
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
