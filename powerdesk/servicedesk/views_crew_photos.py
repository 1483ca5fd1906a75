"""The crew's phone: photos chosen with a step made without signal, kept on the phone with it
(``crew_photos.js``) and sent here once the step is the station's (walk61, M1: they were
dropped, and the job had left the list). Checked and stored as any photo of the order
(``work_order_photos_add``): only pictures, the order's bound, the same picture once, so a retry
or a second phone's sending stores nothing twice.

Each photo is stored or refused on its own (``work_order_photos_each``, walk64 M5: a file that
is not a picture was refused with the good photo, and the phone was told to choose again from a
job it no longer had): the answer names each refused one with why, and the order's page, where
the crew can still add photos later.

Every refusal is final for the phone (it does not send them again, review61 M3): 403 for a job
that is not the crew's (never was, or given to another crew meanwhile: the order's page refuses
them too, so no page is named), 422 when not one photo was stored (the order's page named)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from powerdesk.accounts.permissions import Do
from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page
from powerdesk.servicedesk.crew_conflicts import meanwhile, never_the_crews, not_yours
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.order_photos_each import work_order_photos_each
from powerdesk.servicedesk.workflow import may_on_order

if TYPE_CHECKING:
    from powerdesk.accounts.models import User


def no_longer_theirs(order: WorkOrder, user: User) -> str:
    """Why the photos of a job given to another crew (or taken back) meanwhile are not taken:
    what the office did, and that the job is no longer the crew's (review61 L2: it said "Your
    role does not allow this", and named the order's page, which refuses them too)."""
    said = meanwhile(order, user)
    if said is not None and said[1]:
        return _(
            "%(meanwhile)s: the job is no longer your crew's, so its photos are not taken "
            "from your phone."
        ) % {"meanwhile": said[0]}
    return _("The job is no longer your crew's, so its photos are not taken from your phone.")


@require_POST
@station_page("servicedesk:crew_photos")
def crew_photos(request: StationRequest, pk: int) -> JsonResponse:
    """``photos`` (multipart) of the order, each judged on its own →
    ``{"status": "ok", "stored", "repeated", "refused", "order_url"}`` when any was taken (stored
    now, or on the order already); ``refused``: ``[{"name", "reason"}]`` of each not stored,
    ``order_url``: the order's page, where photos can still be added. Else
    ``{"status": "refused", "reason", "refused", "order_url"}`` with 422 (nothing taken), or
    ``{"status": "refused", "reason"}`` with 403 (the job is not the crew's: never was, or no
    longer is; no page named)."""
    order = get_for_user(request, WorkOrder, pk=pk)
    if never_the_crews(order, request.user):
        return JsonResponse({"status": "refused", "reason": not_yours()}, status=403)
    if not may_on_order(request.user, order, Do.ORDER_NOTE):
        reason = no_longer_theirs(order, request.user)
        return JsonResponse({"status": "refused", "reason": reason}, status=403)
    where = reverse("servicedesk:work_order", args=[order.pk])
    uploads = request.FILES.getlist("photos")
    try:
        judged = work_order_photos_each(work_order=order, uploads=uploads, user=request.user)
    except (ValueError, PermissionDenied) as exc:
        return JsonResponse(
            {"status": "refused", "reason": str(exc), "refused": [], "order_url": where},
            status=422,
        )
    refused = [{"name": name, "reason": reason} for name, reason in judged.refused]
    if not judged.taken:
        reason = " ".join(each["reason"] for each in refused)
        return JsonResponse(
            {"status": "refused", "reason": reason, "refused": refused, "order_url": where},
            status=422,
        )
    return JsonResponse(
        {
            "status": "ok",
            "stored": len(judged.stored),
            "repeated": judged.repeated,
            "refused": refused,
            "order_url": where,
        }
    )
