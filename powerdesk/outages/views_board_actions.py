"""The outage board's actions (``BOARD_ACTIONS``, posted to the outages page: ``views.
outage_list``): confirm or move a prediction (asked first: ``views_ask``), set it aside,
dispatch, the cause, a progress step, an estimate, a restore or a partial one, close, and a
liaison's report checked wrong (asked first: ``views_report_wrong``); and the device typed in
the board's forms. Split from ``views_board`` (the board's page and its poll; review46, 15)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Crew
from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_queryset
from powerdesk.lib.came_from import came_from
from powerdesk.lib.forms import object_id, too_long
from powerdesk.network.models import GridNode
from powerdesk.network.selectors import grid_element_named
from powerdesk.outages.devices import devices_matching
from powerdesk.outages.dispatch_said import dispatch_said
from powerdesk.outages.estimates import outage_cause_found, outage_estimate
from powerdesk.outages.forms import OutageRestoreForm
from powerdesk.outages.life import outage_close, outage_dispatch, outage_progress
from powerdesk.outages.models import (
    Outage,
    PredictedOutage,
)
from powerdesk.outages.prediction_steps import (
    prediction_confirm,
    prediction_reject,
    prediction_target,
)
from powerdesk.outages.recall import outage_recall, recall_said
from powerdesk.outages.record_ask import Asking, record_after_asking
from powerdesk.outages.restoration import (
    MAX_STILL_OPEN,
    outage_restore_part,
    step_words,
)
from powerdesk.outages.restore_checks import restore_allowed, restore_refusals
from powerdesk.outages.services import OutageError, outage_restore
from powerdesk.outages.still_dark_said import restore_said
from powerdesk.outages.views_ask import AskForm, ask_form
from powerdesk.outages.views_board import BOARD_PAGE
from powerdesk.outages.views_mend import FormErrors
from powerdesk.outages.views_report_wrong import WrongAsk, report_wrong_action
from powerdesk.servicedesk.models import FormSubmission
from powerdesk.servicedesk.sent_again import ALREADY, sent_how

# The board's actions, posted to the list page (``views.outage_list``).
BOARD_ACTIONS = frozenset(
    {
        "confirm",
        "move",
        "reject",
        "dispatch",
        "recall",
        "cause",
        "progress",
        "restore_part",
        "estimate",
        "restore_at",
        "close",
        "report_wrong",
        "not_interruption",
        "not_interruption_undo",
    }
)


DEVICE_CHARS = 60  # a device's name, pole or code as typed in the board's forms


def device_typed(request: StationRequest, text: str, *, field: str = "device") -> GridNode:
    """The device a clerk typed or picked: its code or name, or the one the box offers
    (``field``: the form's field it was typed in, where a name that is none is said)."""
    device = grid_element_named(request.station.pk, text)
    if device is None:
        found = devices_matching(request.station, text, limit=2)
        device = found[0] if len(found) == 1 else None
    if device is None:
        raise OutageError(
            _("No device of this station is called or numbered “%(text)s”: pick one offered.")
            % {"text": text.strip()[:60]},
            field=field,
        )
    return device


def parse_local_time(text: str, *, field: str = "expected_restore_at") -> dt.datetime:
    """A time typed in the station's zone (``datetime-local``) in the form's ``field``."""
    try:
        at = dt.datetime.fromisoformat(text.strip()[:30])
    except ValueError:
        raise OutageError(_("Give the time power should be back."), field=field) from None
    return timezone.make_aware(at) if timezone.is_naive(at) else at


def board_action(request: StationRequest, action: str) -> AskForm | WrongAsk | None:
    """Do one of ``BOARD_ACTIONS``; errors are raised for the list view to show. A confirm
    (or a move) asks first: it returns what to ask (``views_ask``), for the page to show; so does
    marking a liaison's report wrong, until it is sent again with ``sure`` (``WrongAsk``)."""
    data = request.POST
    if action in ("confirm", "move"):
        return _confirm(request, action)
    if action == "reject":
        prediction_reject(
            prediction=_prediction(request), user=request.user, reason=data.get("reason", "")
        )
        messages.success(request, _("The prediction is set aside; the reason is kept."))
        return None
    if action == "report_wrong":  # a liaison's report of power back checked: asked first
        return report_wrong_action(request, default=BOARD_PAGE)
    outage = get_for_user(request, Outage, pk=object_id(data.get("outage"), _("outage")))
    if action == "dispatch":
        crew = get_for_user(request, Crew, pk=object_id(data.get("crew"), _("crew")))
        sent = outage_dispatch(outage=outage, crew=crew, user=request.user)
        level, said = dispatch_said(sent, crew)
        messages.add_message(request, level, said)
        if sent_how(sent) == ALREADY:  # nothing stored nor told (walk61 L1)
            return None
        from powerdesk.notifications.crew_reach import dispatch_not_texted

        not_texted = dispatch_not_texted(crew)
        if not_texted:  # its duty phone is someone's no longer at the station (walkthrough 34, 2)
            messages.warning(request, not_texted)
    elif action == "recall":  # the crew called back, none sent instead (walk61 M5)
        # The crew the page showed (a page drawn before another crew was sent never calls
        # the new one back); the crew named and whether it was told are the service's.
        seen = data.get("crew")
        seen_crew = get_for_user(request, Crew, pk=object_id(seen, _("crew"))) if seen else None
        recall = outage_recall(outage=outage, user=request.user, crew=seen_crew)
        level, said = recall_said(recall)
        messages.add_message(request, level, said)
    elif action == "close":
        outage_close(outage=outage, user=request.user)
        messages.success(request, _("The outage is closed."))
    elif action == "not_interruption":  # the crew found the power on at arrival (walk64, M1)
        from powerdesk.outages.power_found_on import outage_not_interruption

        if outage_not_interruption(outage=outage, user=request.user):
            if came_from(request, BOARD_PAGE).startswith(reverse("dashboards:outages")):
                # Confirmed on the outage record, which it then leaves: say where the undo is
                # (review68 L10).
                said = _(
                    "Confirmed no interruption: the reliability figures leave it out, and this "
                    "outage record with them. Made in error? It can be undone today only, on "
                    "the outages page under “Recently restored”."
                )
            else:
                said = _("Confirmed no interruption: the reliability figures leave it out.")
            messages.success(request, said)
        else:
            messages.info(request, _("It was confirmed no interruption already."))
    elif action == "not_interruption_undo":  # a confirmation made in error, the same day
        from powerdesk.outages.power_found_on import outage_not_interruption_undo

        if outage_not_interruption_undo(outage=outage, user=request.user):
            messages.success(
                request,
                _("Confirmation undone: the reliability figures count this outage again."),
            )
        else:
            messages.info(request, _("It is not confirmed no interruption (undone already)."))
    elif action == "progress":
        outage_progress(
            outage=outage, user=request.user, what=data.get("what", ""), note=data.get("note", "")
        )
        messages.success(request, _("Recorded: the crew is patrolling the line."))
    elif action == "restore_part":
        form = OutageRestoreForm(data)
        if not form.is_valid():
            raise FormErrors(form.errors)
        typed = [t for t in data.getlist("still_open")[:MAX_STILL_OPEN] if t.strip()]
        step = outage_restore_part(
            outage=outage,
            user=request.user,
            still_open=[device_typed(request, t, field="still_open") for t in typed],
            at=form.cleaned_data["at"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, step_words(step))
    elif action == "estimate":
        at = parse_local_time(data.get("expected_restore_at", ""))
        before = outage.expected_restore_at
        outage = outage_estimate(
            outage=outage,
            user=request.user,
            expected_restore_at=at,
            note=data.get("note", ""),
            reason_required=True,
        )
        time = f"{timezone.localtime(at):%m-%d %H:%M}"
        if before is not None and outage.expected_restore_at == before:
            messages.info(
                request, _("Power was already expected back at %(time)s.") % {"time": time}
            )
        else:
            messages.success(
                request,
                _("Power is expected back at %(time)s; callers are told so.") % {"time": time},
            )
    elif action == "cause":
        outage = outage_cause_found(
            outage=outage, user=request.user, cause=data.get("cause", ""), note=data.get("note", "")
        )
        messages.success(request, _("Cause recorded: %(cause)s.") % {"cause": outage.cause_shown})
    else:
        # Who may, and whether power can be back on it, before what is wrong with the fields.
        restore_allowed(outage=outage, user=request.user)
        form = OutageRestoreForm(data)
        if not form.is_valid():
            # A time that is not one is said with the cause and how, all in one answer.
            others = restore_refusals(
                outage=outage,
                user=request.user,
                cause=data.get("cause", ""),
                how=data.get("how", "")[:20],
                note=data.get("note", ""),
            ).wrong
            raise FormErrors({**{name: [said] for name, said in others.items()}, **form.errors})
        outage = outage_restore(
            outage=outage,
            user=request.user,
            cause=data.get("cause", ""),
            at=form.cleaned_data["at"],
            note=form.cleaned_data["note"],
            how=data.get("how", "")[:20],  # asked when no crew was ever sent
        )
        # What was done, with the callers still dark under another outage (walk41, 8).
        messages.success(request, restore_said(outage))
    return None


def _prediction(request: StationRequest) -> PredictedOutage:
    prediction = (
        station_queryset(request, PredictedOutage)
        .filter(pk=object_id(request.POST.get("prediction"), _("prediction")))
        .select_related("device__feeder", "station")
        .first()
    )
    if prediction is None:
        # The engine took new signals since the board was drawn and no longer sees it.
        raise OutageError(
            _("The engine no longer sees this outage (new signals came in): look again.")
        )
    return prediction


def _confirm(request: StationRequest, action: str) -> AskForm | None:
    """The board's "confirm" (on the prediction's device, or a move to the one typed): recording
    texts every household below at once, so the first press says how many and asks again
    (``record_after_asking``, as intake does); only the second button, whose form carries a
    one-time token, records it, once however often it is sent."""
    data = request.POST
    typed = data.get("device", "") if action == "move" else ""
    said = too_long(_("Device (name, pole or code)"), typed.strip(), DEVICE_CHARS)
    if said:
        # Refused at the device, never cut to a name it did not say (shown again whole).
        raise OutageError(said, field="device")
    other_feeder = data.get("other_feeder") == "on"

    def target() -> tuple[PredictedOutage, GridNode | None, GridNode]:
        prediction = _prediction(request)
        device = device_typed(request, typed) if action == "move" else None
        found = prediction_target(
            prediction=prediction, user=request.user, device=device, other_feeder=other_feeder
        )
        return prediction, device, found

    def confirm() -> Outage:
        prediction, device, _found = target()
        return prediction_confirm(
            prediction=prediction, user=request.user, device=device, other_feeder=other_feeder
        )

    answer = record_after_asking(
        station=request.station,
        user=request.user,
        data=data,
        kind=FormSubmission.Kind.OUTAGE_CONFIRM,
        device=lambda: target()[2],
        record=confirm,
        # The outage starts at the prediction's first sign (``prediction_confirm``).
        when=lambda: {"starts_at": _prediction(request).first_sign_at},
    )
    if isinstance(answer, Asking):
        fields = ["action", "prediction"]
        if action == "move":
            fields += ["device", "other_feeder"]
        return ask_form(
            request,
            answer,
            url=reverse("outages:list"),
            fields=fields,
            note=_(
                "Nothing is recorded yet. Record it if the power is off there; otherwise leave "
                "it, or reject the prediction on the board."
            ),
            testid="board-confirm-record",
            default=BOARD_PAGE,
        )
    if answer.outage is not None:
        messages.success(
            request, _("Outage recorded on %(device)s.") % {"device": answer.outage.device}
        )
    return None
