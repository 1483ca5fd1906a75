"""Call intake: the keyboard-first screen counter and duty staff live in (the page, and taking
the call it saves; its live parts as the clerk types: ``views_caller``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import Do, may
from powerdesk.accounts.tenancy import StationRequest, station_view
from powerdesk.servicedesk.call_take import CallAlreadyLogged
from powerdesk.servicedesk.forms import INTAKE_TEXT_MAX, IntakeForm
from powerdesk.servicedesk.idempotency import form_token_new
from powerdesk.servicedesk.intake_category import preselected_category, suggesting
from powerdesk.servicedesk.intake_choices import then_category
from powerdesk.servicedesk.intake_record import (
    customer_calling,
    focus_first_refused,
    record_pressed,
)
from powerdesk.servicedesk.intake_repeat import repeat_left_kept
from powerdesk.servicedesk.intake_second import (
    category_kept_with_fault,
    power_off_unchosen,
)
from powerdesk.servicedesk.intake_shown import caller_shown, suggestion_for_caller
from powerdesk.servicedesk.intake_take import take_call
from powerdesk.servicedesk.place_ask import ask_for_the_place
from powerdesk.servicedesk.ringing import ring_keep, ring_read
from powerdesk.servicedesk.second_order import PowerOffNotSaid
from powerdesk.servicedesk.selectors import missed_calls
from powerdesk.servicedesk.services import WorkOrderError

DESK_ROLES = [Role.COUNTER, Role.DISPATCHER, Role.CHIEF, Role.ADMIN]


@station_view(roles=DESK_ROLES)
def intake(request: StationRequest) -> HttpResponse:
    if request.method == "POST":
        data = request.POST.copy()
        # The button that records the outage (it says how many households it texts) saves the
        # call with it, whatever "Then" had chosen; Enter, Ctrl+Enter and "Save the call"
        # never record (walk38, 9): the call is saved, nobody texted. Pressed with another
        # prediction ticked, it is refused (``record_pressed``).
        recording, record_refused = record_pressed(request.station, data)
        # A note longer than the form takes is refused at its field; the rules never read it
        # first (walk56, H2: a pasted page held a web thread for a minute before the refusal).
        read = data.get("text", "") if len(data.get("text", "")) <= INTAKE_TEXT_MAX else ""
        if recording and not record_refused:
            data["action"] = f"predicted:{recording}"
        # The caller's repeat order left chosen, and the note tells another danger: its own order.
        data["action"] = repeat_left_kept(
            request.station, data.get("action", ""), data.get("then_default"), read
        )
        suggested: dict[str, object] = suggestion_for_caller(
            request.station, read, data.get("caller_number", "")
        )
        # With no model loaded, what the rules give (``intake_category``), as the page showed it.
        rules = preselected_category(
            request.station,
            read,
            data.get("caller_number", ""),
            data.get("action", ""),
        )
        if not data.get("category") and rules:
            data["category"] = rules
        # The one click of a second matter: kept as shown, with a fault order too.
        category_kept_with_fault(data, suggested)
        form = IntakeForm(
            data,
            station=request.station,
            suggesting=suggested_any(suggested),
            promising=may(request.user, request.station, Do.PROMISE_MAKE),
        )
        if record_refused:
            form.add_error(None, record_refused)  # (the form is cleaned first)
        if (
            form.is_valid()
            and _category_chosen_when_unsure(form, suggested)
            and not ask_for_the_place(
                form,
                station=request.station,
                suggestion=suggested["suggestion"],
                customer_of=lambda: customer_calling(
                    request.station, form.cleaned_data["caller_number"]
                ),
            )
        ):
            try:
                return take_call(request, form, recording=recording)
            except CallAlreadyLogged as exc:
                # Another page logged this telephone call: say so, and let the clerk log what
                # they typed as a call of its own by saving again (without the telephone's id).
                form.add_error(
                    None,
                    _(
                        "This telephone call was already logged at %(time)s. Save again to "
                        "log what is typed as another call."
                    )
                    % {"time": timezone.localtime(exc.call.received_at).strftime("%H:%M")},
                )
                data["cti_call_id"] = ""
            except WorkOrderError as exc:
                # At its field when the service names one this form has (``IntakePromiseError``);
                # a fault order asked of a note that no longer tells the power off (the panel
                # drawn before the note was changed: review61, L1), at the note.
                field = "text" if isinstance(exc, PowerOffNotSaid) else getattr(exc, "field", "")
                form.add_error(field if field in form.fields else None, str(exc))
        if not data.get("form_token"):
            data["form_token"] = form_token_new()
        then: dict[str, Any] = {
            "category": then_category(data.get("category", ""), read, rules),
            "then_default": data.get("then_default"),
            "text": data.get("text", ""),
        }
    else:
        if "number" in request.GET:
            # An old-style link with the number in its address: keep the number server-side
            # and send the browser to an address without it.
            key = ring_keep(
                station_id=request.station.pk,
                number=request.GET.get("number", ""),
                call_id=request.GET.get("call_id", ""),
            )
            return redirect(reverse("servicedesk:intake") + "?" + urlencode({"ring": key}))
        number, call_id = ring_read(station_id=request.station.pk, key=request.GET.get("ring", ""))
        form = IntakeForm(
            initial={
                "caller_number": number,
                "cti_call_id": call_id,
                "form_token": form_token_new(),
            },
            station=request.station,
            suggesting=suggesting(),
            promising=may(request.user, request.station, Do.PROMISE_MAKE),
        )
        # No model read yet: the page says suggestions are being prepared, and asks again.
        suggested = {"preparing": not suggesting()}
        then = {}
    number = form["caller_number"].value() or ""
    return render(
        request,
        "servicedesk/intake.html",
        {
            "form": form,
            "refused_focus": focus_first_refused(form) if form.is_bound else "",
            **suggested,
            **caller_shown(
                request.station,
                request.user,
                number,
                action=(form["action"].value() or "") if form.is_bound else None,
                caller_is=(form["caller_is"].value() or "") if form.is_bound else "",
                **then,
            ),
            "missed": missed_calls(request.station).count(),
        },
    )


def suggested_any(suggested: dict[str, Any]) -> bool:
    """Whether a model suggested anything for the note (the category select's first choice is
    then "as suggested"; with none, the clerk is asked to choose)."""
    suggestion = suggested.get("suggestion")
    return suggesting() if suggestion is None else not suggestion.by_hand


def _category_chosen_when_unsure(form: IntakeForm, suggested: dict[str, Any]) -> bool:
    """When the classifier cannot tell between two categories, the clerk chooses: a call saved
    "as suggested" then is sent back with the two to choose from."""
    suggestion = suggested["suggestion"]
    if form.cleaned_data["category"] or suggestion is None:
        return True
    if suggestion.by_hand:
        # No model loaded yet (the first start, while the task worker trains one), and the
        # rules gave nothing (``intake_category``): the clerk chooses, unless the call is only
        # logged (kept as it is, not work for the desk: ``call_take``).
        if form.cleaned_data["action"] == "log":
            return True
        # The suggestion's line above says why none is suggested; said once.
        form.add_error("category", _("Choose the call's category."))
        return False
    if power_off_unchosen(form, suggested):
        return False
    if not suggestion.ask:
        return True
    error = _("The note could be %(first)s or %(second)s: choose its category.") % {
        "first": suggested["label"],
        "second": suggested["alternative_label"],
    }
    if suggested["outage_hint"]:
        error += " " + str(suggested["outage_hint"])
    form.add_error("category", error)
    return False
