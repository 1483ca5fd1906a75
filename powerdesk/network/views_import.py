"""The network and customer CSV import pages: upload, preview, confirm (``import_previews``
keeps the previewed file on the server until it is confirmed or cancelled)."""

from __future__ import annotations

import io
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from powerdesk.accounts.tenancy import StationRequest, station_page, station_queryset
from powerdesk.customers.importing import (
    CustomerImportPlan,
    ImportPlanChanged,
    customer_import,
    customer_import_preview,
)
from powerdesk.engine.errors import InputProblem
from powerdesk.lib.csvfile import CsvImportError
from powerdesk.network.forms import ImportConfirmForm, ImportForm
from powerdesk.network.import_plan import NetworkImportPlan
from powerdesk.network.import_previews import (
    pending_import_claim,
    pending_import_peek,
    pending_import_save,
    pending_import_someone_elses,
)
from powerdesk.network.import_words import kinds_table
from powerdesk.network.importing import (
    NetworkPlanChanged,
    network_import,
    network_import_preview,
)
from powerdesk.network.models import ImportRun
from powerdesk.network.network_file import network_file_start

# A preview lists this many new and changed rows (customers, grid elements); every care flag
# change and every move is listed.
PREVIEW_ROWS = 300


@station_page("network:import")
def import_csv(request: StationRequest) -> HttpResponse:
    """Upload a network or customer CSV; errors are listed by line and nothing is stored.

    Either file is shown first as a preview of what it would do (a network file: elements
    added, changed, moved; a customer file: new, changed, and every care flag that would
    change), to be confirmed.
    """
    problems = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "GET" and "preview" in request.GET:
        return _preview_again(request, request.GET["preview"])
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        kind = form.cleaned_data["kind"]
        try:
            plan = _plan_of(request, kind, data, upload.name)
        except CsvImportError as exc:
            problems = exc.problems
        else:
            return _preview(request, plan, _save(request, kind, upload.name, data, plan))
    return _import_page(request, form, problems)


@require_GET
@station_page("network:export")
def network_export(request: StationRequest) -> StreamingHttpResponse:
    """The station's network as the file ``export_network`` writes, streamed, logged
    (walk56, L2): edited and imported back on this page."""
    lines = network_file_start(station=request.station, user=request.user)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="{request.station.code}-network-{day}.csv"'
    )
    return response


@require_POST
@station_page("network:import_confirm")
def import_confirm(request: StationRequest) -> HttpResponse:
    """Apply a previewed import, exactly as previewed, once."""
    form = ImportConfirmForm(request.POST)
    pending = (
        pending_import_claim(
            token=form.cleaned_data["token"], user=request.user, station=request.station
        )
        if form.is_valid()
        else None
    )
    if pending is None:
        if form.is_valid() and _someone_elses(request, form.cleaned_data["token"]):
            return redirect("network:import")
        messages.error(
            request,
            _(
                "This preview is no longer there: it was already imported, replaced by another "
                "file, or is more than an hour old. Nothing more was stored; check the recent "
                "imports below, or upload the file again."
            ),
        )
        return redirect("network:import")
    if request.POST.get("cancel"):
        messages.info(request, _("%(file)s was not imported.") % {"file": pending.file_name})
        return redirect("network:import")
    importer = customer_import if pending.kind == "customers" else network_import
    try:
        run = importer(
            station=request.station,
            stream=io.BytesIO(pending.data),
            file_name=pending.file_name,
            user=request.user,
            # The plan the confirming page showed: the preview's, or what it would do now when
            # the page was drawn again after a change (``_preview_again``).
            expected_fingerprint=form.cleaned_data.get("fingerprint") or pending.fingerprint,
        )
    except (ImportPlanChanged, NetworkPlanChanged) as exc:
        token = _save(request, pending.kind, pending.file_name, pending.data, exc.plan)
        return _preview(request, exc.plan, token, changed_since=True, status=409)
    except CsvImportError as exc:
        return _import_page(request, ImportForm(), exc.problems)
    _say_imported(request, run)
    return redirect("network:import")


def _someone_elses(request: StationRequest, token: str) -> bool:
    """Whether ``token`` is another user's live preview (or one made at another station), said
    so without a word of whose or what it holds (walk51, F8); their preview is left as it is."""
    if not pending_import_someone_elses(token=token, user=request.user, station=request.station):
        return False
    messages.error(
        request,
        _(
            "This preview is not yours to confirm or cancel: another user checked the file, or it "
            "was checked at another station. Nothing was stored; only the one who checked it can "
            "import it."
        ),
    )
    return True


def _preview_again(request: StationRequest, token: str) -> HttpResponse:
    """The user's pending preview shown again (after a language switch: walk51, F13), from the
    file kept on the server; if the network changed since, what the import would do now."""
    pending = pending_import_peek(token=token, user=request.user, station=request.station)
    if pending is None and _someone_elses(request, token):
        return redirect("network:import")
    if pending is None:
        messages.info(
            request,
            _(
                "That preview is no longer there: it was imported, cancelled, replaced by another "
                "file or is more than an hour old. Upload the file again to check it."
            ),
        )
        return redirect("network:import")
    try:
        plan = _plan_of(request, pending.kind, pending.data, pending.file_name)
    except CsvImportError as exc:
        return _import_page(request, ImportForm(), exc.problems)
    # Changed since: what the import would do now is shown, nothing saved (a GET: a prefetch or
    # a language switch must not drop the preview another tab confirms); its Confirm sends the
    # plan shown (``fingerprint``), applied if it still holds (review53 #7).
    return _preview(request, plan, token, changed_since=plan.fingerprint != pending.fingerprint)


def _preview(
    request: StationRequest,
    plan: CustomerImportPlan | NetworkImportPlan,
    token: str,
    *,
    changed_since: bool = False,
    status: int = 200,
) -> HttpResponse:
    # The language switcher comes back to this preview, not to an empty form (walk51, F13).
    language_next = f"{reverse('network:import')}?{urlencode({'preview': token})}"
    if isinstance(plan, NetworkImportPlan):
        return render(
            request,
            "network/import_preview_network.html",
            {
                "plan": plan,
                "token": token,
                "changed_since": changed_since,
                "added": plan.added[:PREVIEW_ROWS],
                "more_added": max(0, len(plan.added) - PREVIEW_ROWS),
                "changed": plan.changed[:PREVIEW_ROWS],
                "more_changed": max(0, len(plan.changed) - PREVIEW_ROWS),
                "to_store": len(plan.added) + len(plan.changed),
                "language_next": language_next,
            },
            status=status,
        )
    return render(
        request,
        "network/import_preview.html",
        {
            "plan": plan,
            "token": token,
            "changed_since": changed_since,
            "care": plan.care_flag_changes,
            "to_store": len(plan.new) + len(plan.changed),
            "changed_shown": plan.changed[:PREVIEW_ROWS],
            "more_changed": max(0, len(plan.changed) - PREVIEW_ROWS),
            "new_shown": plan.new[:PREVIEW_ROWS],
            "more_new": max(0, len(plan.new) - PREVIEW_ROWS),
            "language_next": language_next,
        },
        status=status,
    )


def _say_imported(request: StationRequest, run: ImportRun) -> None:
    unchanged = run.rows_unchanged
    counts = {"file": run.file_name, "created": run.rows_created, "updated": run.rows_updated}
    if unchanged is None:
        message = _("%(file)s imported: %(created)d created, %(updated)d updated.") % counts
    elif run.rows_created or run.rows_updated:
        message = _(
            "%(file)s imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged."
        ) % {**counts, "unchanged": unchanged}
    else:
        message = _("%(file)s: nothing changed (%(unchanged)d unchanged).") % {
            **counts,
            "unchanged": unchanged,
        }
    messages.success(request, message)


def _import_page(
    request: StationRequest, form: ImportForm, problems: list[InputProblem] | None
) -> HttpResponse:
    return render(
        request,
        "network/import.html",
        {
            "form": form,
            "problems": problems,
            "kinds": kinds_table(),
            "runs": station_queryset(request, ImportRun).select_related("created_by")[:20],
        },
    )


def _plan_of(
    request: StationRequest, kind: str, data: bytes, file_name: str
) -> CustomerImportPlan | NetworkImportPlan:
    """What importing the file (``kind``: "customers" or "network") would do now."""
    preview = customer_import_preview if kind == "customers" else network_import_preview
    return preview(
        station=request.station, stream=io.BytesIO(data), file_name=file_name, user=request.user
    )


def _save(
    request: StationRequest,
    kind: str,
    file_name: str,
    data: bytes,
    plan: CustomerImportPlan | NetworkImportPlan,
) -> str:
    """The file kept on the server with the plan previewed (only on a POST); its token."""
    return pending_import_save(
        user=request.user,
        station=request.station,
        kind=kind,
        file_name=file_name,
        data=data,
        fingerprint=plan.fingerprint,
    )
