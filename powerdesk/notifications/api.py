"""The SMS gateway's side of the contract: delivery receipts and villagers' messages.

Both take a station's API token (``Authorization: Bearer <key>`` or ``Token <key>``) and a JSON
object; each is taken once by its ``id`` (a repeat answers ``"duplicate": true`` and changes
nothing). Answers: 200, 400 (not a JSON object), 401 (no valid token), 404 (a receipt for a
message this station did not send), 413 (over 64 KB), 415 (a body not sent as JSON: its
``Content-Type``), 422 (a field missing, of the wrong type or out of bounds; ``detail`` names it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import APIKeyHeader

from powerdesk.accounts.tokens import token_from_request
from powerdesk.api_body import read_json
from powerdesk.api_errors import body_json_sent, body_not_read
from powerdesk.lib.written_time import TimeRefused, written_time
from powerdesk.notifications.inbound import InboundError, inbound_take
from powerdesk.notifications.receipts import ReceiptError, receipt_take
from powerdesk.servicedesk.api_schemas import ErrorOut

MAX_BODY = 64 * 1024


class GatewayAuth(APIKeyHeader):
    """A station's API token only: the gateway is a system, never a person's session."""

    param_name = "Authorization"

    def __call__(self, request: HttpRequest) -> Any:
        token = token_from_request(request)
        if token is None:
            return None
        request.station = token.station  # type: ignore[attr-defined]
        return token

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # pragma: no cover
        return None


router = Router(auth=GatewayAuth(), tags=["sms gateway"])


class ReceiptOut(Schema):
    id: str
    state: str
    duplicate: bool


class InboundOut(Schema):
    id: str
    taken: bool
    duplicate: bool
    intent: str
    reply: str


def _body(request: HttpRequest) -> dict[str, Any]:
    raw = request.read(MAX_BODY + 1)
    body_json_sent(request, raw)
    if len(raw) > MAX_BODY:
        raise HttpError(413, _("The body is larger than %(size)s.") % {"size": "64 KB"})
    try:
        data = read_json(raw)
    # Not UTF-8, not JSON (where, in the station's language), nested too deeply, a number of
    # more digits than Python reads (a ValueError, as the first two).
    except (RecursionError, ValueError) as exc:
        raise HttpError(400, body_not_read(exc) or "") from exc
    if not isinstance(data, dict):
        raise HttpError(400, _("The body must be a JSON object."))
    return data


def _string(data: dict[str, Any], name: str, limit: int, *, required: bool = True) -> str:
    value = data.get(name)
    if value is None and not required:
        return ""
    if isinstance(value, int) and not isinstance(value, bool) and name == "id":
        value = str(value)
    if not isinstance(value, str) or (required and not value.strip()):
        raise HttpError(422, _("%(field)s must be a non-empty string.") % {"field": name})
    if len(value) > limit:
        raise HttpError(
            422,
            _("%(field)s must be at most %(count)d characters.") % {"field": name, "count": limit},
        )
    if "\x00" in value:
        raise HttpError(422, _("%(field)s must not contain control characters.") % {"field": name})
    return value


@router.post(
    "/sms/receipts",
    response={
        200: ReceiptOut,
        400: ErrorOut,
        401: ErrorOut,
        404: ErrorOut,
        413: ErrorOut,
        415: ErrorOut,
    },
    description="A delivery receipt: {id, status: delivered|failed, error}. 200 with the "
    "delivery's state (duplicate: true for a receipt taken already); 404 for an id this "
    "station never sent.",
)
def post_receipt(request: HttpRequest) -> Any:
    data = _body(request)
    message_id = _string(data, "id", 40)
    status = data.get("status")
    if status not in ("delivered", "failed"):
        raise HttpError(
            422,
            _("%(field)s must be one of: %(choices)s.")
            % {"field": "status", "choices": "delivered, failed"},
        )
    error = _string(data, "error", 300, required=False)
    try:
        delivery, duplicate = receipt_take(
            station=request.station,  # type: ignore[attr-defined]
            message_id=message_id,
            status=status,
            error=error,
        )
    except ReceiptError as exc:
        raise HttpError(404, str(exc)) from None
    return {"id": message_id, "state": delivery.state, "duplicate": duplicate}


@router.post(
    "/sms/inbound",
    response={
        200: InboundOut,
        400: ErrorOut,
        401: ErrorOut,
        413: ErrorOut,
        415: ErrorOut,
        422: ErrorOut,
    },
    description="A villager's message: {id, from, text, received_at}. 200 with what it was "
    "taken as and the reply sent (taken: false when the number has sent too many this hour); "
    "422 for an empty text, a text over 1,000 characters, a 'from' that is not a phone "
    "number or a received_at more than 3 days ago (nothing is stored); a received_at ahead of "
    "the station's clock is taken as now.",
)
def post_inbound(request: HttpRequest) -> Any:
    data = _body(request)
    message_id = _string(data, "id", 100)
    sender = _string(data, "from", 40)
    text = data.get("text")
    if not isinstance(text, str):
        raise HttpError(422, _("%(field)s must be a string.") % {"field": "text"})
    received_at = _time(data.get("received_at"))
    try:
        taken = inbound_take(
            station=request.station,  # type: ignore[attr-defined]
            message_id=message_id,
            from_number=sender,
            text=text.replace("\x00", ""),
            received_at=received_at,
        )
    except InboundError as exc:
        raise HttpError(422, str(exc)) from None
    return {
        "id": message_id,
        "taken": taken.message.intent != "limited",
        "duplicate": taken.duplicate,
        "intent": taken.message.intent,
        "reply": taken.reply,
    }


def _time(value: Any) -> dt.datetime | None:
    """``received_at`` read as every time the API takes is (``lib/written_time``)."""
    if value in (None, ""):
        return None
    try:
        return written_time(value)
    except TimeRefused as exc:
        raise HttpError(422, f"received_at: {exc}") from None


__all__ = ["router"]
