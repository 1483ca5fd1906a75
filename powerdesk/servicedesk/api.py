"""The service desk's JSON API: calls, work orders and callbacks, scoped to one station.

Systems authenticate with ``Authorization: Token <key>`` (a key made by ``powerdesk
create_api_token``); people's browser sessions work too, for their current station.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import APIKeyHeader

from powerdesk.accounts.models import STATION_STAFF_ROLES, Crew
from powerdesk.accounts.tokens import token_from_request
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode
from powerdesk.servicedesk.calls import call_log
from powerdesk.servicedesk.followup import promise_make, promise_settle
from powerdesk.servicedesk.models import (
    OPEN_STATUSES,
    Call,
    Callback,
    Category,
    Promise,
    WorkOrder,
)
from powerdesk.servicedesk.services import (
    WorkOrderError,
    callback_record,
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from powerdesk.servicedesk.understanding.classifier import default_classifier


class StationAuth(APIKeyHeader):
    """A system's token, or a logged-in member of the station's staff."""

    param_name = "Authorization"

    def __call__(self, request: HttpRequest) -> Any:
        token = token_from_request(request)
        if token is not None:
            request.station = token.station  # type: ignore[attr-defined]
            request.api_user = None  # type: ignore[attr-defined]
            return token
        station = getattr(request, "station", None)
        roles: frozenset[str] = getattr(request, "roles", frozenset())
        if request.user.is_authenticated and station is not None and roles & STATION_STAFF_ROLES:
            if request.method not in ("GET", "HEAD", "OPTIONS") and _csrf_fails(request):
                return None  # a session may only change things with its CSRF token
            request.api_user = request.user  # type: ignore[attr-defined]
            return request.user
        return None

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # pragma: no cover
        return None


def _csrf_fails(request: HttpRequest) -> bool:
    check = CsrfViewMiddleware(lambda r: HttpResponse())
    return check.process_view(request, lambda r: HttpResponse(), (), {}) is not None


router = Router(auth=StationAuth(), tags=["service desk"])


class CallIn(Schema):
    caller_number: str = ""
    text: str = ""
    category: str = Field("", description="one of the nine categories; empty: as suggested")
    status: str = Field("answered", description="answered, missed or abandoned")
    cti_call_id: str = ""


class CallOut(Schema):
    id: int
    received_at: dt.datetime
    caller_number: str
    status: str
    customer_account: str | None = None
    text: str
    category: str
    suggested_category: str
    urgent: bool
    work_order_id: int | None

    @staticmethod
    def resolve_customer_account(call: Call) -> str | None:
        return call.customer.account_number if call.customer else None


class WorkOrderIn(Schema):
    category: str
    summary: str
    description: str = ""
    urgent: bool = False
    customer_account: str | None = None
    call_id: int | None = None


class WorkOrderOut(Schema):
    id: int
    number: str
    category: str
    urgent: bool
    status: str
    summary: str
    customer_account: str | None = None
    crew: str | None = None
    created_at: dt.datetime
    arrive_due_at: dt.datetime | None
    resolve_due_at: dt.datetime | None
    callback_due_at: dt.datetime | None
    resolved_at: dt.datetime | None
    paused: bool
    cause: str

    @staticmethod
    def resolve_customer_account(order: WorkOrder) -> str | None:
        return order.customer.account_number if order.customer else None

    @staticmethod
    def resolve_crew(order: WorkOrder) -> str | None:
        return order.crew.name if order.crew else None

    @staticmethod
    def resolve_paused(order: WorkOrder) -> bool:
        return order.paused_at is not None


class TransitionIn(Schema):
    to: str
    note: str = ""
    cause: str = ""
    device: str = Field("", description="code of the grid element found at fault")


class EventOut(Schema):
    at: dt.datetime
    kind: str
    from_status: str
    to_status: str
    note: str
    by: str | None = None

    @staticmethod
    def resolve_by(event: Any) -> str | None:
        return str(event.by) if event.by else None


class CallbackIn(Schema):
    outcome: str
    satisfaction: int | None = None
    still_not_fixed: bool = False
    comment: str = ""


class CallbackOut(Schema):
    id: int
    at: dt.datetime
    outcome: str
    satisfaction: int | None
    still_not_fixed: bool
    comment: str


class SuggestionOut(Schema):
    category: str
    urgent: bool
    confidence: float


def _station(request: HttpRequest) -> Any:
    return request.station  # type: ignore[attr-defined]


def _user(request: HttpRequest) -> Any:
    return getattr(request, "api_user", None)


@router.get("/calls", response=list[CallOut])
@paginate(LimitOffsetPagination)
def list_calls(request: HttpRequest, status: str = "") -> Any:
    calls = Call.objects.filter(station=_station(request)).select_related("customer")
    return calls.filter(status=status) if status else calls


@router.post("/calls", response={201: CallOut})
def create_call(request: HttpRequest, payload: CallIn) -> Any:
    if payload.category and payload.category not in Category.values:
        raise HttpError(422, f"category must be one of {', '.join(Category.values)}")
    if payload.status not in Call.Status.values:
        raise HttpError(422, "status must be answered, missed or abandoned")
    return Status(
        201,
        call_log(
            station=_station(request),
            user=_user(request),
            caller_number=payload.caller_number,
            text=payload.text,
            category=payload.category,
            status=payload.status,
            cti_call_id=payload.cti_call_id,
        ),
    )


@router.get("/work-orders", response=list[WorkOrderOut])
@paginate(LimitOffsetPagination)
def list_work_orders(request: HttpRequest, status: str = "open", category: str = "") -> Any:
    orders = WorkOrder.objects.filter(station=_station(request)).select_related("customer", "crew")
    if status == "open":
        orders = orders.filter(status__in=OPEN_STATUSES)
    elif status != "all":
        orders = orders.filter(status=status)
    return orders.filter(category=category) if category else orders


@router.get("/work-orders/{order_id}", response=WorkOrderOut)
def get_work_order(request: HttpRequest, order_id: int) -> Any:
    return get_object_or_404(WorkOrder, station=_station(request), pk=order_id)


@router.post("/work-orders", response={201: WorkOrderOut})
def create_work_order(request: HttpRequest, payload: WorkOrderIn) -> Any:
    station = _station(request)
    customer = None
    if payload.customer_account:
        customer = Customer.objects.filter(
            station=station, account_number=payload.customer_account
        ).first()
        if customer is None:
            raise HttpError(422, f"no customer has the account number {payload.customer_account!r}")
    call = None
    if payload.call_id is not None:
        call = get_object_or_404(Call, station=station, pk=payload.call_id)
    try:
        order = work_order_create(
            station=station,
            user=_user(request),
            category=payload.category,
            summary=payload.summary,
            description=payload.description,
            urgent=payload.urgent,
            customer=customer,
            call=call,
        )
    except WorkOrderError as exc:
        raise HttpError(422, str(exc)) from None
    return Status(201, order)


@router.post("/work-orders/{order_id}/transition", response=WorkOrderOut)
def transition_work_order(request: HttpRequest, order_id: int, payload: TransitionIn) -> Any:
    station = _station(request)
    order = get_object_or_404(WorkOrder, station=station, pk=order_id)
    device = None
    if payload.device:
        device = GridNode.objects.filter(station=station, code=payload.device).first()
        if device is None:
            raise HttpError(422, f"no grid element has the code {payload.device!r}")
    try:
        return work_order_transition(
            work_order=order,
            to_status=payload.to,
            user=_user(request),
            note=payload.note,
            cause=payload.cause,
            device=device,
        )
    except WorkOrderError as exc:
        raise HttpError(409, str(exc)) from None


class DispatchIn(Schema):
    crew: str = Field(..., max_length=60, description="the crew's name")


@router.post("/work-orders/{order_id}/dispatch", response=WorkOrderOut)
def dispatch_work_order(request: HttpRequest, order_id: int, payload: DispatchIn) -> Any:
    """Send a crew of the station; a received order becomes dispatched."""
    station = _station(request)
    order = get_object_or_404(WorkOrder, station=station, pk=order_id)
    crew = Crew.objects.filter(station=station, name=payload.crew).first()
    if crew is None:
        raise HttpError(422, f"no crew of this station is named {payload.crew!r}")
    try:
        return work_order_dispatch(work_order=order, crew=crew, user=_user(request))
    except WorkOrderError as exc:
        raise HttpError(409, str(exc)) from None


@router.get("/work-orders/{order_id}/events", response=list[EventOut])
def work_order_events(request: HttpRequest, order_id: int) -> Any:
    order = get_object_or_404(WorkOrder, station=_station(request), pk=order_id)
    return order.events.select_related("by")


@router.get("/callbacks/due", response=list[WorkOrderOut])
def callbacks_due(request: HttpRequest) -> Any:
    from powerdesk.servicedesk.selectors import callbacks_due as due

    return due(_station(request))


@router.post("/work-orders/{order_id}/callbacks", response={201: CallbackOut})
def record_callback(request: HttpRequest, order_id: int, payload: CallbackIn) -> Any:
    order = get_object_or_404(WorkOrder, station=_station(request), pk=order_id)
    try:
        callback = callback_record(
            work_order=order,
            user=_user(request),
            outcome=payload.outcome,
            satisfaction=payload.satisfaction,
            still_not_fixed=payload.still_not_fixed,
            comment=payload.comment,
        )
    except WorkOrderError as exc:
        raise HttpError(409, str(exc)) from None
    return Status(201, callback)


class PromiseIn(Schema):
    text: str
    due_at: dt.datetime
    work_order_id: int | None = None


class PromiseOut(Schema):
    id: int
    text: str
    due_at: dt.datetime
    made_at: dt.datetime
    state: str
    work_order_id: int | None


@router.get("/promises", response=list[PromiseOut])
@paginate(LimitOffsetPagination)
def list_promises(request: HttpRequest, state: str = "open") -> Any:
    promises = Promise.objects.filter(station=_station(request))
    return promises.filter(state=state) if state != "all" else promises


@router.post("/promises", response={201: PromiseOut})
def make_promise(request: HttpRequest, payload: PromiseIn) -> Any:
    order = None
    if payload.work_order_id is not None:
        order = get_object_or_404(WorkOrder, station=_station(request), pk=payload.work_order_id)
    try:
        promise = promise_make(
            station=_station(request),
            user=_user(request),
            text=payload.text,
            due_at=payload.due_at,
            work_order=order,
        )
    except WorkOrderError as exc:
        raise HttpError(422, str(exc)) from None
    return Status(201, promise)


@router.post("/promises/{promise_id}/settle", response=PromiseOut)
def settle_promise(request: HttpRequest, promise_id: int, kept: bool) -> Any:
    promise = get_object_or_404(Promise, station=_station(request), pk=promise_id)
    try:
        return promise_settle(promise=promise, kept=kept, user=_user(request))
    except WorkOrderError as exc:
        raise HttpError(409, str(exc)) from None


@router.get("/classify", response=SuggestionOut)
def classify(request: HttpRequest, text: str) -> Any:
    return default_classifier().suggest_one(text).as_dict()


__all__ = ["Callback", "router"]
