"""The telephone: the webhook of the station's exchange, and the queue of calls to return."""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import math
from dataclasses import dataclass, field

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_view
from powerdesk.accounts.tokens import TokenRefused, TokensThrottled, token_from_request
from powerdesk.api_errors import body_not_read
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


logger = logging.getLogger("powerdesk.telephone")

CTI_EVENTS = ("ringing", "answered", "missed", "abandoned")
# The fields the webhook takes. Any other is never dropped without a word (walk37, 13: an
# exchange sending the call's time, "at", believed it was taken): a ringing or answered call is
# refused naming it, as ``/api/v1/calls`` refuses one (the clerk is on the line: nothing is
# lost, and the exchange's people see it the first time they try); a missed or abandoned call is
# logged all the same, the answer naming what was ignored and the server logging a warning
# (review37, 3: refused, an urgent caller who hung up would be lost).
CTI_FIELDS = ("event", "caller_number", "call_id")
LOGGED_DESPITE_UNKNOWN = ("missed", "abandoned")


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
    nothing is logged; a field the webhook does not take is refused for ``ringing`` and
    ``answered``, and ignored for ``missed`` and ``abandoned``, named in ``"ignored"``.
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
            {"error": _("A valid 'Authorization: Bearer <key>' header is needed.")}, status=401
        )
    try:
        body = _cti_event(request.body)
    except ValueError as exc:
        field = getattr(exc, "field", "")
        return JsonResponse({"error": str(exc), **({"field": field} if field else {})}, status=400)
    event, number, call_id = body.event, body.number, body.call_id
    said: dict[str, object] = {}
    warnings: list[str] = []
    if body.unknown:
        logger.warning(
            "telephone webhook of station %s: %s call %r logged, fields ignored: %s",
            token.station.code,
            event,
            call_id,
            _names(body.unknown, body.unknown_count),
        )
        said["ignored"] = body.unknown
        warnings.append(_unknown_said(body.unknown, body.unknown_count, logged=True))
    for name, (sent, why) in body.unusable.items():
        # A missed call is never lost to a field it cannot use: logged without it, said. The
        # log says what was sent by its type and length only, never the caller's number.
        logger.warning(
            "telephone webhook of station %s: %s call %r logged without its %s (%s): %s",
            token.station.code,
            event,
            call_id,
            name,
            sent,
            why,
        )
        if name == "caller_number":
            said_now = _("The call is logged with no caller number (%(why)s).")
        elif call_id:
            said_now = _(
                "The call is logged under a stand-in call id, as its own cannot be stored "
                "(%(why)s): sent again, it is found as the same call."
            )
        else:
            said_now = _(
                "The call is logged without its call id (%(why)s): sent again, it is logged again."
            )
        warnings.append(said_now % {"why": why})
    if warnings:
        said["warning"] = " ".join(warnings)
    if event in LOGGED_DESPITE_UNKNOWN:
        try:
            taken = call_take(
                station=token.station,
                user=None,
                caller_number=number,
                status=Call.Status.MISSED if event == "missed" else Call.Status.ABANDONED,
                cti_call_id=call_id,
            )
        except CallAlreadyLogged as exc:
            return JsonResponse({"logged": None, "duplicate": True, "call": exc.call.pk, **said})
        return JsonResponse(
            {"logged": taken.call.pk, "queue": reverse("servicedesk:missed_calls"), **said}
        )
    key = ring_keep(station_id=token.station_id, number=number, call_id=call_id)
    url = reverse("servicedesk:intake") + "?" + urlencode({"ring": key})
    return JsonResponse({"intake_url": request.build_absolute_uri(url)})


# The unknown fields named in an answer and a log line; the rest counted (review38, 9: a body
# of a hundred thousand keys answered and logged them all, at every retry).
MAX_NAMED = 10


def _names(unknown: list[str], count: int) -> str:
    """The names of ``unknown`` (the first ``MAX_NAMED`` of ``count``), and how many more."""
    names = ", ".join(unknown)
    more = count - len(unknown)
    if more > 0:
        names += ngettext(" and %(count)d more", " and %(count)d more", more) % {"count": more}
    return names


def _unknown_said(unknown: list[str], count: int, *, logged: bool) -> str:
    """What is said of fields the webhook does not take: refused, or ignored as the call is
    logged (the time of a call is the time it is received)."""
    names = _names(unknown, count)
    if logged:
        return ngettext(
            "The call is logged; the field %(names)s is not one the telephone webhook takes "
            "and was ignored (it takes only %(fields)s; the call's time is when it was "
            "received).",
            "The call is logged; the fields %(names)s are not ones the telephone webhook takes "
            "and were ignored (it takes only %(fields)s; the call's time is when it was "
            "received).",
            count,
        ) % {"names": names, "fields": ", ".join(CTI_FIELDS)}
    return ngettext(
        "Unknown field %(names)s: the telephone webhook takes only %(fields)s (the call's time "
        "is when it is received).",
        "Unknown fields %(names)s: the telephone webhook takes only %(fields)s (the call's "
        "time is when it is received).",
        count,
    ) % {"names": names, "fields": ", ".join(CTI_FIELDS)}


@dataclass
class _CtiBody:
    event: str
    number: str
    call_id: str
    # The fields it does not take: the first ``MAX_NAMED`` names, and how many in all.
    unknown: list[str] = field(default_factory=list)
    unknown_count: int = 0
    # A missed or abandoned call's field it cannot use: what was sent (its type and length,
    # for the log) and why.
    unusable: dict[str, tuple[str, str]] = field(default_factory=dict)


class _Float(float):
    """A JSON number with a fraction or an exponent, and its text as sent: a call id
    ``1701234567.10`` (an Asterisk unique id sent as a number) is not ``1701234567.1``."""

    text: str


def _float(text: str) -> _Float:
    number = _Float(text)
    number.text = text
    return number


def _cti_event(body: bytes) -> _CtiBody:
    """The event, caller number and call id of a webhook body, and the names of the fields it
    does not take (a missed or abandoned call's only: a ringing or answered call with one is
    refused); ValueError says what is wrong. A missed or abandoned call is never refused for
    its caller number or call id (the caller would be lost): a number sent as a JSON number is
    taken as its text, one it cannot use is kept as no number, said in ``unusable``; a call id it
    cannot use (too long, an object) is kept as a stand-in made from it (``_call_id_stand_in``),
    so that the exchange's retry is found as the same call."""
    try:
        payload = json.loads(body.decode("utf-8") if body else "{}", parse_float=_float)
    # Not UTF-8, not JSON, nested too deeply, a number of more digits than Python reads.
    except (UnicodeDecodeError, RecursionError, ValueError) as exc:
        raise ValueError(body_not_read(exc)) from None
    if not isinstance(payload, dict):
        raise ValueError(_("The body must be a JSON object."))
    event = payload.get("event")
    if event not in CTI_EVENTS:
        raise CtiRefused(
            _("%(field)s must be one of: %(choices)s.")
            % {"field": "event", "choices": ", ".join(CTI_EVENTS)},
            field="event",
        )
    # Never dropped without a word: a call's time, a direction, a typo of a field's name.
    unknown_names = (name for name in payload if name not in CTI_FIELDS)
    unknown = [str(name)[:40] for name in itertools.islice(unknown_names, MAX_NAMED)]
    count = len(unknown) + sum(1 for _name in unknown_names)
    if unknown and event not in LOGGED_DESPITE_UNKNOWN:
        raise CtiRefused(_unknown_said(unknown, count, logged=False), field=unknown[0])
    taken = _CtiBody(event=event, number="", call_id="", unknown=unknown, unknown_count=count)
    lenient = event in LOGGED_DESPITE_UNKNOWN
    try:
        taken.number = _caller_number(payload.get("caller_number"), lenient=lenient)
    except CtiRefused as exc:
        if not lenient:
            raise
        taken.unusable["caller_number"] = (_sent(payload.get("caller_number")), str(exc))
    try:
        taken.call_id = _cti_text(
            payload, "call_id", Call._meta.get_field("cti_call_id").max_length
        )
    except CtiRefused as exc:
        if not lenient:
            raise
        taken.call_id = _call_id_stand_in(payload.get("call_id"))
        taken.unusable["call_id"] = (_sent(payload.get("call_id")), str(exc))
    return taken


def _sent(value: object) -> str:
    """What was sent, for a log line: its type and length, never the value (a caller's number,
    usually: review39, N8)."""
    kind = "float" if isinstance(value, float) else type(value).__name__
    if isinstance(value, (str, list, dict)):
        return f"{kind} of length {len(value)}"
    return kind


def _call_id_stand_in(value: object) -> str:
    """A call id kept for ``value``, a call id sent that cannot be stored (too long, an object,
    control characters): "sha1:" and the SHA-1 of its JSON, keys sorted, so that a retry of the
    same event is found as the same call (review39, S3: a missed call was queued again at every
    retry). "" (no call id, logged again when sent again) for a value that names no call: true,
    false, NaN, {}, [] or blank text — every call sent with it would be taken for the first."""
    if isinstance(value, bool) or value in ({}, []):
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, str) and not value.strip():
        return ""
    try:
        canonical = json.dumps(value, sort_keys=True, separators=(",", ":"))
    except (RecursionError, ValueError, TypeError):
        return ""
    return "sha1:" + hashlib.sha1(canonical.encode("ascii"), usedforsecurity=False).hexdigest()


def _caller_number(value: object, *, lenient: bool) -> str:
    """The caller's number of the body; ``lenient`` (a missed call's): a JSON number taken as
    its text. CtiRefused says why it cannot be used."""
    if lenient and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    number = _cti_text(
        {"caller_number": value},
        "caller_number",
        Call._meta.get_field("caller_number").max_length,
        numbered=False,
    )
    try:
        return caller_number_checked(number)  # "anonymous": withheld, stored as no number
    except CallerNumberError as exc:
        raise CtiRefused(f"caller_number: {exc}", field="caller_number") from None


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
    if numbered and isinstance(value, _Float):
        value = value.text  # as sent: "1701234567.10", "1.5e9"
    if not isinstance(value, str):
        raise CtiRefused(_("%(field)s must be a string.") % {"field": name}, field=name)
    if max_length is not None and len(value) > max_length:
        raise CtiRefused(
            _("%(field)s must be at most %(count)d characters.")
            % {"field": name, "count": max_length},
            field=name,
        )
    if not value.isprintable():
        raise CtiRefused(
            _("%(field)s must not contain control characters.") % {"field": name}, field=name
        )
    return value.strip()
