"""The service desk's JSON API: calls, work orders and the classifier, scoped to one station.

Who may call it and what every operation declares is ``api_access``'s; the calls are
``api_calls``', the callbacks and the promises ``api_followup``'s, mounted under this router.
Every POST takes an ``Idempotency-Key`` header: a request sent again with the same key is
answered as the first time and does nothing more (see ``idempotency.api_once``).
"""

from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.params.functions import Query

from powerdesk.accounts.models import Crew
from powerdesk.customers.models import Customer
from powerdesk.network.selectors import grid_element_named
from powerdesk.servicedesk.api_access import (
    FOUND_ERRORS,
    IDEMPOTENT,
    READ_ERRORS,
    WRITE_ERRORS,
    FieldRefused,
    OrderId,
    StationAuth,
    refused_at,
    request_reader,
    request_station,
    request_user,
)
from powerdesk.servicedesk.api_calls import router as calls_router
from powerdesk.servicedesk.api_fault_order import router as fault_order_router
from powerdesk.servicedesk.api_followup import router as followup_router
from powerdesk.servicedesk.api_owner import router as owner_router
from powerdesk.servicedesk.api_problems import router as problems_router
from powerdesk.servicedesk.api_schemas import (
    CallText,
    DispatchIn,
    ErrorOut,
    EventOut,
    FieldErrorOut,
    OrderCategory,
    OrderStatusFilter,
    Page,
    SuggestionOut,
    TransitionIn,
    WorkOrderIn,
    WorkOrderOut,
)
from powerdesk.servicedesk.crew_device_path import DeviceOffPathError
from powerdesk.servicedesk.idempotency import api_once
from powerdesk.servicedesk.models import OPEN_STATUSES, Call, WorkOrder
from powerdesk.servicedesk.services import (
    WorkOrderError,
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from powerdesk.servicedesk.understanding.suggest import suggestion_for
from powerdesk.servicedesk.workflow import DangerOnlyError

router = Router(auth=StationAuth(), tags=["service desk"])


@router.get("/work-orders", response={200: list[WorkOrderOut], **READ_ERRORS})
@paginate(Page)
def list_work_orders(
    request: HttpRequest,
    status: OrderStatusFilter = OrderStatusFilter["open"],
    category: OrderCategory | None = None,
) -> Any:
    orders = WorkOrder.objects.for_station(request_station(request)).select_related(
        "customer", "crew", "owner"
    )
    if status == "open":
        orders = orders.filter(status__in=OPEN_STATUSES)
    elif status != "all":
        orders = orders.filter(status=status.value)
    return orders.filter(category=category.value) if category else orders


@router.get("/work-orders/{order_id}", response={200: WorkOrderOut, **FOUND_ERRORS})
def get_work_order(request: HttpRequest, order_id: OrderId) -> Any:
    return get_object_or_404(WorkOrder.objects.for_station(request_station(request)), pk=order_id)


@router.post(
    "/work-orders",
    response={201: WorkOrderOut, 404: FieldErrorOut, **WRITE_ERRORS, 400: FieldErrorOut},
    openapi_extra=IDEMPOTENT,
    description="404 at call_id: it names no call of the station. 400 at summary: empty or "
    "only spaces. 422 also, naming its field: no customer of the station has "
    "customer_account; the call of call_id already has a work order.",
)
def create_work_order(request: HttpRequest, payload: WorkOrderIn) -> Any:
    station = request_station(request)
    if not payload.summary.strip():
        # A line with nothing on it in every list of orders.
        raise FieldRefused(_("Say what the order is about."), field="summary")
    customer = None
    if payload.customer_account:
        customer = (
            Customer.objects.for_station(station)
            .filter(account_number=payload.customer_account)
            .first()
        )
        if customer is None:
            raise FieldRefused(
                _("No customer of this station has the account number %(account)s.")
                % {"account": payload.customer_account},
                field="customer_account",
                status=422,
            )
    call = None
    if payload.call_id is not None:
        call = Call.objects.for_station(station).filter(pk=payload.call_id).first()
        if call is None:
            raise FieldRefused(
                _("No call of this station has the id %(id)s.") % {"id": payload.call_id},
                field="call_id",
                status=404,
            )

    def create() -> Status[WorkOrder]:
        try:
            order = work_order_create(
                station=station,
                user=request_user(request),
                category=payload.category.value,
                summary=payload.summary,
                description=payload.description,
                urgent=payload.urgent,
                customer=customer,
                call=call,
            )
        except WorkOrderError as exc:
            # The call already has its order; else the category.
            raise refused_at(exc, "call_id" if call is not None else "category") from None
        return Status(201, order)

    return api_once(request, {201: WorkOrderOut}, create)


@router.post(
    "/work-orders/{order_id}/transition",
    response={
        200: WorkOrderOut,
        404: ErrorOut,
        409: ErrorOut,
        **WRITE_ERRORS,
        400: FieldErrorOut,
    },
    openapi_extra=IDEMPOTENT,
    description="409: the order's life does not allow the step now, or the order is joined to "
    "an outage being worked on and the step is the crew's (called back, on the way, on site, "
    "resolved: the outage's); the message says why. "
    "400 also: resolving at a device (device) off the line of the order's households (or, "
    "for an order without an account, of its village group's or village's transformers): "
    '{"detail", "field": "device", "confirm": "other_device"}; sent again with other_device '
    "true it is taken, and the order's history says it was confirmed; with in_house true no "
    "device is asked (the fault was inside the customer's house); in_house true on a hazard "
    'with nobody off (no outage with the power off joined to it) is refused: {"detail", '
    '"field": "in_house"}. '
    "422 also, at device: no grid element of the station has the code in device.",
)
def transition_work_order(request: HttpRequest, order_id: OrderId, payload: TransitionIn) -> Any:
    station = request_station(request)
    order = get_object_or_404(WorkOrder.objects.for_station(station), pk=order_id)
    device = None
    if payload.device:
        device = grid_element_named(station.pk, payload.device)
        if device is None:
            raise FieldRefused(
                _("No grid element of this station has the code or name %(device)s.")
                % {"device": payload.device},
                field="device",
                status=422,
            )

    def move() -> WorkOrder:
        try:
            return work_order_transition(
                work_order=order,
                to_status=payload.to.value,
                user=request_user(request),
                note=payload.note,
                cause=payload.cause,
                device=device,
                device_confirmed=payload.other_device,
                in_house=payload.in_house,
            )
        except DangerOnlyError as exc:
            # A value the order cannot take (in_house on a hazard with nobody off), at its field.
            raise FieldRefused(str(exc), field=exc.field) from None
        except WorkOrderError as exc:
            raise HttpError(409, str(exc)) from None
        except DeviceOffPathError as exc:
            raise FieldRefused(str(exc), field=exc.field, confirm=exc.confirm) from None

    return api_once(request, {200: WorkOrderOut}, move)


@router.post(
    "/work-orders/{order_id}/dispatch",
    response={200: WorkOrderOut, 404: ErrorOut, 409: ErrorOut, **WRITE_ERRORS},
    openapi_extra=IDEMPOTENT,
    description="409: the order is paused, already on site, or joined to an outage being "
    "worked on (its crew is sent from the outage). "
    "422 also, at crew: no crew of the station has that name.",
)
def dispatch_work_order(request: HttpRequest, order_id: OrderId, payload: DispatchIn) -> Any:
    """Send a crew of the station; a received order becomes dispatched."""
    station = request_station(request)
    order = get_object_or_404(WorkOrder.objects.for_station(station), pk=order_id)
    crew = Crew.objects.for_station(station).filter(name=payload.crew).first()
    if crew is None:
        raise FieldRefused(
            _("No crew of this station is named %(crew)s.") % {"crew": payload.crew},
            field="crew",
            status=422,
        )

    def send() -> WorkOrder:
        try:
            return work_order_dispatch(work_order=order, crew=crew, user=request_user(request))
        except WorkOrderError as exc:
            raise HttpError(409, str(exc)) from None

    return api_once(request, {200: WorkOrderOut}, send)


@router.get("/work-orders/{order_id}/events", response={200: list[EventOut], **FOUND_ERRORS})
def work_order_events(request: HttpRequest, order_id: OrderId) -> Any:
    order = get_object_or_404(WorkOrder.objects.for_station(request_station(request)), pk=order_id)
    return order.events.select_related("by")


@router.get(
    "/classify",
    response={200: SuggestionOut, **READ_ERRORS},
    description="403: a person whose role the intake's suggestions are not open to (a crew "
    "member: docs/roles.md), as the page answers them.",
)
def classify(request: HttpRequest, text: Annotated[CallText, Query(min_length=1)]) -> Any:
    # Whom the intake's suggestion is open to, by the page's rule (probe78 L5: a crew read it).
    request_reader(request, "servicedesk:suggest")
    # (no longer than a call's note: the rules never read a pasted page, walk56 H2)
    return suggestion_for(text).as_dict()


# Calls listed and logged (``/api/v1/calls``), and a call's second matter (``…/fault-order``).
router.add_router("", calls_router)
# Callbacks and promises, at the same paths (``/api/v1/callbacks/due``, ``/api/v1/promises``).
router.add_router("", followup_router)
# Work without an owner taken or given (``/api/v1/work-orders/{id}/owner``, ``/hard-problems/…``).
router.add_router("", owner_router)
router.add_router("", fault_order_router)
# Hard problems and their plans (``/api/v1/hard-problems``, ``…/{id}/steps``, ``…/solve``).
router.add_router("", problems_router)

# StationAuth is the outage API's too (``outages.api``).
__all__ = ["StationAuth", "router"]
