"""An outage's crew by the JSON API: sent (``POST /api/v1/outages/{id}/dispatch``) and called
back (``POST /api/v1/outages/{id}/recall``), by the board's services (``life.outage_dispatch``,
``recall.outage_recall``: the roles checked there) and shaped as a work order's dispatch is
(``servicedesk.api``): an ``Idempotency-Key`` replays the first answer; without one, the same
request again stores nothing and answers 200 with what is (the crew on it already, called back
already). 404: an outage of another station; 409: the outage's state refuses it; 422: a crew
named that the station has not."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Body, Field, Router, Schema
from ninja.errors import HttpError

from powerdesk.accounts.models import Crew
from powerdesk.notifications.crew_reach import dispatch_not_texted
from powerdesk.outages.api_common import OutageId, station_outage
from powerdesk.outages.dispatch_said import dispatch_said
from powerdesk.outages.joined import outage_link
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage
from powerdesk.outages.recall import outage_recall, recall_said
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.api_access import (
    IDEMPOTENT,
    WRITE_ERRORS,
    FieldRefused,
    StationAuth,
    request_station,
    request_user,
)
from powerdesk.servicedesk.api_schemas import MAX_ID, ErrorOut, InSchema
from powerdesk.servicedesk.idempotency import api_once
from powerdesk.servicedesk.models import OPEN_STATUSES
from powerdesk.servicedesk.sent_again import ALREADY, sent_how

__all__ = ["router"]

router = Router(auth=StationAuth(), tags=["outages"])

CrewName = Annotated[str, Field(min_length=1, max_length=60)]
CrewId = Annotated[int, Field(ge=1, le=MAX_ID)]


class OutageCrewIn(InSchema):
    crew: CrewName | None = Field(
        None, description="the crew's name, as a work order's dispatch takes it"
    )
    crew_id: CrewId | None = Field(None, description="or the crew's id (one of the two)")


class OutageOrderOut(Schema):
    id: int
    number: str
    status: str
    crew: str | None = Field(None, description="the name of the crew it is with")


class OutageCrewOut(Schema):
    id: int
    status: str = Field(..., description="the outage's: announced, active, restored")
    device: str = Field(..., description="the code of the device it is on")
    crew: str | None = Field(None, description="the name of the crew on it now (null: none)")
    crew_id: int | None = None
    done: str = Field(
        ...,
        description="what this request did: sent, sent_again (sent after it was taken off, "
        "the earlier withdrawal no longer holds), already (on it already: nothing stored nor "
        "told), recalled, already_recalled (nothing stored nor told)",
    )
    detail: str = Field(..., description="what the board says of it, in the station's language")
    warning: str = Field(
        "", description="what the dispatcher must do besides (ring a crew no text reaches)"
    )
    orders: list[OutageOrderOut] = Field(
        ..., description="the outage's joined orders still open, with their crews"
    )


def _outage(request: HttpRequest, outage_id: int) -> Outage:
    """The outage of the request's station (another station's: 404, as any id)."""
    return station_outage(request_station(request), outage_id, "device")


def _crew(request: HttpRequest, payload: OutageCrewIn | None, *, needed: bool) -> Crew | None:
    """The crew named by ``payload`` (by name or by id, not both): 422 at its field when the
    station has none so named, when both are sent, or when one is ``needed`` and none is."""
    name, pk = (payload.crew, payload.crew_id) if payload is not None else (None, None)
    if name is not None and pk is not None:
        raise FieldRefused(
            _("Name the crew by its name or by its id, not both."), field="crew", status=422
        )
    crews = Crew.objects.for_station(request_station(request))
    if name is not None:
        crew = crews.filter(name=name).first()
        if crew is None:
            raise FieldRefused(
                _("No crew of this station is named %(crew)s.") % {"crew": name},
                field="crew",
                status=422,
            )
        return crew
    if pk is not None:
        crew = crews.filter(pk=pk).first()
        if crew is None:
            raise FieldRefused(
                _("No crew of this station has the id %(id)s.") % {"id": pk},
                field="crew_id",
                status=422,
            )
        return crew
    if needed:
        raise FieldRefused(_("Name the crew to send (crew or crew_id)."), field="crew", status=422)
    return None


def _answer(outage: Outage, done: str, detail: str, warning: str = "") -> dict[str, Any]:
    """The outage as it is now, with what the request did."""
    link = outage_link(outage)
    crew = link.crew
    orders = link.work_orders.filter(status__in=OPEN_STATUSES).select_related("crew")
    return {
        "id": outage.pk,
        "status": outage.status,
        "device": outage.device.code,
        "crew": crew.name if crew is not None else None,
        "crew_id": crew.pk if crew is not None else None,
        "done": done,
        "detail": detail,
        "warning": warning,
        "orders": [
            {
                "id": o.pk,
                "number": o.number,
                "status": o.status,
                "crew": o.crew.name if o.crew is not None else None,
            }
            for o in orders.order_by("pk")
        ],
    }


@router.post(
    "/outages/{outage_id}/dispatch",
    response={200: OutageCrewOut, 404: ErrorOut, 409: ErrorOut, **WRITE_ERRORS},
    openapi_extra=IDEMPOTENT,
    description="Send a crew of the station to the outage, as the board's dispatch does: its "
    "joined orders still waiting go to the crew (a work order is opened for it when none is), the "
    "crew is told, another crew on it before is taken off and told. The crew on it already: "
    "200 with done already, nothing stored nor told (its waiting orders are given it). "
    "403: the role may not send crews. 404: no outage of the station has the id. "
    "409: the outage is restored, or is not yet off (planned work not announced). "
    "422 also, at crew or crew_id: no crew of the station so named, both sent, or neither.",
)
def dispatch_outage_crew(request: HttpRequest, outage_id: OutageId, payload: OutageCrewIn) -> Any:
    outage = _outage(request, outage_id)
    crew = _crew(request, payload, needed=True)
    assert crew is not None

    def send() -> dict[str, Any]:
        try:
            sent = outage_dispatch(outage=outage, crew=crew, user=request_user(request))
        except OutageError as exc:
            raise HttpError(409, str(exc)) from None
        how = sent_how(sent)
        done = {ALREADY: "already", "again": "sent_again"}.get(how, "sent")
        warning = dispatch_not_texted(crew) if how != ALREADY else ""
        return _answer(sent, done, dispatch_said(sent, crew)[1], warning)

    return api_once(request, {200: OutageCrewOut}, send)


@router.post(
    "/outages/{outage_id}/recall",
    response={200: OutageCrewOut, 404: ErrorOut, 409: ErrorOut, **WRITE_ERRORS},
    openapi_extra=IDEMPOTENT,
    description="Call the outage's crew back (the board's recall), none sent instead, as the "
    "board's button does: its orders on the way go back to received with no crew, the crew is told "
    "(by text when its dispatch was texted). The body may name the crew the caller saw on it "
    "(crew or crew_id): a crew sent since is then never the one called back. Called back "
    "already (a retry, a double submit): 200 with done already_recalled, nothing stored nor "
    "told. 403: the role may not call crews back. 404: no outage of the station has the id. "
    "409: no crew was ever sent, another crew than the one named is on it now, the crew is "
    "on site (send another instead), or the outage is restored. "
    "422 also, at crew or crew_id: no crew of the station so named, or both sent.",
)
def recall_outage_crew(
    request: HttpRequest,
    outage_id: OutageId,
    payload: Annotated[OutageCrewIn | None, Body()] = None,
) -> Any:
    outage = _outage(request, outage_id)
    crew = _crew(request, payload, needed=False)

    def recall() -> dict[str, Any]:
        try:
            done = outage_recall(outage=outage, user=request_user(request), crew=crew)
        except OutageError as exc:
            raise HttpError(409, str(exc)) from None
        level_said = recall_said(done)
        return _answer(
            done.outage, "already_recalled" if done.already else "recalled", level_said[1]
        )

    return api_once(request, {200: OutageCrewOut}, recall)
