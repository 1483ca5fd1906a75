"""``/healthz`` for machines, and the audit trail for the chief and the administrator."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from powerdesk.accounts.tenancy import StationRequest, station_page
from powerdesk.ops.audit import audit_entries
from powerdesk.ops.health import health_report


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 with the checks when all is well, 503 with the same checks when something is not."""
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)


@station_page("ops:audit")
def audit(request: StationRequest) -> HttpResponse:
    page = Paginator(audit_entries(station=request.station), 50).get_page(request.GET.get("page"))
    return render(request, "ops/audit.html", {"page": page})


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: object = None
) -> HttpResponse:
    """django-axes' answer to a locked-out login: 429 and a page that says why and for how long."""
    from axes.helpers import get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    return render(
        request,
        "ops/locked_out.html",
        {
            "failure_limit": get_failure_limit(request, credentials),
            "cooloff_timedelta": cool_off,
            "cooloff_minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
        },
        status=429,
    )
