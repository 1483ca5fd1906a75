"""The service desk's JSON API for what follows a finished order: the callbacks due and their
outcomes, and the promises made to callers and their settling.
"""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Body, Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from powerdesk.api_query import query_refused_here
from powerdesk.customers.models import Customer
from powerdesk.servicedesk.api_access import (
    IDEMPOTENT,
    READ_ERRORS,
    WRITE_ERRORS,
    FieldRefused,
    OrderId,
    PromiseId,
    StationAuth,
    refused_at,
    request_key,
    request_reader,
    request_station,
    request_user,
)
from powerdesk.servicedesk.api_followup_schemas import (
    CallbackIn,
    CallbackOut,
    PromiseFilter,
    PromiseIn,
    PromiseOut,
    SettleIn,
)
from powerdesk.servicedesk.api_schemas import (
    ErrorOut,
    FieldErrorOut,
    Page,
    WorkOrderOut,
)
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.idempotency import api_once
from powerdesk.servicedesk.models import Promise, WorkOrder
from powerdesk.servicedesk.promises import (
    PromiseEarlyError,
    PromiseFieldError,
    PromiseLateError,
    PromiseNobodyError,
    PromiseOrderFinishedError,
    PromisePowerOffError,
    PromiseReasonError,
    promise_make,
    promise_settle,
)
from powerdesk.servicedesk.promises_kept_at import PromiseKeptAtError, promise_kept_at
from powerdesk.servicedesk.services import WorkOrderError

__all__ = ["router"]

# Mounted under ``api.router`` (tagged "service desk" there); each operation keeps the id it had
# when it was written in ``api``, which clients generated from the schema use.
router = Router(auth=StationAuth())


@router.get(
    "/callbacks/due",
    response={200: list[WorkOrderOut], 401: ErrorOut, 403: ErrorOut},
    operation_id="powerdesk_servicedesk_api_callbacks_due",
)
def callbacks_due(request: HttpRequest) -> Any:
    from powerdesk.servicedesk.selectors import callbacks_due as due

    return due(request_reader(request, "servicedesk:callbacks"))


@router.post(
    "/work-orders/{order_id}/callbacks",
    operation_id="powerdesk_servicedesk_api_record_callback",
    response={201: CallbackOut, 404: ErrorOut, 409: ErrorOut, **WRITE_ERRORS},
    openapi_extra=IDEMPOTENT,
    description=(
        "409: the order is not resolved, it is of a kind that is not called back (a question,"
        " a bill: close it instead), or the outcome and score do not go together. A try that"
        " reached nobody (not_reached, retry) sent again by the same sender with the same"
        " comment within 60 seconds answers the first try (201, its id) and records nothing:"
        " it is the same try sent twice, counted once. With an Idempotency-Key, the first"
        " answer is given again whenever the request is sent again within 24 hours."
    ),
)
def record_callback(request: HttpRequest, order_id: OrderId, payload: CallbackIn) -> Any:
    order = get_object_or_404(WorkOrder.objects.for_station(request_station(request)), pk=order_id)

    def record() -> Status[Any]:
        try:
            callback = callback_record(
                work_order=order,
                user=request_user(request),
                outcome=payload.outcome.value,
                satisfaction=payload.satisfaction,
                still_not_fixed=payload.still_not_fixed,
                comment=payload.comment,
                key=request_key(request),
            )
        except WorkOrderError as exc:
            raise HttpError(409, str(exc)) from None
        return Status(201, callback)

    return api_once(request, {201: CallbackOut}, record)


@router.get(
    "/promises",
    response={200: list[PromiseOut], 403: ErrorOut, **READ_ERRORS},
    operation_id="powerdesk_servicedesk_api_list_promises",
)
@paginate(Page)
def list_promises(request: HttpRequest, state: PromiseFilter = PromiseFilter["open"]) -> Any:
    promises = Promise.objects.for_station(request_reader(request, "servicedesk:promises"))
    return promises.filter(state=state.value) if state != "all" else promises


@router.post(
    "/promises",
    operation_id="powerdesk_servicedesk_api_make_promise",
    response={
        200: PromiseOut,  # the same promise sent again, still open: that one, nothing made
        201: PromiseOut,
        400: FieldErrorOut,
        404: ErrorOut,
        409: FieldErrorOut,
        **WRITE_ERRORS,
    },
    openapi_extra=IDEMPOTENT,
    description="201: made. 200: the same promise (order or customer, text, time) is open "
    "already: that one, nothing made. 404: work_order_id names no order of the station. 400 "
    "naming its field: "
    "neither work_order_id nor customer_account is given (nobody to keep the promise to; "
    "field work_order_id), or no customer of the station has customer_account. 409 naming "
    "work_order_id: the work order is finished (resolved, called back or closed): reopen it, "
    "or make the promise to the customer alone (customer_account). 422 also: the "
    "text is empty or longer than 200 characters, or the time has passed or is more than 366 "
    "days ahead.",
)
def make_promise(request: HttpRequest, payload: PromiseIn) -> Any:
    station = request_station(request)
    order = None
    if payload.work_order_id is not None:
        order = get_object_or_404(WorkOrder.objects.for_station(station), pk=payload.work_order_id)
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
            )

    def make() -> Status[Promise]:
        started = timezone.now()
        try:
            promise = promise_make(
                station=request_station(request),
                user=request_user(request),
                text=payload.text,
                due_at=payload.due_at,
                work_order=order,
                customer=customer,
            )
        except PromiseNobodyError as exc:
            # Said at the request's field: the order's id (or the customer's account).
            raise FieldRefused(str(exc), field="work_order_id") from None
        except PromiseOrderFinishedError as exc:
            # The order's state, not the request, refuses it: 409, naming the field.
            raise FieldRefused(str(exc), field="work_order_id", status=409) from None
        except PromiseFieldError as exc:
            # 422 as documented, naming the field (``text``, ``due_at``) besides the message.
            raise refused_at(exc, exc.field) from None
        except WorkOrderError as exc:
            raise refused_at(exc, "work_order_id") from None
        # The same promise sent again (a retry without its Idempotency-Key): the one recorded
        # before, 200 as nothing was made (as a call's telephone id logged already, an arrears
        # case sent again; probe78 L4); made now, 201.
        return Status(201 if promise.made_at >= started else 200, promise)

    return api_once(request, {200: PromiseOut, 201: PromiseOut}, make)


# The body is declared optional to ninja so that a request without one (kept and reason sent
# in the address, as the operation once took them) is answered naming the field, not as a
# missing body; the schema says it is required.
_SETTLE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"anyOf": [{"$ref": "#/components/schemas/SettleIn"}]}}
        },
    }
}
# What the address may no longer carry.
_SETTLE_FIELDS = ("kept", "reason", "kept_at")


@router.post(
    "/promises/{promise_id}/settle",
    operation_id="powerdesk_servicedesk_api_settle_promise",
    response={200: PromiseOut, 404: ErrorOut, 409: ErrorOut, **WRITE_ERRORS},
    openapi_extra={**IDEMPOTENT, **_SETTLE_BODY},
    description=(
        '`{"kept": true|false, "reason": "...", "kept_at": "..."}` in the JSON body; kept, '
        "reason or kept_at in the query string is refused with 422 naming it "
        '({"detail", "field"}). '
        "`kept_at` (with kept true): when it was kept, as the promises page's \"it was kept: "
        'say when" form takes it: at or before due_at the promise is kept (state `kept`), '
        "after it kept late (`kept_late`); an open promise or one recorded broken (by the "
        "escalation job or by hand: corrected, the broken line staying in the order's "
        "history). "
        "409: the promise is already settled (kept, kept late, or broken with kept_at not "
        "given), or it is said kept while its work order's power is still off (a fault repair "
        "not yet resolved, or an order of an outage still off) without `reason`, what was done "
        "(power back settles such a promise by itself; with kept_at, refused whatever the "
        "reason). "
        "422 naming its field: not kept before its time, or kept after it without kept_at "
        "(`kept`: the detail says to send kept_at; for a promise due in a month already past, "
        "to one who may not correct it, that only the station chief may record it kept); not "
        "kept without `reason` (why it was not "
        "kept); `kept_at` later than now, before the promise was made, or sent with kept false "
        "or with a reason (`kept_at`, `reason`). "
        "403: a station's token sending kept_at for a promise due in a month already past "
        "(correcting a reported month's figure is a person's decision, the station chief's, "
        "with their session)."
    ),
)
@query_refused_here(*_SETTLE_FIELDS)
def settle_promise(
    request: HttpRequest, promise_id: PromiseId, payload: Body[SettleIn | None] = None
) -> Any:
    in_address = [name for name in _SETTLE_FIELDS if name in request.GET]
    if in_address:
        raise FieldRefused(
            _(
                "%(field)s is taken from the JSON body, not the query string: send "
                '{"kept": true|false, "reason": "..."} as the body.'
            )
            % {"field": in_address[0]},
            field=in_address[0],
            status=422,
        )
    if payload is None:
        raise FieldRefused(
            _(
                'Say whether the promise was kept: {"kept": true|false, "reason": "..."} as '
                "the JSON body."
            ),
            field="kept",
            status=422,
        )
    promise = get_object_or_404(
        Promise.objects.for_station(request_station(request)), pk=promise_id
    )
    kept, reason, kept_at = payload.kept, payload.reason, payload.kept_at
    if kept_at is not None and not kept:
        raise FieldRefused(
            _("kept_at is when the promise was kept: send it with kept true."),
            field="kept_at",
            status=422,
        )
    if kept_at is not None and reason:
        raise FieldRefused(
            _(
                "A promise kept at a time is recorded without a reason: send kept_at or "
                "reason, not both."
            ),
            field="reason",
            status=422,
        )

    def settle() -> Promise:
        try:
            if kept_at is not None:
                # The page's "it was kept: say when" rules, in one place (``promises_kept_at``).
                return promise_kept_at(promise=promise, user=request_user(request), at=kept_at)
            return promise_settle(
                promise=promise, kept=kept, user=request_user(request), reason=reason
            )
        except PromisePowerOffError as exc:
            raise HttpError(409, str(exc)) from None
        except PromiseKeptAtError as exc:
            raise refused_at(exc, "kept_at") from None
        except PromiseLateError as exc:
            # Too late to say kept without when: the field that says when, named (desk76).
            said = str(exc)
            if exc.kept_at:
                said += " " + _(
                    'Send "kept_at", the time it was kept (e.g. "2026-05-01T17:55:00+08:00"), '
                    'with "kept": true.'
                )
            raise FieldRefused(said, field="kept", status=422) from None
        except PromiseEarlyError as exc:
            raise refused_at(exc, "kept") from None
        except PromiseReasonError as exc:
            raise refused_at(exc, "reason") from None
        except WorkOrderError as exc:
            raise HttpError(409, str(exc)) from None

    return api_once(request, {200: PromiseOut}, settle)
