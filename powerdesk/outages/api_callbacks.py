"""An outage's callbacks by the JSON API (停电后回访): each household to call back after the
power is back, with its state and tries (``GET /api/v1/outages/{id}/callbacks``), and one try
recorded (``POST /api/v1/outages/{id}/callbacks/{callback_id}``) by the callbacks page's service
(``outage_callback_record.outage_callback_record``: the same roles, rules and refusals). Shaped
as the outage's crew API (``api_crew``): 404 for an outage of another station or a callback not
of that outage; 409 when the household was called back already or given up, or its power is
not back yet; 422 naming the field the service refused (the outcome and score that do not go
together, a note too long). An ``Idempotency-Key`` replays the first answer: a retry records
one try, not two."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.params.functions import Path
from pydantic import StrictBool, StrictInt

from powerdesk.outages.api_common import OutageId, station_outage
from powerdesk.outages.callback_told import recorded_told
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.outages.outage_callback_record import callback_waiting, outage_callback_record
from powerdesk.outages.selectors import TRIES
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.api_access import (
    FOUND_ERRORS,
    IDEMPOTENT,
    WRITE_ERRORS,
    FieldRefused,
    StationAuth,
    request_key,
    request_reader,
    request_user,
)
from powerdesk.servicedesk.api_followup_schemas import CallbackOutcome
from powerdesk.servicedesk.api_schemas import MAX_ID, ErrorOut, InSchema, Note
from powerdesk.servicedesk.idempotency import api_once

__all__ = ["router"]

router = Router(auth=StationAuth(), tags=["outages"])

CallbackId = Annotated[int, Path(ge=1, le=MAX_ID, description="the household's callback's id")]

# The page whose roles read the list (a crew member: 403, as on the page).
PAGE = "servicedesk:callbacks"


class OutageCallbackIn(InSchema):
    outcome: CallbackOutcome = Field(
        ..., description="reached (with a score, or still_off), not_reached, retry (later)"
    )
    satisfaction: StrictInt | None = Field(
        None, ge=1, le=5, description="the score from 1 to 5, when reached"
    )
    still_off: StrictBool = Field(
        False,
        description="reached, and the power is still off or the danger still there: opens the "
        "household's own fault order",
    )
    note: Note = ""


class OutageCallbackTryOut(Schema):
    outcome: str = Field(..., description="reached, not_reached, retry")
    satisfaction: int | None
    still_off: bool
    note: str
    tried_by: str | None = Field(
        None,
        description="who made it; null: an API key's (tried_by_key), the household's "
        "text, or not known",
    )
    tried_by_key: str | None = Field(
        None,
        description="the name of the API key it was made with (a system's try: no "
        "person, tried_by null); null: made by a person or the household's text",
    )
    tried_at: dt.datetime


class OutageCallbackOut(Schema):
    id: int
    customer_id: int
    customer: str = Field(..., description="the household's name")
    account_number: str
    reason: str = Field(..., description="caller, medical_need, elderly_alone")
    state: str = Field(
        ...,
        description="waiting (power not back to it yet), due, reached, given_up (by the chief)",
    )
    due_at: dt.datetime
    outcome: str = Field(..., description="the last try's: reached, not_reached, retry; '' none")
    satisfaction: int | None
    still_off: bool
    attempts: int = Field(..., description="the tries made")
    tried_at: dt.datetime | None
    tried_by: str | None = Field(
        None, description="who made the last try; null: an API key's (tried_by_key), or not known"
    )
    tried_by_key: str | None = Field(
        None, description="the name of the API key the last try was made with; null: none"
    )
    note: str = Field(..., description="the last try's note")
    given_up_why: str = Field("", description="why the chief gave it up (the last time)")
    done_at: dt.datetime | None = Field(None, description="reached or given up at")
    done_by: str | None = Field(None, description="who reached or gave it up")
    put_back_at: dt.datetime | None = Field(
        None, description="a callback given up, put back on the list by the chief at"
    )
    put_back_by: str | None = None
    put_back_why: str = ""
    tries: list[OutageCallbackTryOut] = Field(
        ...,
        description="every try kept, oldest first (a household tried before they were kept: "
        "its last; attempts counts them all)",
    )


class OutageCallbackRecordedOut(Schema):
    callback: OutageCallbackOut
    detail: str = Field(..., description="what the try did, as the page says it")
    order: str | None = Field(
        None, description="the number of the fault order opened (power still off), else null"
    )


def _person(user: Any) -> str | None:
    return None if user is None else (user.full_name or user.username)


def _key(key: Any) -> str | None:
    return None if key is None else key.name


def _state(callback: OutageCallback) -> str:
    if callback.given_up:
        return "given_up"
    if callback.done_at is not None:
        return "reached"
    if callback_waiting(callback):
        return "waiting"
    return "due"


def _out(callback: OutageCallback) -> dict[str, Any]:
    return {
        "id": callback.pk,
        "customer_id": callback.customer_id,
        "customer": callback.customer.name,
        "account_number": callback.customer.account_number,
        "reason": callback.reason,
        "state": _state(callback),
        "due_at": callback.due_at,
        "outcome": callback.outcome,
        "satisfaction": callback.satisfaction,
        "still_off": callback.still_off,
        "attempts": callback.attempts,
        "tried_at": callback.tried_at,
        "tried_by": _person(callback.last_tried_by),
        "tried_by_key": _key(callback.tried_by_key),
        "note": callback.note,
        "given_up_why": callback.given_up_why,
        "done_at": callback.done_at,
        "done_by": _person(callback.done_by),
        "put_back_at": callback.put_back_at,
        "put_back_by": _person(callback.put_back_by),
        "put_back_why": callback.put_back_why,
        "tries": [
            {
                "outcome": one.outcome,
                "satisfaction": one.satisfaction,
                "still_off": one.still_off,
                "note": one.note,
                "tried_by": _person(one.tried_by),
                "tried_by_key": _key(one.tried_by_key),
                "tried_at": one.tried_at,
            }
            for one in callback.tries.all()
        ],
    }


def _callbacks(outage: Outage) -> Any:
    return (
        OutageCallback.objects.filter(outage=outage)
        .select_related("customer", "outage", "done_by", "tried_by", "tried_by_key", "put_back_by")
        .prefetch_related(TRIES)
        .order_by("due_at", "pk")
    )


@router.get(
    "/outages/{outage_id}/callbacks",
    response={200: list[OutageCallbackOut], **FOUND_ERRORS},
    description="Every household to call back after the outage, as the callbacks page lists "
    "them, with its state (due, reached, given up), the last try's outcome and score, the "
    "tries made and who reached it or gave it up, when, and every try kept (who, when, what, "
    "the note). 403: a role the callbacks page is "
    "not open to (a crew member). 404: no outage of the station has the id.",
)
def outage_callbacks(request: HttpRequest, outage_id: OutageId) -> Any:
    station = request_reader(request, PAGE)
    outage = station_outage(station, outage_id)
    return [_out(c) for c in _callbacks(outage)]


@router.post(
    "/outages/{outage_id}/callbacks/{callback_id}",
    response={200: OutageCallbackRecordedOut, 404: ErrorOut, 409: ErrorOut, **WRITE_ERRORS},
    openapi_extra=IDEMPOTENT,
    description="One try at calling the household back, as the callbacks page records it: "
    "reached with a score (1 or 2 goes to the chief), or reached and the power still off or "
    "the danger still there (still_off: its own fault order is opened), not reached, or retry "
    "later (it stays due, each try counted). 403: a role that may not record callbacks "
    "(callback.record). 404: no outage of the station has the id, or no callback of it has "
    "callback_id. 409: called back already, given up by the chief, or its power not back "
    "yet. 422 naming its field: an outcome and a score that do not go together (outcome), a "
    "note too long (note). With an Idempotency-Key a retry records one try.",
)
def record_outage_callback(
    request: HttpRequest, outage_id: OutageId, callback_id: CallbackId, payload: OutageCallbackIn
) -> Any:
    station = request_reader(request, PAGE)
    outage = station_outage(station, outage_id)
    callback = get_object_or_404(_callbacks(outage), pk=callback_id)

    def record() -> dict[str, Any]:
        try:
            recorded = outage_callback_record(
                callback=callback,
                user=request_user(request),
                outcome=payload.outcome.value,
                satisfaction=payload.satisfaction,
                still_off=payload.still_off,
                note=payload.note,
                key=request_key(request),
            )
        except OutageError as exc:
            field = getattr(exc, "field", "") or ""
            if field:
                raise FieldRefused(str(exc), field=field, status=422) from None
            raise HttpError(409, str(exc)) from None
        done = _callbacks(outage).get(pk=callback.pk)
        return {
            "callback": _out(done),
            "detail": recorded_told(recorded),
            "order": recorded.order.number if recorded.order is not None else None,
        }

    return api_once(request, {200: OutageCallbackRecordedOut}, record)
