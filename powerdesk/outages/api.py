"""The outage engine's JSON API: signals in (meter head-ends, SCADA), the live picture out.

``POST /api/v1/signals`` takes one event or a JSON array of up to 10,000 in the engine
contract's format (``docs``: ``../shared/docs/engine-contract.md``) and answers 202 with what it
kept; ``GET /api/v1/outages/picture`` answers the live engine's latest picture. Both are scoped
to the token's station like the rest of the API.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from powerdesk.api_body import read_json
from powerdesk.api_errors import body_json_sent, body_not_read
from powerdesk.outages.api_callbacks import router as callbacks_router
from powerdesk.outages.api_crew import router as crew_router
from powerdesk.outages.api_not_interruption import router as not_interruption_router
from powerdesk.outages.intake import MAX_EVENTS, SignalError, signals_ingest
from powerdesk.outages.models import SignalSource
from powerdesk.outages.selectors import live_picture
from powerdesk.servicedesk.api import StationAuth
from powerdesk.servicedesk.api_schemas import ErrorOut

router = Router(auth=StationAuth(), tags=["outages"])

MAX_BODY = 8 * 1024 * 1024  # 10,000 events of the contract's size, with room to spare


class RejectedOut(Schema):
    index: int
    error: str


class IngestOut(Schema):
    accepted: int
    duplicates: int
    rejected: list[RejectedOut]


class OutageOut(Schema):
    device: str
    status: str
    customers: int
    confidence: float


class PictureOut(Schema):
    t: float | None
    outages: list[OutageOut]
    customers_out: int


_EVENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "t"],
    "additionalProperties": False,
    "properties": {
        "type": {
            "type": "string",
            "enum": [
                "call",
                "ami_off",
                "ami_on",
                "call_on",
                "scada_open",
                "scada_close",
                "confirm_open",
                "restore",
                "reject",
            ],
            "description": "call, ami_off, ami_on and call_on name a customer; the others a "
            "device (or a customer's own service by its account number). reject: the outage "
            "the engine names at that device (as the picture names it) is not one.",
        },
        "customer": {"type": "string", "maxLength": 60, "description": "account number"},
        "device": {
            "type": "string",
            "maxLength": 60,
            "description": "device code (or the account number of a customer's own service)",
        },
        "t": {
            "oneOf": [
                {"type": "string", "format": "date-time"},
                {"type": "number", "description": "epoch seconds"},
            ]
        },
        "id": {"type": "string", "maxLength": 100, "description": "a retry with it is harmless"},
    },
}

SIGNALS_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        _EVENT_SCHEMA,
                        {"type": "array", "maxItems": MAX_EVENTS, "items": _EVENT_SCHEMA},
                    ]
                }
            }
        },
    }
}


def _station(request: HttpRequest) -> Any:
    return request.station  # type: ignore[attr-defined]


@router.post(
    "/signals",
    response={
        202: IngestOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        413: ErrorOut,
        415: ErrorOut,
    },
    openapi_extra=SIGNALS_BODY,
    description="202: the valid events are stored (accepted), those whose id the station has "
    "already are not (duplicates), and each invalid one is named by its index with the reason "
    "(rejected: an unknown account number or device code, an unknown type, a time without its "
    "zone, before 2000 or more than a day ahead). 400: the body is not JSON, not an event or "
    "an array of them, or has more than 10,000 events; nothing is stored. 413: the body is "
    "larger than 8 MB. 415: the body is not sent as Content-Type: application/json.",
)
def post_signals(request: HttpRequest) -> Any:
    raw = request.read(MAX_BODY + 1)
    body_json_sent(request, raw)
    if len(raw) > MAX_BODY:
        raise HttpError(
            413,
            _("The body is larger than %(size)s; send fewer events at once.") % {"size": "8 MB"},
        )
    try:
        data = read_json(raw)
    # Not UTF-8, not JSON (where, in the station's language), nested too deeply, a number of
    # more digits than Python reads (a ValueError, as the first two).
    except (RecursionError, ValueError) as exc:
        raise HttpError(400, body_not_read(exc) or "") from exc
    events = data if isinstance(data, list) else [data]
    if not isinstance(data, list | dict):
        raise HttpError(400, _("The body must be an event (a JSON object) or an array of them."))
    if len(events) > MAX_EVENTS:
        raise HttpError(
            400,
            _("At most %(most)d events at once, not %(sent)d.")
            % {"most": MAX_EVENTS, "sent": len(events)},
        )
    user = getattr(request, "api_user", None)
    try:
        result = signals_ingest(
            station=_station(request),
            events=events,
            source=SignalSource.API if user is None else SignalSource.STAFF,
            user=user,
        )
    except SignalError as exc:
        raise HttpError(400, str(exc)) from None
    return Status(202, result.as_dict())


@router.get(
    "/outages/picture",
    response={200: PictureOut, 401: ErrorOut},
    description="The live engine's latest picture, as a checkpoint of the file contract: t "
    "(epoch seconds of the latest event taken; null before any), the outages (a device code, "
    "or an account number for one customer's own fault), and customers_out.",
)
def get_picture(request: HttpRequest) -> Any:
    return live_picture(_station(request))


# An outage's crew sent and called back (``/api/v1/outages/{id}/dispatch``, ``…/recall``).
router.add_router("", crew_router)
# An outage's callbacks listed and one try recorded (``/api/v1/outages/{id}/callbacks``).
router.add_router("", callbacks_router)
# An outage confirmed no interruption, and that undone (``…/{id}/not-interruption``).
router.add_router("", not_interruption_router)


__all__ = ["router"]
