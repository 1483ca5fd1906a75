"""A planned outage announced, moved or called off from its page: each texts households, so each
is asked first (``planned_ask``): the first press answers with the ask's form, its button does
it once (``planned_after_asking``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.utils.translation import gettext as _

from powerdesk.lib.form_text import text_typed
from powerdesk.network.selectors import grid_element_named
from powerdesk.outages.forms import PlannedOutageForm, RescheduleForm
from powerdesk.outages.models import NoticeSource, Outage
from powerdesk.outages.planned import planned_outage_cancel, planned_outage_reschedule
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
from powerdesk.outages.services import OutageError, outage_declare
from powerdesk.outages.views_mend import FormErrors
from powerdesk.servicedesk.models import FormSubmission

if TYPE_CHECKING:
    from collections.abc import Callable

    from powerdesk.accounts.tenancy import StationRequest
    from powerdesk.network.models import GridNode

__all__ = [
    "SAME_FIELD",
    "PlannedAskForm",
    "announce_asked",
    "cancel_asked",
    "reschedule_asked",
]


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
# The service names the end of the window ``expected_restore_at``: the form's ``ends_at``.
SAME_FIELD = {"expected_restore_at": "ends_at"}


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


def announce_asked(request: StationRequest, form: PlannedOutageForm) -> PlannedAskForm | None:
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


def cancel_asked(request: StationRequest, outage: Outage) -> PlannedAskForm | None:
    """Call the planned outage off: it texts everyone told of it, so it is asked first."""
    reason, said = text_typed(_("Reason"), request.POST.get("reason", ""), 200)
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


def reschedule_asked(request: StationRequest, outage: Outage) -> PlannedAskForm | None:
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
