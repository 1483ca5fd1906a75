"""The crew's phone: photos chosen with a step made without signal, kept on the phone with it
(``crew_photos.js``) and sent here once the step is the station's (walk61, M1: they were
dropped, and the job had left the list). Checked and stored as any photo of the order
(``work_order_photos_add``): only pictures, the order's bound, the same picture once, so a retry
or a second phone's sending stores nothing twice."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page
from powerdesk.servicedesk.crew_conflicts import never_the_crews, not_yours
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.order_field import work_order_photos_add, work_order_photos_repeated


@require_POST
@station_page("servicedesk:crew_photos")
def crew_photos(request: StationRequest, pk: int) -> JsonResponse:
    """``photos`` (multipart) of the order → ``{"status": "ok", "stored", "repeated"}``, or
    ``{"status": "refused", "reason", "order_url"}`` (403 another crew's job, 422 not taken):
    the phone says where they can still be sent (the order's page)."""
    order = get_for_user(request, WorkOrder, pk=pk)
    where = reverse("servicedesk:work_order", args=[order.pk])
    if never_the_crews(order, request.user):
        return JsonResponse({"status": "refused", "reason": not_yours()}, status=403)
    uploads = request.FILES.getlist("photos")
    try:
        stored = work_order_photos_add(work_order=order, uploads=uploads, user=request.user)
    except (ValueError, PermissionDenied) as exc:
        return JsonResponse(
            {"status": "refused", "reason": str(exc), "order_url": where}, status=422
        )
    return JsonResponse(
        {
            "status": "ok",
            "stored": len(stored),
            "repeated": work_order_photos_repeated(uploads, stored),
        }
    )
