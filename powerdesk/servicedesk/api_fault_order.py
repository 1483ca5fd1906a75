"""The JSON API's second matter of a call (``second_order``): ``POST /calls/{call_id}/fault-order``
opens the fault repair order of a call whose note also tells the power off, beside the call's own
order, as the call's page and intake's one click do. Keyed on the call: sent again (a retry, a
double submit, another system meanwhile) it answers 200 with the order already opened and opens
none. Mounted under ``api.router``; a new call asks the same with ``also_fault_repair``.

Only for a call whose note tells the power off now, unless the sender says the caller told it
(``power_off_said``, which the order's history records): else 422 with ``confirm``
(review61, L1)."""

from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Router, Status
from pydantic import StrictBool

from powerdesk.servicedesk.api_access import (
    IDEMPOTENT,
    WRITE_ERRORS,
    FieldRefused,
    StationAuth,
    refused_at,
    request_station,
    request_user,
)
from powerdesk.servicedesk.api_schemas import (
    MAX_ID,
    ErrorOut,
    FieldErrorOut,
    InSchema,
    WorkOrderOut,
)
from powerdesk.servicedesk.idempotency import api_once
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.second_order import PowerOffNotSaid, call_open_fault_order
from powerdesk.servicedesk.workflow import WorkOrderError

__all__ = ["router"]

router = Router(auth=StationAuth())

CallId = Annotated[int, Path(ge=1, le=MAX_ID, description="the call's id")]


class FaultOrderIn(InSchema):
    """The request's body, which may be left out (as ``{}``)."""

    power_off_said: StrictBool = Field(
        False,
        description="true: the caller said the power is off, though the call's note does not "
        "say so; the order's history says it was on the sender's word",
    )


@router.post(
    "/calls/{call_id}/fault-order",
    operation_id="powerdesk_servicedesk_api_call_fault_order",
    response={
        201: WorkOrderOut,
        200: WorkOrderOut,
        404: ErrorOut,
        **WRITE_ERRORS,
        400: FieldErrorOut,
    },
    openapi_extra=IDEMPOTENT,
    summary="Open the fault repair order of a call's second matter",
    description="For a call whose note tells the power off beside another errand (a billing "
    "question, a complaint): a fault repair order of its own (its owner the sender, its "
    "deadlines from the service commitments, from when the call was received), beside the "
    "call's own order, both linked to the call (fault_order_id, work_order_id); joined to the "
    "outage above the caller when one is recorded. 201: opened. 200: the call's fault repair "
    "order was opened before: it is answered and nothing is opened. 403: the role may not "
    "open work orders (order.create). 404: no call of the station has the id. 422 at "
    "call_id: the call is a fault or a hazard call (its own order is the fault repair), or "
    "was not answered. 422 at call_id, confirm power_off_said: the call's note does not say "
    "the power is off now; sent again with power_off_said true (the caller said so) it is "
    "opened, and its history says it was on the sender's word.",
)
def call_fault_order(
    request: HttpRequest, call_id: CallId, payload: FaultOrderIn | None = None
) -> Any:
    call = get_object_or_404(Call.objects.for_station(request_station(request)), pk=call_id)
    said = payload is not None and payload.power_off_said

    def open_it() -> Status[WorkOrder]:
        try:
            order, opened = call_open_fault_order(
                call=call, user=request_user(request), power_off_said=said
            )
        except PowerOffNotSaid as exc:
            raise FieldRefused(str(exc), field="call_id", confirm=exc.confirm, status=422) from None
        except WorkOrderError as exc:
            raise refused_at(exc, "call_id") from None
        order = WorkOrder.objects.select_related("customer", "crew", "owner").get(pk=order.pk)
        return Status(201 if opened else 200, order)

    return api_once(request, {201: WorkOrderOut, 200: WorkOrderOut}, open_it)
