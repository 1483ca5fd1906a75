"""The JSON API's calls (``GET``/``POST /calls``): the station's calls listed, and a call logged
as intake logs it (``call_take``), with its second matter when asked (``also_fault_repair``:
``second_order``). Mounted under ``api.router``; who may call it is ``api_access``'s.

A call with a ``cti_call_id`` already logged is answered as it is (200), never logged again; with
``also_fault_repair``, its second matter is kept as for a new call (its fault order, opened now if
it has none, or the caller's open one named in ``notice``), so a retry answers what the first
request did, and one asking what the call cannot take is refused, never ignored (review61, L4).
"""

from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from powerdesk.accounts.permissions import Do, require
from powerdesk.servicedesk.api_access import (
    IDEMPOTENT,
    READ_ERRORS,
    WRITE_ERRORS,
    FieldRefused,
    StationAuth,
    refused_at,
    request_reader,
    request_station,
    request_user,
)
from powerdesk.servicedesk.api_schemas import (
    CallCreatedOut,
    CallerIs,
    CallIn,
    CallOut,
    CallStatus,
    ErrorOut,
    FieldErrorOut,
    Page,
)
from powerdesk.servicedesk.call_take import CallAlreadyLogged, CallTaken, call_take
from powerdesk.servicedesk.caller_number import CallerNumberError, caller_number_checked
from powerdesk.servicedesk.idempotency import api_once
from powerdesk.servicedesk.models import OPEN_STATUSES, Call, WorkOrder
from powerdesk.servicedesk.second_matter import ALREADY_ABOUT_IT
from powerdesk.servicedesk.second_order import (
    PowerOffNotSaid,
    already_about_it_said,
    fault_order_open_said,
    fault_too_or_the_open_one,
)
from powerdesk.servicedesk.services import WorkOrderError
from powerdesk.servicedesk.understanding.suggest import suggestion_for

if TYPE_CHECKING:
    from powerdesk.community.models import Liaison

__all__ = ["router"]

router = Router(auth=StationAuth())


@router.get(
    "/calls",
    response={200: list[CallOut], 403: ErrorOut, **READ_ERRORS},
    operation_id="powerdesk_servicedesk_api_list_calls",  # as when it was ``api``'s
)
@paginate(Page)
def list_calls(request: HttpRequest, status: CallStatus | None = None) -> Any:
    station = request_reader(request, "servicedesk:calls")
    calls = Call.objects.for_station(station).select_related(
        "customer", "liaison__village", "liaison__group"
    )
    return calls.filter(status=status.value) if status else calls


@router.post(
    "/calls",
    response={201: CallCreatedOut, 200: CallCreatedOut, **WRITE_ERRORS, 400: FieldErrorOut},
    operation_id="powerdesk_servicedesk_api_create_call",
    openapi_extra=IDEMPOTENT,
    description="201: the call is logged, and what its category asks is done (a work order "
    "opened, feedback recorded; see open_order). 200: a call with this cti_call_id is already "
    "logged at the station; it is answered and nothing is logged; with also_fault_repair its "
    "second matter is kept as for a new call (its fault repair order, opened now if it has "
    "none, or the caller's open one named in notice), refused with 422 at also_fault_repair "
    "when the call logged cannot have one, so a retry answers what the first request did. An "
    "answered call with no note (text empty) is logged as not a request, with no category and "
    "no work order, and the answer says so in notice. 422 at also_fault_repair, confirm "
    "power_off_said: the note does not say the power is off now; sent again with "
    "power_off_said true (the caller said so) the fault repair order is opened, and its history "
    "says it was on the sender's word. Without an Idempotency-Key and without a cti_call_id, "
    "each POST is a new call: a retry of a request whose answer was lost logs the call again "
    "and, for a caller the station cannot tell by number or account, opens a second work order "
    "(a known caller's second call joins their open order as a repeat call). Send an "
    "Idempotency-Key (or the telephone system's cti_call_id) with every call a client may "
    "send again.",
)
def create_call(request: HttpRequest, payload: CallIn) -> Any:
    # The intake page's rule: a crew or a liaison does not log calls (the service will too,
    # once calls go through one call_take).
    require(request_user(request), request_station(request), Do.CALL_TAKE)
    read = None
    if payload.text.strip():
        # Before api_once's transaction: the classifier must not hold SQLite's write lock.
        read = suggestion_for(payload.text.strip())

    def log() -> Status[Call]:
        join = _order_to_join(request, payload)
        if payload.also_fault_repair and payload.category.value in ALREADY_ABOUT_IT:
            raise FieldRefused(already_about_it_said(), field="also_fault_repair", status=422)
        try:
            # One transaction for both only when both are asked (a call alone: call_take's own).
            with transaction.atomic() if payload.also_fault_repair else nullcontext():
                try:
                    call, status = _take(request, payload, join).call, 201
                except CallAlreadyLogged as exc:
                    # The telephone's call logged before (a retry, the webhook first).
                    call, status = exc.call, 200
                if payload.also_fault_repair:
                    _fault_too(request, call, power_off_said=payload.power_off_said)
        except CallerNumberError as exc:
            raise FieldRefused(str(exc), field="caller_number") from None
        except WorkOrderError as exc:
            # What the call was to join, or the order its category opens.
            raise refused_at(
                exc, "join_order_id" if payload.join_order_id is not None else "category"
            ) from None
        if (
            not call.text.strip()
            and call.status == Call.Status.ANSWERED
            and not call.category
            and call.work_order_id is None
        ):
            # Said, not only done: an integration sending an empty note by mistake (walk37, 13).
            call.api_notice = _(  # type: ignore[attr-defined]
                "The call has no note (text is empty): it is logged as not a request, with no "
                "category and no work order. Send what the caller said in text."
            )
        if read is not None and not payload.category.value and status == 201:
            # The category left to the note's reading: what it read, sure or not, is said
            # (probe76, 13: an unsure reading was taken without a word, the page asks).
            call.api_suggestion = read.as_dict()  # type: ignore[attr-defined]
        return Status(status, call)

    return api_once(request, {201: CallCreatedOut, 200: CallCreatedOut}, log)


def _take(request: HttpRequest, payload: CallIn, join: WorkOrder | None) -> CallTaken:
    # Both matters kept (``also_fault_repair``): the call's own category has its order too,
    # unless the integration said otherwise or named an order to join.
    open_order = payload.open_order
    if open_order is None and join is None and payload.also_fault_repair:
        open_order = True
    return call_take(
        station=request_station(request),
        user=request_user(request),
        caller_number=payload.caller_number,
        text=payload.text,
        category=payload.category.value,
        status=payload.status.value,
        cti_call_id=payload.cti_call_id,
        caller_name=payload.caller_name,
        place=payload.place,
        answer=payload.answer,
        open_order=open_order,
        join=join,
        liaison=_liaison_calling(request, payload),
    )


def _liaison_calling(request: HttpRequest, payload: CallIn) -> "Liaison | None":
    """The village liaison said to be calling (``caller_is``), looked up from the number as the
    intake page looks it up (``liaison_by_phone``): the call is theirs, and their words reach
    the sharing household's arrears case (``arrears.from_calls.shared_household``). None for
    the household (as before); refused at ``caller_is`` for a number that is no liaison's."""
    if payload.caller_is != CallerIs.LIAISON:
        return None
    from powerdesk.community.liaison_calls import liaison_by_phone

    number = caller_number_checked(payload.caller_number)  # refused at its own field first
    liaison = liaison_by_phone(request_station(request), number) if number else None
    if liaison is None:
        raise FieldRefused(
            _(
                "caller_is is liaison, but this number is not a serving village liaison's of "
                "the station: send household, or the liaison's own number."
            ),
            field="caller_is",
            status=422,
        )
    return liaison


def _fault_too(request: HttpRequest, call: Call, *, power_off_said: bool) -> None:
    """The note's second matter, the power off (``second_order``): keyed on the call; refused
    at ``also_fault_repair`` (the whole call with it) when the call is about the power, or its
    note does not tell the power off and ``power_off_said`` does not say the caller told it;
    the caller's fault order already open is named in ``notice``, none opened beside it."""
    try:
        order = fault_too_or_the_open_one(
            call, request_user(request), power_off_said=power_off_said
        )
    except PowerOffNotSaid as exc:
        raise FieldRefused(
            str(exc), field="also_fault_repair", confirm=exc.confirm, status=422
        ) from None
    except WorkOrderError as exc:
        raise refused_at(exc, "also_fault_repair") from None
    if call.fault_order_id is None:
        # The caller's fault order open from the last hours: the call is logged, no second one.
        call.api_notice = fault_order_open_said(order)  # type: ignore[attr-defined]


def _order_to_join(request: HttpRequest, payload: CallIn) -> WorkOrder | None:
    """The open order of the station the call is to join (``join_order_id``), or None."""
    if payload.join_order_id is None:
        return None
    if payload.open_order is not None:
        raise FieldRefused(
            _("Send join_order_id or open_order, not both."), field="join_order_id", status=422
        )
    order = (
        WorkOrder.objects.for_station(request_station(request))
        .filter(pk=payload.join_order_id)
        .first()
    )
    if order is None:
        raise FieldRefused(
            _("No work order of this station has the id %(id)s.") % {"id": payload.join_order_id},
            field="join_order_id",
            status=422,
        )
    if order.status not in OPEN_STATUSES:
        raise FieldRefused(
            _("Work order %(number)s is finished: reopen it or open a new one.")
            % {"number": order.number},
            field="join_order_id",
            status=422,
        )
    return order
