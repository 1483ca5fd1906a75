"""The planned outages page: announce one, see whom it reaches, send a crew to the work
(its job on the crew's phone), cancel or move it (the changes asked first: ``planned_changes``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Crew
from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page, station_queryset
from powerdesk.lib.forms import TYPED_KEPT, InputError, object_id
from powerdesk.outages.forms import PlannedOutageForm
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.planned import planned_outage_notice, planned_outage_reach
from powerdesk.outages.planned_changes import (
    SAME_FIELD,
    PlannedAskForm,
    announce_asked,
    cancel_asked,
    reschedule_asked,
)
from powerdesk.outages.services import OutageError, planned_notice_days
from powerdesk.outages.steps import step_label
from powerdesk.outages.views_mend import FormErrors

# The fields of each planned outage's own forms, shown again as typed when one was sent with
# something wrong (``_mend``; the service's names of them: ``planned_changes.SAME_FIELD``).
ROW_FIELDS = {
    "dispatch": ("crew",),
    "reschedule": ("starts_at", "ends_at", "reason", "short_notice", "notice"),
    "notice": ("notice",),
    "cancel": ("reason",),
}


@station_page("outages:planned")
def planned_outages(request: StationRequest) -> HttpResponse:
    form = PlannedOutageForm()
    asking: PlannedAskForm | None = None
    mend: dict[str, Any] | None = None
    if request.method == "POST":
        action = request.POST.get("action")
        outage: Outage | None = None
        try:
            if action in ROW_FIELDS:
                outage = get_for_user(
                    request, Outage, pk=object_id(request.POST.get("outage"), _("outage"))
                )
                if action == "dispatch":
                    crew = get_for_user(
                        request, Crew, pk=object_id(request.POST.get("crew"), _("crew"))
                    )
                    outage_dispatch(outage=outage, crew=crew, user=request.user)
                    messages.success(
                        request,
                        _("%(crew)s is sent to the planned work on %(device)s.")
                        % {"crew": crew.name, "device": outage.device},
                    )
                elif action == "cancel":
                    asking = cancel_asked(request, outage)
                elif action == "notice":
                    planned_outage_notice(
                        outage=outage, user=request.user, notice=request.POST.get("notice", "")
                    )
                    messages.success(request, _("What to tell callers is changed."))
                else:
                    asking = reschedule_asked(request, outage)
                if asking is None:
                    return redirect(f"{reverse('outages:planned')}#planned-{outage.pk}")
            else:
                form = PlannedOutageForm(request.POST)
                asking = announce_asked(request, form)
                if asking is None and not form.errors:
                    return redirect("outages:planned")
        except (OutageError, InputError, FormErrors) as exc:
            if outage is None or action not in ROW_FIELDS:
                messages.error(request, str(exc))
                return redirect("outages:planned")
            # The row's form again as typed, what is wrong next to its field.
            mend = _mend(request, action, outage, exc)
    planned = station_queryset(request, Outage).filter(kind=Outage.Kind.PLANNED)
    history = Prefetch("events", queryset=OutageEvent.objects.select_related("by"))
    coming = list(
        planned.filter(status__in=[Outage.Status.ANNOUNCED, Outage.Status.ACTIVE])
        .select_related("device__feeder", "link__crew")
        .prefetch_related(history)
        .order_by("starts_at")
    )
    if mend is not None and outage is not None and all(row.pk != mend["pk"] for row in coming):
        # No row to mend it on (the outage was restored or cancelled meanwhile): said at the
        # top of the page, as the board says it (``views_mend.mend_for``).
        messages.error(request, _gone_words(outage, mend))
        return redirect("outages:planned")
    for row in coming:
        row.reach = planned_outage_reach(row)  # type: ignore[attr-defined]
        row.history = [  # type: ignore[attr-defined]
            (event, step_label(event.what)) for event in row.events.all()
        ]
        if mend is not None and mend["pk"] == row.pk:
            row.mend = mend  # type: ignore[attr-defined]
    return render(
        request,
        "outages/planned.html",
        {
            "section": "outages",
            "coming": coming,
            "past": planned.filter(status__in=[Outage.Status.RESTORED, Outage.Status.CANCELLED])
            .select_related("device")
            .prefetch_related(history)
            .order_by("-starts_at")[:20],
            "form": form,
            "notice_days": planned_notice_days(request.station.pk),
            "crews": station_queryset(request, Crew).order_by("name"),
            "asking": asking,
            "mend": mend,
        },
        # What was sent is not done: shown again to be corrected.
        status=400 if form.errors or mend is not None else 200,
    )


def _mend(request: StationRequest, action: str, outage: Outage, exc: Exception) -> dict[str, Any]:
    """A planned outage's form (``action``) as it was sent, with ``exc`` at its field (or
    above the form when it is about none of them)."""
    fields = ROW_FIELDS[action]
    found = exc.errors if isinstance(exc, FormErrors) else {getattr(exc, "field", ""): [str(exc)]}
    wrong: dict[str, list[str]] = {}
    errors: list[str] = []
    for name, said in found.items():
        name = SAME_FIELD.get(name, name)
        if name in fields:
            wrong.setdefault(name, []).extend(str(m) for m in said)
        else:
            errors.extend(str(m) for m in said)
    return {
        "pk": outage.pk,
        "action": action,
        # A text too long kept whole, to be shortened at its field (no maxlength cuts it).
        "typed": {name: request.POST.get(name, "")[:TYPED_KEPT] for name in fields},
        "wrong": wrong,
        "errors": errors,
    }


def _gone_words(outage: Outage, mend: dict[str, Any]) -> str:
    """Why nothing was done on a planned outage no longer coming: its state now, and the
    service's reason when it is about no field (a field's mistake no longer matters)."""
    outage.refresh_from_db(fields=["status"])
    said = _("Nothing was done: the planned outage on %(device)s is %(status)s.") % {
        "device": outage.device,
        "status": outage.get_status_display(),
    }
    return " ".join([said, *mend["errors"]])
