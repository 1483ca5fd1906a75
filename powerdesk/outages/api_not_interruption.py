"""An outage whose crew found the power on at arrival, confirmed no interruption by the JSON API
(``POST /api/v1/outages/{id}/not-interruption``), and that confirmation undone the same day
(``POST /api/v1/outages/{id}/not-interruption/undo``): the outages page's buttons, by the same
services (``power_found_on``: the dispatcher or the chief), shaped as the outage crew API is
(``api_crew``): an ``Idempotency-Key`` replays the first answer; without one, the same request
again stores nothing and answers 200 with what is. 403: the role may not; 404: an outage of
another station; 409: the outage's state refuses it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from powerdesk.outages.api_common import OutageId, station_outage
from powerdesk.outages.models import Outage
from powerdesk.outages.power_found_on import (
    outage_not_interruption,
    outage_not_interruption_undo,
    undo_open,
)
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.api_access import (
    IDEMPOTENT,
    WRITE_ERRORS,
    StationAuth,
    request_station,
    request_user,
)
from powerdesk.servicedesk.api_schemas import ErrorOut
from powerdesk.servicedesk.idempotency import api_once

__all__ = ["router"]

router = Router(auth=StationAuth(), tags=["outages"])


class NotInterruptionOut(Schema):
    id: int
    status: str = Field(..., description="the outage's: restored (a crew found the power on)")
    power_on_found_at: dt.datetime | None = Field(
        None, description="when the crew found the power on at arrival"
    )
    not_interruption: bool = Field(
        ..., description="confirmed no interruption: no reliability figure counts it"
    )
    not_interruption_at: dt.datetime | None = None
    not_interruption_by: str | None = Field(None, description="who confirmed it (login)")
    undo_open: bool = Field(..., description="the confirmation may still be undone (today)")
    done: str = Field(
        ...,
        description="what this request did: confirmed, already (confirmed before: nothing "
        "stored), undone, already_undone (not confirmed: nothing stored)",
    )
    detail: str = Field(..., description="what the page says of it, in the station's language")


def _answer(outage_id: int, done: str, detail: str) -> dict[str, Any]:
    outage = Outage.objects.select_related("not_interruption_by").get(pk=outage_id)
    by = outage.not_interruption_by
    return {
        "id": outage.pk,
        "status": outage.status,
        "power_on_found_at": outage.power_on_found_at,
        "not_interruption": outage.not_interruption_at is not None,
        "not_interruption_at": outage.not_interruption_at,
        "not_interruption_by": by.username if by is not None else None,
        "undo_open": undo_open(outage),
        "done": done,
        "detail": detail,
    }


def _once(request: HttpRequest, work: Callable[[], dict[str, Any]]) -> Any:
    def run() -> dict[str, Any]:
        try:
            return work()
        except OutageError as exc:
            raise HttpError(409, str(exc)) from None

    return api_once(request, {200: NotInterruptionOut}, run)


RESPONSES: dict[int, Any] = {200: NotInterruptionOut, 404: ErrorOut, 409: ErrorOut, **WRITE_ERRORS}


@router.post(
    "/outages/{outage_id}/not-interruption",
    response=RESPONSES,
    openapi_extra=IDEMPOTENT,
    description="Confirm that an outage whose crew found the power on at arrival was no "
    "interruption, as the outages page's button does: no reliability figure counts it from "
    "then, a line of its history says who and when. Confirmed already: 200 with done already, "
    "nothing stored. 403: the role may not (the dispatcher and the chief may). 404: no outage "
    "of the station has the id. 409: its crew did not find the power on at arrival.",
)
def confirm_not_interruption(request: HttpRequest, outage_id: OutageId) -> Any:
    outage = station_outage(request_station(request), outage_id)

    def confirm() -> dict[str, Any]:
        if outage_not_interruption(outage=outage, user=request_user(request)):
            return _answer(
                outage.pk,
                "confirmed",
                _("Confirmed no interruption: the reliability figures leave it out."),
            )
        return _answer(outage.pk, "already", _("It was confirmed no interruption already."))

    return _once(request, confirm)


@router.post(
    "/outages/{outage_id}/not-interruption/undo",
    response=RESPONSES,
    openapi_extra=IDEMPOTENT,
    description="Undo, the day it was made, a confirmation that the outage was no "
    "interruption, as the outages page's button does: the reliability figures count it again, "
    "a line of its history says who and when. Not confirmed (undone already): 200 with done "
    "already_undone, nothing stored. 403: the role may not (the dispatcher and the chief "
    "may). 404: no outage of the station has the id. 409: confirmed on an earlier day.",
)
def undo_not_interruption(request: HttpRequest, outage_id: OutageId) -> Any:
    outage = station_outage(request_station(request), outage_id)

    def undo() -> dict[str, Any]:
        if outage_not_interruption_undo(outage=outage, user=request_user(request)):
            return _answer(
                outage.pk,
                "undone",
                _("Confirmation undone: the reliability figures count this outage again."),
            )
        return _answer(
            outage.pk,
            "already_undone",
            _("It is not confirmed no interruption (undone already)."),
        )

    return _once(request, undo)
