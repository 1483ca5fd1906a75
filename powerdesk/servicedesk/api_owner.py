"""The JSON API's taking and giving of work without an owner (我来负责): a work order or a hard
problem, as its page does (``ownership``), with the same checks, which the services make
(``work.take``, ``work.assign``; docs/roles.md). Mounted under ``api.router``."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from powerdesk.accounts.models import User
from powerdesk.servicedesk.api_access import (
    IDEMPOTENT,
    WRITE_ERRORS,
    FieldRefused,
    OrderId,
    ProblemId,
    StationAuth,
    Taken,
    request_station,
    request_user,
    station_person,
)
from powerdesk.servicedesk.api_problem_schemas import HardProblemOut
from powerdesk.servicedesk.api_schemas import (
    ErrorOut,
    FieldErrorOut,
    OwnerIn,
    TakenOut,
    WorkOrderOut,
)
from powerdesk.servicedesk.idempotency import api_once
from powerdesk.servicedesk.models import HardProblem, WorkOrder
from powerdesk.servicedesk.ownership import (
    AlreadyOwned,
    OwnerError,
    hard_problem_owner_set,
    work_order_owner_set,
)
from powerdesk.servicedesk.workflow import WorkOrderError

__all__ = ["router"]

router = Router(auth=StationAuth())

_SAID = (
    "Without owner, the person whose session sends it takes it as their own (work.take: "
    "counter, dispatcher, chief); with owner (a username), it is given to that person "
    "(work.assign: dispatcher, chief; a system's token too), who is told in PowerDesk. Only "
    "work without an owner: sent again when it is that person's already (a retry, a double "
    "submit), 200 and nothing is recorded again. 409: someone has it already (taken or given "
    "meanwhile: owner, owner_name and since say who and since when), or it is finished; "
    "nothing was changed. 400 naming the field owner: nobody of the station has that username, "
    "that person may not own it here, or a system's token sent none. 403: the person's role "
    "may not take (or give) work here. 404: not the station's."
)
_ANSWERS: dict[int, Any] = {
    404: ErrorOut,
    409: TakenOut,
    **WRITE_ERRORS,
    400: FieldErrorOut,
}


def _owner(request: HttpRequest, payload: OwnerIn) -> User | None:
    """The person named by their username, of this station; None: the sender takes it."""
    return station_person(request, payload.owner, field="owner")


def _refused(exc: WorkOrderError) -> Exception:
    if isinstance(exc, OwnerError):
        return FieldRefused(str(exc), field="owner")
    if isinstance(exc, AlreadyOwned):
        return Taken(str(exc), owner=exc.holder, since=exc.since)
    return Taken(str(exc))  # finished: nothing to take on


@router.post(
    "/work-orders/{order_id}/owner",
    operation_id="powerdesk_servicedesk_api_work_order_owner",
    response={200: WorkOrderOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    summary="Take or give a work order without an owner",
    description="A work order still to finish (its callback too). " + _SAID,
)
def work_order_owner(request: HttpRequest, order_id: OrderId, payload: OwnerIn) -> Any:
    order = get_object_or_404(WorkOrder.objects.for_station(request_station(request)), pk=order_id)
    owner = _owner(request, payload)

    def give() -> WorkOrder:
        try:
            work_order_owner_set(work_order=order, user=request_user(request), owner=owner)
        except WorkOrderError as exc:
            raise _refused(exc) from None
        return WorkOrder.objects.select_related("customer", "crew", "owner").get(pk=order.pk)

    return api_once(request, {200: WorkOrderOut}, give)


@router.post(
    "/hard-problems/{problem_id}/owner",
    operation_id="powerdesk_servicedesk_api_hard_problem_owner",
    response={200: HardProblemOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    summary="Take or give a hard problem without an owner",
    description="An open hard problem (its plan keeps a line of it). " + _SAID,
)
def hard_problem_owner(request: HttpRequest, problem_id: ProblemId, payload: OwnerIn) -> Any:
    problem = get_object_or_404(
        HardProblem.objects.for_station(request_station(request)), pk=problem_id
    )
    owner = _owner(request, payload)

    def give() -> HardProblem:
        try:
            hard_problem_owner_set(problem=problem, user=request_user(request), owner=owner)
        except WorkOrderError as exc:
            raise _refused(exc) from None
        return HardProblem.objects.select_related("owner").get(pk=problem.pk)

    return api_once(request, {200: HardProblemOut}, give)
