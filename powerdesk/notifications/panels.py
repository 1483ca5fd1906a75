"""The home page's count of messages that could not be sent."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from powerdesk.notifications.models import Delivery, DeliveryState
from powerdesk.web.home import Panel


def failures_panel(request: HttpRequest) -> Panel | None:
    counts = Delivery.objects.for_station(request.station).aggregate(  # type: ignore[attr-defined]
        failed=Count("pk", filter=Q(state=DeliveryState.FAILED_PERMANENT)),
        retrying=Count("pk", filter=Q(state=DeliveryState.FAILED_TEMPORARY)),
    )
    if not counts["failed"] and not counts["retrying"]:
        return None
    return Panel(
        title=_("Messages not delivered"),
        template="notifications/panels/failures.html",
        context=counts,
        count=counts["failed"],
        link=reverse("notifications:deliveries") + "?state=failed",
    )
