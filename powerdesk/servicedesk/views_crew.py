"""The crew's phone: its jobs (polled for new ones), a step from a form, and the steps the
phone kept without signal, sent as one batch (``crew_sync``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from powerdesk.accounts.models import Crew
from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page, station_queryset
from powerdesk.lib.forms import TYPED_KEPT
from powerdesk.lib.kept import drop_kept, keep, kept_address, kept_dict
from powerdesk.lib.photos import PHOTOS_PER_RECORD
from powerdesk.outages.models import OutageCause
from powerdesk.servicedesk.crew_conflicts import never_the_crews, not_yours
from powerdesk.servicedesk.crew_jobs import crew_jobs_for, jobs_signature
from powerdesk.servicedesk.crew_steps import NotTheJobError, crew_step_take
from powerdesk.servicedesk.crew_sync import SyncError, crew_sync
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.order_photos_each import (
    PhotosJudged,
    PhotosSorted,
    photos_discarded,
    work_order_photos_keep,
    work_order_photos_sort,
)

# The batch a phone sends after a day out of reach: a hundred steps are far under this.
SYNC_BODY_BYTES = 256 * 1024
_TYPED = "crew-typed-%s"

if TYPE_CHECKING:
    from powerdesk.servicedesk.notices import NoticeGroup


@station_page("servicedesk:crew_jobs")
def crew_jobs(request: StationRequest) -> HttpResponse:
    """A crew member's phone: the jobs of their crews, with a big button for the next step."""
    return _jobs_page(request)


def _jobs_page(request: StationRequest, *, status: int = 200) -> HttpResponse:
    my_crews = station_queryset(request, Crew).filter(members=request.user).order_by("name")
    return render(
        request,
        "servicedesk/crew_jobs.html",
        {**_jobs_context(request), "my_crews": my_crews, "notices": _notices(request)},
        status=status,
    )


def _notices(request: StationRequest) -> list[NoticeGroup]:
    """The person's unread notices (work given to them: a hard problem's step, an order), one
    line per kind as on the home page: the phone is the crew's only page (walkthrough 36, #5).
    Put away as elsewhere, when the item is opened or said seen."""
    from powerdesk.accounts.permissions import NotAllowed
    from powerdesk.servicedesk.notices import notice_groups

    try:
        return notice_groups(user=request.user, station=request.station)
    except NotAllowed:
        return []


@station_page("servicedesk:crew_jobs_part")
def crew_jobs_part(request: StationRequest) -> HttpResponse:
    """The job list alone, which the page asks for every 20 seconds, with the person's notices
    (drawn in place of the page's box: walk40, 12, its count went stale)."""
    return render(
        request,
        "servicedesk/_crew_job_list.html",
        {**_jobs_context(request), "notices": _notices(request), "notices_oob": True},
    )


def _jobs_context(request: StationRequest) -> dict[str, object]:
    jobs = crew_jobs_for(request.user, request.station)
    # A step refused is shown again on the page drawn for it (``lib.kept``: the address the
    # crew is sent back to), never used up: a double tap's first answer (whose drawing the
    # browser drops), the list's own refreshes (which read the page's address) and the
    # service worker's copies of the page leave it to the page the crew sees.
    for job in jobs:
        job.typed = kept_dict(request, _TYPED % job.order.pk)
    return {
        "jobs": jobs,
        # No job: whether the person is in a crew at all (walkthrough 32, finding 16: the
        # counter read "no job for your crew" as if a crew of theirs were idle).
        "in_a_crew": bool(jobs)
        or station_queryset(request, Crew).filter(members=request.user).exists(),
        "signature": jobs_signature(jobs),
        "causes": OutageCause.choices,
        "photo_limit": PHOTOS_PER_RECORD,
    }


# The step whose form on the card carries the photos (_crew_job.html); photos sent with another
# step (a form made by hand, a page from before) are refused in the box at the top.
PHOTO_STEP = "restored"


@require_POST
@station_page("servicedesk:crew_step")
def crew_step(request: StationRequest, pk: int) -> HttpResponse:
    """One step from the card's form (without the page's script, or with photos)."""
    order = get_for_user(request, WorkOrder, pk=pk)
    if never_the_crews(order, request.user):
        # Nothing of another crew's job, not even its number (``crew_conflicts``).
        messages.error(request, not_yours())
        return _jobs_page(request, status=403)
    judged: PhotosJudged | None = None
    uploads = request.FILES.getlist("photos")
    # Each picture judged on its own and decoded before the transaction opens (it holds the
    # station's write lock: probe 36, F3), as the phone's kept photos are (``crew_photos``):
    # a file that is not a picture, or one past the order's bound, is refused alone, named
    # with why, and never takes the step or the good photos with it (walk67 M1).
    sorted_photos: PhotosSorted | None = None
    photos_refused: ValueError | PermissionDenied | None = None
    if uploads:
        try:
            sorted_photos = work_order_photos_sort(
                work_order=order, uploads=uploads, user=request.user
            )
        except (ValueError, PermissionDenied) as exc:
            photos_refused = exc
    try:
        with transaction.atomic():
            # The step's fields first, then its photos: a step refused has its photos judged
            # too, both said in one answer (review 33: a bad photo was refused first and hid a
            # field's problem, a second submit for it).
            saved = crew_step_take(
                work_order=order,
                step=request.POST.get("step", "")[:40],
                user=request.user,
                fields=request.POST,
            )
            if photos_refused is not None:
                # Not theirs to add photos to: the step is refused with them.
                raise photos_refused
            if sorted_photos is not None:
                # The same photo sent again (a double tap, a retry) is the one kept.
                judged = work_order_photos_keep(
                    work_order=order,
                    sorted_photos=sorted_photos,
                    user=request.user,
                    each_line=True,
                )
    except (ValueError, PermissionDenied) as exc:
        # The rows are rolled back; their files on disk are not.
        for photo in judged.stored if judged is not None else []:
            photo.image.delete(save=False)
        step = request.POST.get("step", "")[:40]
        photos_error = ""
        if step == PHOTO_STEP and sorted_photos is not None and sorted_photos.refused:
            # Nothing was taken, the photos neither: those that would not be taken are named
            # at their field, for the crew to leave them out as it sends the step again.
            photos_error = _("Photos: %(problems)s Choose the photos again without them.") % {
                "problems": " ".join(reason for _name, reason in sorted_photos.refused)
            }
        wrong = _at_fields(exc, photos_error)
        if _all_at_fields(exc, step, wrong):
            # Each refusal is said at its field of the step's form on the card: the top of the
            # page says only where to look, never the same words again beside them.
            messages.error(request, f"{order.number}: " + _("Nothing was saved: see the fields."))
        else:
            messages.error(request, f"{order.number}: {exc}")
            if photos_error:
                # The photos refused too: said at their field in the same answer.
                messages.error(
                    request, f"{order.number}: " + _("Nothing was saved: see the photos.")
                )
        if isinstance(exc, NotTheJobError):
            # No card of the page is this order (a request made by hand, or a page from
            # before): refused (409) with the jobs as they are, nothing kept to show again.
            return _jobs_page(request, status=409)
        # Shown again in the step's form, so a crew on a phone retypes nothing.
        token = keep(
            request,
            _TYPED % order.pk,
            {
                "step": request.POST.get("step", "")[:40],
                **{
                    # (whole, to be shortened: a text refused as too long is longer than its limit)
                    f: request.POST.get(f, "")[:TYPED_KEPT]
                    for f in ("cause", "device", "note", "expected_back", "place")
                },
                # Said at its field (a device off the order's line: with the box to tick), every
                # field refused at once, and the photos' in the same answer.
                "field": getattr(exc, "field", ""),
                "error": str(exc) if getattr(exc, "field", "") else "",
                "wrong": wrong,
                "confirm": getattr(exc, "confirm", ""),
            },
        )
        return redirect(kept_address(reverse("servicedesk:crew_jobs"), token))
    else:
        drop_kept(request, _TYPED % order.pk)
        # A picture the order had already (chosen twice, sent again) is said skipped, with
        # the step's words (walkthrough 31, finding 4).
        repeated = judged.repeated if judged is not None else ""
        messages.success(request, f"{order.number}: " + " ".join([*saved.lines, repeated]).strip())
        for warning in saved.warnings:
            # Sent but not taken, the step itself taken (``crew_step_asks.Saved``).
            messages.warning(request, f"{order.number}: {warning}")
        if judged is not None and judged.refused:
            messages.warning(request, photos_discarded(order, judged.refused))
    return redirect("servicedesk:crew_jobs")


# The fields at which each step's form on the card says a refusal (``data-field-error`` in
# _crew_job.html and _crew_patrol_stop.html).
STEP_FIELDS: dict[str, frozenset[str]] = {
    "found_here": frozenset({"device", "note"}),
    "nothing_found": frozenset({"note"}),
    "on_site": frozenset({"expected_back"}),
    "cause_found": frozenset({"cause", "note", "device", "expected_back"}),
    "restored": frozenset({"cause", "device", "note", "photos"}),
}


def _all_at_fields(exc: Exception, step: str, wrong: dict[str, str]) -> bool:
    """Whether every word of the refusal is said at a field of the step's form (its own
    refusal names a field, or several), so that the top of the page need not say them."""
    if getattr(exc, "said_at_top", False):
        # A field the card does not show (a danger with nobody off: ``DangerOnlyRefused``).
        return False
    own = getattr(exc, "wrong", None) or getattr(exc, "field", "")
    return bool(own) and bool(wrong) and set(wrong) <= STEP_FIELDS.get(step, frozenset())


def _at_fields(exc: Exception, photos_error: str) -> dict[str, str]:
    """A refused step's words by the card's field they are said at."""
    field = getattr(exc, "field", "")
    wrong = dict(getattr(exc, "wrong", None) or ({field: str(exc)} if field else {}))
    if photos_error:
        wrong["photos"] = photos_error
    return {name: said for name, said in wrong.items() if name and said}


@require_POST
@station_page("servicedesk:crew_sync")
def crew_sync_view(request: StationRequest) -> JsonResponse:
    """``{"items": [{"order", "step", "fields", "made_at", "client_id"}], "sent_at"}`` → one
    answer per item: ``ok`` with what was saved, or ``conflict`` with the reason; and ``now``,
    the station's clock (the phone says deadlines by it when it has no signal)."""
    try:
        too_large = len(request.body) > SYNC_BODY_BYTES
    except RequestDataTooBig:  # past the site's upload limit too: said as the phone reads it
        too_large = True  # (probe78 L7: Django's HTML page, no "error" to read)
    if too_large:
        return JsonResponse({"error": _("The batch is too large.")}, status=400)
    try:
        body = json.loads(request.body.decode("utf-8"))
        if not isinstance(body, dict):
            raise SyncError(_("The body must be a JSON object with “items”."))
        results = crew_sync(
            station=request.station,
            user=request.user,
            items=body.get("items"),
            sent_at=body.get("sent_at"),
        )
    except (UnicodeDecodeError, json.JSONDecodeError):
        return JsonResponse({"error": _("The body is not JSON.")}, status=400)
    except RecursionError:
        # Python's own words ("maximum recursion depth exceeded ...") are no answer for a crew.
        return JsonResponse(
            {"error": _("The body is nested too deeply to be a batch of steps.")}, status=400
        )
    except SyncError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    return JsonResponse({"results": results, "now": timezone.now().isoformat()})
