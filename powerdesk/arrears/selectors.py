"""Reading arrears cases."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from powerdesk.accounts.models import Station
from powerdesk.arrears.models import ArrearsCase
from powerdesk.customers.models import CustomerPhone


def cases_listed(station: Station) -> QuerySet[ArrearsCase]:
    """Every arrears case, the latest opened first (the page shows the open ones and the 30
    latest paid; the file has them all)."""
    return (
        ArrearsCase.objects.for_station(station)
        .select_related("customer__village", "approved_by", "lifted_by", "reconnection")
        .prefetch_related(
            Prefetch("customer__phones", queryset=CustomerPhone.objects.order_by("pk"))
        )
        .order_by("-opened_at", "-pk")
    )
