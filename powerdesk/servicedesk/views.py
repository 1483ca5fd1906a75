"""Call intake: the keyboard-first screen counter and duty staff live in; the CTI webhook."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from powerdesk.accounts.models import Role
from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_view
from powerdesk.accounts.tokens import token_from_request
from powerdesk.customers.selectors import customers_by_phone
from powerdesk.servicedesk.calls import call_log, call_mark_called_back, likely_duplicates
from powerdesk.servicedesk.followup import feedback_from_call
from powerdesk.servicedesk.forms import IntakeForm
from powerdesk.servicedesk.models import Call, Category, WorkOrder
from powerdesk.servicedesk.selectors import caller_context, missed_calls
from powerdesk.servicedesk.services import WorkOrderError, work_order_create, work_order_join_call
from powerdesk.servicedesk.understanding.classifier import default_classifier

DESK_ROLES = [Role.COUNTER, Role.DISPATCHER, Role.CHIEF, Role.ADMIN]
# Categories that need work; a consultation answered on the phone is only logged.
NEEDS_ORDER = {
    Category.FAULT_REPAIR,
    Category.HAZARD,
    Category.BUSINESS,
    Category.NEW_CONNECTION,
    Category.COMPLAINT,
    Category.BILLING,
}


@station_view(roles=DESK_ROLES)
def intake(request: StationRequest) -> HttpResponse:
    if request.method == "POST":
        form = IntakeForm(request.POST)
        if form.is_valid():
            return _take_call(request, form)
    else:
        form = IntakeForm(
            initial={
                "caller_number": request.GET.get("number", ""),
                "cti_call_id": request.GET.get("call_id", ""),
            }
        )
    number = form["caller_number"].value() or ""
    return render(
        request,
        "servicedesk/intake.html",
        {
            "form": form,
            **_caller(request, number),
            "missed": missed_calls(request.station).count(),
        },
    )


def _take_call(request: StationRequest, form: IntakeForm) -> HttpResponse:
    data = form.cleaned_data
    text = data["text"].strip()
    call = call_log(
        station=request.station,
        user=request.user,
        caller_number=data["caller_number"],
        text=text,
        category=data["category"],
        urgent=data["urgent"] or None,
        cti_call_id=data["cti_call_id"],
    )
    feedback_from_call(call=call)
    action = data["action"] or ("new" if call.category in NEEDS_ORDER else "log")
    order: WorkOrder | None = None
    if action.startswith("join:") and action[5:].isdigit():
        order = get_for_user(request, WorkOrder, pk=int(action[5:]))
        try:
            work_order_join_call(work_order=order, call=call, user=request.user)
        except WorkOrderError as exc:
            messages.error(request, str(exc))
    elif action == "new" and call.category:
        order = work_order_create(
            station=request.station,
            user=request.user,
            category=call.category,
            urgent=call.urgent,
            summary=text[:60] or call.get_category_display(),
            description=text,
            customer=call.customer,
            call=call,
        )
    if order is not None:
        messages.success(
            request, _("Call logged with work order %(number)s.") % {"number": order.number}
        )
        return redirect(order)
    messages.success(request, _("Call logged."))
    return redirect("servicedesk:intake")


@station_view(roles=DESK_ROLES)
def caller_panel(request: StationRequest) -> HttpResponse:
    """What is known about the caller, as the number is typed (htmx)."""
    return render(
        request, "servicedesk/_caller.html", _caller(request, request.GET.get("caller_number", ""))
    )


def _caller(request: StationRequest, number: str) -> dict[str, object]:
    customers = (
        list(
            customers_by_phone(station=request.station, raw=number).select_related(
                "village", "group", "transformer"
            )[:5]
        )
        if number
        else []
    )
    customer = customers[0] if len(customers) == 1 else None
    context: dict[str, object] = {"customers": customers, "customer": customer, "number": number}
    if customer is not None:
        context.update(caller_context(customer))
        context["duplicates"] = likely_duplicates(station=request.station, customer=customer)
    return context


@station_view(roles=DESK_ROLES)
def suggest(request: StationRequest) -> HttpResponse:
    """The category and urgency the note suggests, as staff type (htmx)."""
    text = request.GET.get("text", "").strip()
    suggestion = default_classifier().suggest_one(text) if text else None
    label = Category(suggestion.category).label if suggestion else ""
    return render(
        request, "servicedesk/_suggestion.html", {"suggestion": suggestion, "label": label}
    )


@station_view(roles=DESK_ROLES)
def callback_queue(request: StationRequest) -> HttpResponse:
    return render(
        request, "servicedesk/missed_calls.html", {"calls": missed_calls(request.station)}
    )


@require_POST
@station_view(roles=DESK_ROLES)
def call_returned(request: StationRequest, pk: int) -> HttpResponse:
    call = get_for_user(request, Call, pk=pk)
    try:
        call_mark_called_back(call=call, user=request.user, note=request.POST.get("note", ""))
    except WorkOrderError as exc:
        messages.error(request, str(exc))
    if request.POST.get("then") == "intake":
        return redirect(
            reverse("servicedesk:intake") + "?" + urlencode({"number": call.caller_number})
        )
    return redirect("servicedesk:missed_calls")


@csrf_exempt
@require_POST
def cti_webhook(request: HttpRequest) -> HttpResponse:
    """For the telephone system: ``{"caller_number", "call_id", "event"}`` with a token.

    ``ringing``/``answered`` answer with the intake address to open, pre-filled; ``missed``
    and ``abandoned`` log the call into the call-back queue.
    """
    token = token_from_request(request)
    if token is None:
        return JsonResponse(
            {"error": "a valid 'Authorization: Token <key>' header is needed"}, status=401
        )
    try:
        payload = json.loads(request.body or b"{}")
    except json.JSONDecodeError as exc:
        return JsonResponse({"error": f"body is not JSON: {exc.msg}"}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse({"error": "body must be a JSON object"}, status=400)
    event = payload.get("event")
    number = str(payload.get("caller_number") or "")
    call_id = str(payload.get("call_id") or "")
    if event not in ("ringing", "answered", "missed", "abandoned"):
        return JsonResponse(
            {"error": "event must be ringing, answered, missed or abandoned"}, status=400
        )
    if event in ("missed", "abandoned"):
        status = Call.Status.MISSED if event == "missed" else Call.Status.ABANDONED
        if (
            not Call.objects.filter(station=token.station, cti_call_id=call_id).exists()
            or not call_id
        ):
            call = call_log(
                station=token.station,
                user=None,
                caller_number=number,
                status=status,
                cti_call_id=call_id,
            )
            return JsonResponse({"logged": call.pk, "queue": reverse("servicedesk:missed_calls")})
        return JsonResponse({"logged": None, "duplicate": True})
    url = reverse("servicedesk:intake") + "?" + urlencode({"number": number, "call_id": call_id})
    return JsonResponse({"intake_url": request.build_absolute_uri(url)})
