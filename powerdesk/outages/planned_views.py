"""The planned outages page: announce one, see whom it reaches, send a crew to the work
(its job on the crew's phone), cancel or move it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Crew
from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page, station_queryset
from powerdesk.lib.forms import TYPED_KEPT, InputError, object_id, too_long
from powerdesk.network.selectors import grid_element_named
from powerdesk.outages.forms import PlannedOutageForm, RescheduleForm
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import NoticeSource, Outage, OutageEvent
from powerdesk.outages.planned import (
    planned_outage_cancel,
    planned_outage_notice,
    planned_outage_reach,
    planned_outage_reschedule,
)
from powerdesk.outages.planned_ask import (
    PlannedAsk,
    PlannedAsking,
    planned_after_asking,
    planned_ask_announce,
    planned_ask_cancel,
    planned_ask_move,
)
from powerdesk.outages.planned_notice import notice_kept_on_move
from powerdesk.outages.record_ask import Recorded
from powerdesk.outages.services import OutageError, outage_declare, planned_notice_days
from powerdesk.outages.steps import step_label
from powerdesk.outages.views_mend import FormErrors
from powerdesk.servicedesk.models import FormSubmission

if TYPE_CHECKING:
    from collections.abc import Callable

    from powerdesk.network.models import GridNode


@dataclass(frozen=True)
class PlannedAskForm:
    """The ask's form on the page: what the change texts, the fields the first press sent
    (carried as typed) and the one-time token."""

    ask: PlannedAsk
    fields: tuple[tuple[str, str], ...]
    form_token: str
    # A move keeping staff's text to tell callers, which may name the old date: shown at the
    # text, editable in the ask (``planned_notice.notice_kept_on_move``).
    notice_kept: str = ""


# The fields each change's first press sends, carried to the ask's button.
ASK_FIELDS = {
    "announce": (
        "action",
        "device",
        "starts_at",
        "ends_at",
        "cause",
        "notice",
        "short_notice_reason",
    ),
    "reschedule": (
        "action",
        "outage",
        "starts_at",
        "ends_at",
        "reason",
        "short_notice",
        "notice",
    ),
    "cancel": ("action", "outage", "reason"),
}
FIELD_CHARS = 300
# The fields of each planned outage's own forms, shown again as typed when one was sent with
# something wrong (``_mend``); the service names the end of the window ``expected_restore_at``.
ROW_FIELDS = {
    "dispatch": ("crew",),
    "reschedule": ("starts_at", "ends_at", "reason", "short_notice", "notice"),
    "notice": ("notice",),
    "cancel": ("reason",),
}
SAME_FIELD = {"expected_restore_at": "ends_at"}


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
                    asking = _cancel(request, outage)
                elif action == "notice":
                    planned_outage_notice(
                        outage=outage, user=request.user, notice=request.POST.get("notice", "")
                    )
                    messages.success(request, _("What to tell callers is changed."))
                else:
                    asking = _reschedule(request, outage)
                if asking is None:
                    return redirect(f"{reverse('outages:planned')}#planned-{outage.pk}")
            else:
                form = PlannedOutageForm(request.POST)
                asking = _announce(request, form)
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


def _ask_form(
    request: StationRequest, asking: PlannedAsking, action: str, *, notice_kept: str = ""
) -> PlannedAskForm:
    data = request.POST
    return PlannedAskForm(
        notice_kept=notice_kept,
        ask=asking.ask,
        fields=tuple(
            # Sent empty is kept too: an emptied "what to tell callers" is written anew.
            (name, data[name][:FIELD_CHARS])
            for name in ASK_FIELDS[action]
            if name in data
        ),
        form_token=asking.form_token,
    )


def _asked_first(
    request: StationRequest,
    *,
    action: str,
    kind: str,
    ask: Callable[[], PlannedAsk],
    act: Callable[[], Outage],
    done: str,
    again: str,
    after: Callable[[Recorded], None] | None = None,
    notice_kept: str = "",
) -> PlannedAskForm | None:
    """Announcing, moving and calling off alike, in two presses (``planned_after_asking``):
    the first answers with the ask's form (``action``: the fields it carries); the ask's button
    does it once and says what it did (``done``), or (a double click, a retry) that it was done
    already and nothing was sent again (``again``); ``after`` follows the button's answer."""
    answer = planned_after_asking(
        station=request.station,
        user=request.user,
        data=request.POST,
        kind=kind,
        ask=ask,
        act=act,
    )
    if isinstance(answer, PlannedAsking):
        return _ask_form(request, answer, action, notice_kept=notice_kept)
    if answer.first:
        messages.success(request, done)
    else:
        messages.info(request, again)
    if after is not None:
        after(answer)
    return None


def _announce(request: StationRequest, form: PlannedOutageForm) -> PlannedAskForm | None:
    """Announce the planned outage typed: it texts the households below at once, so it is
    asked first (``planned_after_asking``). What is wrong is put in ``form``, next to its
    field when it is about one."""
    if not form.is_valid():
        return None
    try:
        return _announce_valid(request, form)
    except OutageError as exc:
        field = SAME_FIELD.get(exc.field, exc.field)
        form.add_error(field if field in form.fields else None, str(exc))
        return None


def _announce_valid(request: StationRequest, form: PlannedOutageForm) -> PlannedAskForm | None:
    data = form.cleaned_data

    def device() -> GridNode:
        found = grid_element_named(request.station.pk, data["device"])
        if found is None:
            raise OutageError(
                _("No element of this station has the code or the name “%(text)s”.")
                % {"text": data["device"]},
                field="device",
            )
        return found

    return _asked_first(
        request,
        action="announce",
        kind=FormSubmission.Kind.PLANNED_ANNOUNCE,
        ask=lambda: planned_ask_announce(
            station=request.station,
            user=request.user,
            device=device(),
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            cause=data["cause"],
            short_notice=bool(data["short_notice_reason"].strip()),
        ),
        act=lambda: outage_declare(
            station=request.station,
            user=request.user,
            device=device(),
            kind=Outage.Kind.PLANNED,
            starts_at=data["starts_at"],
            expected_restore_at=data["ends_at"],
            cause=data["cause"],
            notice=data["notice"],
            short_notice_reason=data["short_notice_reason"],
        ),
        done=_("The planned outage is announced."),
        again=_("The planned outage was announced already: nothing was sent again."),
    )


def _cancel(request: StationRequest, outage: Outage) -> PlannedAskForm | None:
    """Call the planned outage off: it texts everyone told of it, so it is asked first."""
    reason = request.POST.get("reason", "").strip()
    said = too_long(_("Reason"), reason, 200)
    if said:  # refused at its field, never cut
        raise OutageError(said, field="reason")
    if not reason:
        raise OutageError(_("Give the reason."), field="reason")
    return _asked_first(
        request,
        action="cancel",
        kind=FormSubmission.Kind.PLANNED_CANCEL,
        ask=lambda: planned_ask_cancel(outage=_fresh(outage), user=request.user),
        act=lambda: planned_outage_cancel(outage=outage, user=request.user, reason=reason),
        done=_("The planned outage is cancelled; those told of it are texted so."),
        again=_("The planned outage was cancelled already: nothing was sent again."),
    )


def _fresh(outage: Outage) -> Outage:
    outage.refresh_from_db()
    return outage


def _reschedule(request: StationRequest, outage: Outage) -> PlannedAskForm | None:
    """Move the planned outage: it texts everyone under its device, so it is asked first."""
    form = RescheduleForm(request.POST)
    if not form.is_valid():
        raise FormErrors(form.errors)
    data = form.cleaned_data
    if not data["reason"].strip():
        raise OutageError(_("Give the reason."), field="reason")

    kept = notice_kept_on_move(outage, typed=data["notice"] if "notice" in request.POST else None)

    def moved(answer: Recorded) -> None:
        """Moved: what to tell callers, kept as staff wrote it, may name the old date."""
        shown = answer.outage if answer.first and answer.outage is not None else outage
        if answer.first and shown.notice_source == NoticeSource.BEFORE_MOVE:
            messages.warning(
                request,
                _(
                    "What to tell callers is kept as staff wrote it and may name the old date: "
                    "“%(text)s”. Change it under “What to tell callers”."
                )
                % {"text": shown.notice},
            )

    return _asked_first(
        request,
        action="reschedule",
        kind=FormSubmission.Kind.PLANNED_MOVE,
        ask=lambda: planned_ask_move(
            outage=_fresh(outage),
            user=request.user,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            short_notice=data["short_notice"],
        ),
        act=lambda: planned_outage_reschedule(
            outage=outage,
            user=request.user,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            reason=data["reason"],
            short_notice=data["short_notice"],
            notice=data["notice"] if "notice" in request.POST else None,
        ),
        done=_("The planned outage is moved."),
        again=_("The planned outage was moved already: nothing was sent again."),
        after=moved,
        notice_kept=outage.notice if kept else "",
    )
