"""The chief puts an outage at another place in the order of restoration (from the board, and
back to the page the board was on: ``lib.came_from``)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page
from powerdesk.lib.came_from import came_from
from powerdesk.lib.form_text import TypedText
from powerdesk.lib.forms import InputError, named_errors, object_id
from powerdesk.outages.models import Outage, PredictedOutage
from powerdesk.outages.priority import (
    MAX_POSITION,
    outage_priority_set,
    position_words,
    reason_missing,
)
from powerdesk.outages.services import OutageError
from powerdesk.outages.views_board import BOARD_PAGE
from powerdesk.outages.views_mend import FormErrors, mend_for, mend_page


class PriorityOrderForm(forms.Form):
    """Said in the service's words (``priority``) at the field, not Django's ("确保该值…")."""

    position = forms.IntegerField(
        label=gettext_lazy("Place on the board (empty: back to the score's order)"),
        required=False,
        min_value=1,
        max_value=MAX_POSITION,
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value", "step_size"), lazy(position_words, str)()
        ),
    )
    reason = named_errors(
        TypedText(
            label=gettext_lazy("Why"),
            max_length=300,
            error_messages={"required": lazy(reason_missing, str)()},
        )
    )


@station_page("outages:reorder")
@require_POST
def outage_reorder(request: StationRequest) -> HttpResponse:
    form = PriorityOrderForm(request.POST)
    try:
        if not form.is_valid():
            raise FormErrors(form.errors)
        outage = prediction = None
        if request.POST.get("outage"):
            outage = get_for_user(
                request, Outage, pk=object_id(request.POST.get("outage"), _("outage"))
            )
        else:
            prediction = get_for_user(
                request,
                PredictedOutage,
                pk=object_id(request.POST.get("prediction"), _("prediction")),
            )
        order = outage_priority_set(
            station=request.station,
            user=request.user,
            outage=outage,
            prediction=prediction,
            position=form.cleaned_data["position"],
            reason=form.cleaned_data["reason"],
        )
    except (OutageError, InputError, FormErrors) as exc:
        # Drawn again as typed, what is wrong at its field (``views_mend``); a row gone or a
        # forged one is said above the page.
        mend = mend_for(request, "reorder", exc)
        if mend is not None:
            return mend_page(request, mend)
        messages.error(request, str(exc))
        return redirect(came_from(request, BOARD_PAGE))
    if order.position is None:
        messages.success(request, _("The outage is back in the score's order; the reason is kept."))
    else:
        messages.success(
            request,
            _("The outage is at place %(n)d on the board; the reason is kept.")
            % {"n": order.position},
        )
    return redirect(came_from(request, BOARD_PAGE))
