"""The telephone: the webhook of the station's exchange, and the queue of calls to return."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_view
from powerdesk.accounts.tokens import TokenRefused, TokensThrottled, token_from_request
from powerdesk.servicedesk.call_take import CallAlreadyLogged, call_take
from powerdesk.servicedesk.caller_number import CallerNumberError, caller_number_checked
from powerdesk.servicedesk.calls import call_mark_called_back
from powerdesk.servicedesk.models import Call
from powerdesk.servicedesk.ringing import ring_keep
from powerdesk.servicedesk.selectors import missed_calls
from powerdesk.servicedesk.services import WorkOrderError
from powerdesk.servicedesk.views_intake import DESK_ROLES


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
        key = ring_keep(station_id=call.station_id, number=call.caller_number, call_id="")
        return redirect(reverse("servicedesk:intake") + "?" + urlencode({"ring": key}))
    return redirect("servicedesk:missed_calls")


CTI_EVENTS = ("ringing", "answered", "missed", "abandoned")
# The fields the webhook takes: any other is refused naming it (walk37, 13: an exchange sending
# the call's time, "at", believed it was taken), as ``/api/v1/calls`` refuses one.
CTI_FIELDS = ("event", "caller_number", "call_id")


class CtiRefused(ValueError):
    """A body refused, and the field it is refused at ("" for the body as a whole)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@csrf_exempt
@require_POST
def cti_webhook(request: HttpRequest) -> HttpResponse:
    """For the telephone system: ``{"caller_number", "call_id", "event"}`` with a token.

    ``ringing``/``answered`` answer with the intake address to open, pre-filled; ``missed``
    and ``abandoned`` log the call into the call-back queue, once per ``call_id`` however often
    the event is sent. A body that cannot be read is answered 400 naming what is wrong, and
    nothing is logged.
    """
    try:
        token = token_from_request(request)
    except TokensThrottled as exc:
        throttled = JsonResponse({"error": str(exc)}, status=429)
        throttled["Retry-After"] = str(exc.retry_after)
        return throttled
    except TokenRefused as exc:  # expired, or turned off: said so
        return JsonResponse({"error": exc.detail}, status=401)
    if token is None:
        return JsonResponse(
            {"error": "a valid 'Authorization: Bearer <key>' header is needed"}, status=401
        )
    try:
        event, number, call_id = _cti_event(request.body)
    except ValueError as exc:
        field = getattr(exc, "field", "")
        return JsonResponse({"error": str(exc), **({"field": field} if field else {})}, status=400)
    if event in ("missed", "abandoned"):
        try:
            taken = call_take(
                station=token.station,
                user=None,
                caller_number=number,
                status=Call.Status.MISSED if event == "missed" else Call.Status.ABANDONED,
                cti_call_id=call_id,
            )
        except CallAlreadyLogged as exc:
            return JsonResponse({"logged": None, "duplicate": True, "call": exc.call.pk})
        return JsonResponse({"logged": taken.call.pk, "queue": reverse("servicedesk:missed_calls")})
    key = ring_keep(station_id=token.station_id, number=number, call_id=call_id)
    url = reverse("servicedesk:intake") + "?" + urlencode({"ring": key})
    return JsonResponse({"intake_url": request.build_absolute_uri(url)})


def _cti_event(body: bytes) -> tuple[str, str, str]:
    """The event, caller number and call id of a webhook body; ValueError says what is wrong."""
    try:
        payload = json.loads(body.decode("utf-8") if body else "{}")
    except UnicodeDecodeError:
        raise ValueError("body is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"body is not JSON: {exc.msg}") from None
    except RecursionError:
        raise ValueError("body is not JSON of the expected shape: nested too deeply") from None
    except ValueError as exc:  # e.g. a number of more digits than Python reads
        raise ValueError(f"body is not JSON that can be read: {exc}") from None
    if not isinstance(payload, dict):
        raise ValueError("body must be a JSON object")
    unknown = [str(name)[:40] for name in payload if name not in CTI_FIELDS]
    if unknown:
        # Never dropped without a word: a call's time, a direction, a typo of a field's name.
        raise CtiRefused(
            f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}: the webhook "
            f"takes only {', '.join(CTI_FIELDS)} (the call is logged at the time it is received)",
            field=unknown[0],
        )
    event = payload.get("event")
    if event not in CTI_EVENTS:
        raise CtiRefused("event must be ringing, answered, missed or abandoned", field="event")
    number = _cti_text(
        payload,
        "caller_number",
        Call._meta.get_field("caller_number").max_length,
        numbered=False,
    )
    call_id = _cti_text(payload, "call_id", Call._meta.get_field("cti_call_id").max_length)
    try:
        number = caller_number_checked(number)  # "anonymous": withheld, stored as no number
    except CallerNumberError as exc:
        raise CtiRefused(f"caller_number: {exc}", field="caller_number") from None
    return event, number, call_id


def _cti_text(
    payload: dict[str, object], name: str, max_length: int | None, *, numbered: bool = True
) -> str:
    """A text field of the body ("" when absent or null). ``numbered``: a number is taken as its
    text (some exchanges number their calls: ``call_id``); a caller's number must be text, as
    ``/api/v1/calls`` takes it (a JSON number loses the leading 0 of "0878…", and a "+")."""
    value = payload.get(name)
    if value is None:
        return ""
    if numbered and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise CtiRefused(f"{name} must be a string", field=name)
    if max_length is not None and len(value) > max_length:
        raise CtiRefused(f"{name} must be at most {max_length} characters", field=name)
    if not value.isprintable():
        raise CtiRefused(f"{name} must not contain control characters", field=name)
    return value.strip()
