"""The callbacks due, each order with its own form: a callback that cannot be recorded is shown
again on its own row, naming the order, with what was chosen and typed (never one error at the
top of a page listing several orders)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, may
from powerdesk.accounts.tenancy import StationRequest, station_page
from powerdesk.lib.forms import TYPED_KEPT
from powerdesk.lib.kept import drop_kept, kept_dict, kept_redirect
from powerdesk.servicedesk.callbacks import UNHAPPY_SCORE, callback_record
from powerdesk.servicedesk.forms import SCORE_CHOICES, CallbackForm
from powerdesk.servicedesk.models import Callback, WorkOrder, WorkOrderStatus
from powerdesk.servicedesk.selectors import callbacks_due
from powerdesk.servicedesk.services import WorkOrderError


@station_page("servicedesk:callbacks")
def callback_list(request: StationRequest) -> HttpResponse:
    return callbacks_page(request)


def callbacks_page(request: StationRequest) -> HttpResponse:
    """The page; a callback refused on one row comes back through the session (kept by
    ``callback_from_the_list``) and is shown on that order's row, its form as it was sent, with
    why."""
    # outages reads servicedesk
    from powerdesk.outages.callbacks_exported import SHOWN, callbacks_asked_wrong
    from powerdesk.outages.outage_callback_record import GIVE_UP_AFTER
    from powerdesk.outages.selectors import outage_callbacks_due, outage_callbacks_given_up

    asked_wrong = callbacks_asked_wrong(request.GET)
    orders = list(callbacks_due(request.station))
    failed = _refused_kept(request, orders)
    for order in orders:
        if failed is not None and failed[0].pk == order.pk:
            order.callback_form = failed[1]  # type: ignore[attr-defined]
            # Why, on the card, each error once as its own sentence (its fields marked too,
            # the words not said again there): never a heading ending in a colon, nor a label
            # and a colon before a sentence that has its own (walk58 L5).
            order.callback_refusal = " ".join(  # type: ignore[attr-defined]
                str(e) for errors in failed[1].errors.values() for e in errors
            )
        else:
            order.callback_form = CallbackForm(auto_id=f"id_%s_{order.pk}")  # type: ignore[attr-defined]
    return render(
        request,
        "servicedesk/callbacks.html",
        {
            "orders": orders,
            "now": timezone.now(),
            "outage_callbacks": outage_callbacks_due(request.station),
            "given_up": list(outage_callbacks_given_up(request.station)),
            # An outage's callback refused: said on its row, what was chosen and typed kept.
            "outage_typed": kept_dict(request, OUTAGE_CALLBACK_TYPED),
            "outcomes": Callback.Outcome.choices,
            "scores": SCORE_CHOICES,
            "give_up_after": GIVE_UP_AFTER,
            "may_give_up": may(request.user, request.station, Do.CALLBACK_GIVE_UP),
            # The outage callbacks' file: which (still to call, a month's...), and the month.
            "export_shown": list(SHOWN.items()),
            # The file asked for in the address (``?show=``, ``?month=``): chosen in the form;
            # one that is not a choice is said, never read as this month (probe76, L11).
            "export_show": request.GET.get("show", "") if not asked_wrong else "",
            "export_month": (request.GET.get("month", "").strip() if not asked_wrong else "")
            or timezone.localdate().strftime("%Y-%m"),
            "asked_wrong": asked_wrong,
        },
        status=400 if asked_wrong else 200,
    )


# An outage's callback whose note was refused (``outages.views_board.callback_done``), shown
# again on its row.
OUTAGE_CALLBACK_TYPED = "typed-outage-callback"


def sent_from_the_list(next_url: str) -> bool:
    """Whether the callback form was sent from the list of callbacks due (its ``next``)."""
    return next_url.split("?")[0] == reverse("servicedesk:callbacks")


def callback_from_the_list(request: StationRequest, order: WorkOrder) -> HttpResponse:
    """Record the callback sent from one row of the list: back to the list when recorded,
    else the list again with that row's form as sent and why it was refused."""
    form = CallbackForm(request.POST, auto_id=f"id_%s_{order.pk}")
    if form.is_valid():
        try:
            callback = callback_record(work_order=order, user=request.user, **form.cleaned_data)
        except WorkOrderError as exc:
            form.add_error(getattr(exc, "field", None) or None, str(exc))
        else:
            messages.success(request, callback_told(order, callback))
            drop_kept(request, _REFUSED_KEY)
            return redirect("servicedesk:callbacks")
    if not callbacks_due(request.station).filter(pk=order.pk).exists():
        # No longer listed (called back meanwhile by someone else, reopened, closed): no row to
        # say it on, so it is said at the top of the list (as the outage board's forms do).
        messages.error(request, not_recorded_words(order, form))
        return redirect("servicedesk:callbacks")
    # Shown on the list's own address (a reload sends nothing again): the form as sent and why,
    # kept for the list drawn with ``?kept=<token>`` (``lib.kept``: a double click's two answers
    # show the same), on the refused order's row.
    return kept_redirect(
        request,
        _REFUSED_KEY,
        {"order": order.pk, **callback_typed(request, form)},
        reverse("servicedesk:callbacks") + f"#callback-{order.pk}",
    )


# The list's one refused row (a newer refusal, on any row, replaces it).
_REFUSED_KEY = "callback-refused"


def callback_typed(request: StationRequest, form: CallbackForm) -> dict[str, object]:
    """A refused callback form kept for the page's next drawing: what was chosen and typed (a
    comment too long kept whole up to a page, to be shortened, never cut to its limit) and
    every error as said (a comment's length as typed, not as kept)."""
    return {
        "data": {name: request.POST.get(name, "")[:TYPED_KEPT] for name in form.fields},
        "field_errors": {
            name: [str(e) for e in errors]
            for name, errors in form.errors.items()
            if name in form.fields
        },
        "errors": [str(e) for e in form.non_field_errors()],
    }


def callback_form_again(kept: dict[str, object], **form_options: object) -> CallbackForm:
    """The form of ``callback_typed`` drawn again: what was sent, at each field its errors."""
    data = kept.get("data")
    form = CallbackForm(data if isinstance(data, dict) else {}, **form_options)  # type: ignore[arg-type]
    form.is_valid()
    said = kept.get("field_errors")
    for name, errors in said.items() if isinstance(said, dict) else ():
        if name in form.fields:
            form.errors[name] = form.error_class([str(e) for e in errors])
    for error in kept.get("errors") or []:  # type: ignore[attr-defined]
        form.add_error(None, str(error))
    return form


def _refused_kept(
    request: StationRequest, orders: list[WorkOrder]
) -> tuple[WorkOrder, CallbackForm] | None:
    """The refused row's form kept by ``callback_from_the_list``, on the list drawn for it
    (``?kept=<token>``; the plain list shows none), sent again through the form to say its
    fields' errors, with the service's refusal beside them."""
    kept = kept_dict(request, _REFUSED_KEY)
    if not kept:
        return None
    order = next((o for o in orders if o.pk == kept.get("order")), None)
    if order is None:
        return None  # recorded meanwhile, or another station's
    return order, callback_form_again(kept, auto_id=f"id_%s_{order.pk}")


def not_recorded_words(order: WorkOrder, form: CallbackForm) -> str:
    """Why the callback of an order no longer listed was not recorded, naming the order: the
    service's reason, else that it is no longer resolved (what was typed is beside the point
    then), else what was wrong with the form."""
    order.refresh_from_db(fields=["status"])
    said = [str(e) for e in form.non_field_errors()]
    if not said:
        from powerdesk.servicedesk.workflow import callback_problem

        refused = callback_problem(order)  # the service's rule, not a copy of it
        said = [refused] if refused else []
    if not said:
        said = [str(e) for errors in form.errors.values() for e in errors]
    return _("The callback of work order %(number)s is not recorded yet: %(reason)s") % {
        "number": order.number,
        "reason": " ".join(said),
    }


def callback_told(order: WorkOrder, callback: Callback) -> str:
    """What recording the callback did, in words: closed off, reopened and escalated, or done
    and escalated (a low score with the problem solved)."""
    order.refresh_from_db(fields=["status"])
    if order.status == WorkOrderStatus.RECEIVED:
        why = _("the customer says it is still not fixed")  # only that reopens it
        return _(
            "Callback recorded: %(why)s. Work order %(number)s is reopened and the station "
            "chief is told."
        ) % {"why": why, "number": order.number}
    score = callback.satisfaction
    if order.status == WorkOrderStatus.CALLBACK_DONE and score and score <= UNHAPPY_SCORE:
        return _(
            "Callback recorded: the customer is not satisfied, though the problem is solved. "
            "Work order %(number)s stays done; the station chief is told, to review it."
        ) % {"number": order.number}
    if callback.outcome == Callback.Outcome.RETRY:
        # Reached, but busy: not said "not reached" (walk64, L).
        return _(
            "Callback recorded: the customer answered and asked to be called later; work order "
            "%(number)s stays on the list of callbacks due."
        ) % {"number": order.number}
    if callback.outcome != Callback.Outcome.REACHED:
        return _(
            "Callback recorded: the customer was not reached; work order %(number)s stays on "
            "the list of callbacks due."
        ) % {"number": order.number}
    return _("Callback recorded for work order %(number)s.") % {"number": order.number}
