"""The JSON API's arrears cases (欠费停复电), for a billing system or a station's other tools: the
list (by state, village), one case with its history, opening one, and each step as the case's
page records it — the written notice, the contact through the village liaison, the household
seen, the chief's approval, the disconnection carried out, the payment (and the reconnection
order it opens). The services make the same checks as for the page (``docs/roles.md``: a
village liaison or a crew member is refused), and refuse with the same reasons (the notice
period, the daytime, a household that must not be disconnected). Mounted under ``api.api``.

A step sent again as it was recorded (a retry, a double submit) answers the case and records
nothing twice; sent otherwise than recorded, 409 saying what is recorded. Every POST also
takes an ``Idempotency-Key``.
"""

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.params.functions import Path
from pydantic import Field

from powerdesk.arrears.api_schemas import (
    CaseDetailOut,
    CaseOpenIn,
    CaseOut,
    CaseStateFilter,
)
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.repeats import open_case_of
from powerdesk.arrears.selectors import cases_listed
from powerdesk.arrears.services import (
    ArrearsError,
    StepRecordedAlready,
    case_open,
)
from powerdesk.customers.models import Customer
from powerdesk.customers.selectors import customer_by_account
from powerdesk.servicedesk.api_access import (
    FOUND_ERRORS,
    IDEMPOTENT,
    READ_ERRORS,
    WRITE_ERRORS,
    FieldRefused,
    StationAuth,
    request_reader,
    request_station,
    request_user,
)
from powerdesk.servicedesk.api_schemas import MAX_ID, ErrorOut, Page
from powerdesk.servicedesk.idempotency import api_once

__all__ = ["router"]

router = Router(auth=StationAuth(), tags=["arrears"])

# A step's answers: 404 another station's case, 409 a state that does not allow it.
_ANSWERS: dict[int, Any] = {404: ErrorOut, 409: ErrorOut, **WRITE_ERRORS}
# The services' fields, as the API's request names them.
_FIELDS = {"account_number": "customer_account"}


class CaseFilters(Schema):
    state: CaseStateFilter = Field(  # type: ignore[valid-type]
        CaseStateFilter("open"),
        description="open (not paid: the default), all, or one stage",
    )
    village_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="the households of one village committee"
    )
    blocked: bool | None = Field(
        None,
        description="true: only the cases a medical need blocks now (block not empty); false: "
        "only those nothing blocks",
    )


def _done(work: Callable[[], ArrearsCase]) -> ArrearsCase:
    """``work()`` with the services' refusals as the API says them: at their field (422
    ``{"detail", "field"}``), recorded already otherwise (409), or a state that does not allow
    it (409: the notice period, the night, a household that must not be disconnected...)."""
    try:
        return work()
    except StepRecordedAlready as exc:
        raise HttpError(409, str(exc)) from None
    except ArrearsError as exc:
        if exc.field:
            raise FieldRefused(
                str(exc), field=_FIELDS.get(exc.field, exc.field), status=422
            ) from None
        raise HttpError(409, str(exc)) from None


def _case(request: HttpRequest, case_id: int) -> ArrearsCase:
    return get_object_or_404(
        ArrearsCase.objects.for_station(request_station(request)).select_related(
            "customer__village", "approved_by", "lifted_by", "reconnection"
        ),
        pk=case_id,
    )


def _again(case: ArrearsCase) -> ArrearsCase:
    """The case as stored now, for the answer."""
    return ArrearsCase.objects.select_related(
        "customer__village", "approved_by", "lifted_by", "reconnection"
    ).get(pk=case.pk)


CaseId = Annotated[int, Path(ge=1, le=MAX_ID, description="the arrears case's id")]


@router.get(
    "/arrears-cases",
    response={200: list[CaseOut], **READ_ERRORS},
    summary="The station's arrears cases",
    description="The latest opened first. `state`: open (not paid, the default), all, or one "
    "stage; `village_id`: one village committee's households (another station's village: "
    "none); `blocked`: true, those a medical need blocks now, false, the others. A person's "
    "session reads them with a role the arrears pages are open to (counter, dispatcher, "
    "chief, administrator); a crew member gets 403.",
)
@paginate(Page)
def list_arrears_cases(request: HttpRequest, filters: Query[CaseFilters]) -> Any:
    cases = cases_listed(request_reader(request, "arrears:cases"))
    state = filters.state.value
    if state == "open":
        cases = cases.exclude(stage=ArrearsCase.Stage.PAID)
    elif state != "all":
        cases = cases.filter(stage=state)
    if filters.village_id is not None:
        cases = cases.filter(customer__village_id=filters.village_id)
    if filters.blocked is not None:
        # What blocks a case is stored at each step (``blocks``): a query, not a read of each.
        cases = cases.exclude(blocked_by="") if filters.blocked else cases.filter(blocked_by="")
    return cases


@router.get(
    "/arrears-cases/{case_id}",
    response={200: CaseDetailOut, **FOUND_ERRORS},
    summary="An arrears case with its history",
)
def get_arrears_case(request: HttpRequest, case_id: CaseId) -> Any:
    request_reader(request, "arrears:case")
    return _case(request, case_id)


@router.post(
    "/arrears-cases",
    response={201: CaseDetailOut, 200: CaseDetailOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    summary="Open an arrears case",
    description="201: opened. 200: the household's open case, when it has the same amount "
    "and owed_since (sent again: opened once). 409: the household has an open case of another "
    "amount or date (one case at a time; nothing opened). 422 naming its field: "
    "customer_account no customer of the station has, owed_since before 2000 or after the "
    "station's today, an amount of more than two decimals or not above 0. 403: the role may "
    "not open a case (arrears.open: the counter, the chief).",
)
def open_arrears_case(request: HttpRequest, payload: CaseOpenIn) -> Any:
    station = request_station(request)
    today = timezone.localdate()
    if not dt.date(2000, 1, 1) <= payload.owed_since <= today:
        raise FieldRefused(
            _("Owed since must be a day from 2000-01-01 to today (%(today)s).") % {"today": today},
            field="owed_since",
            status=422,
        )
    customer = customer_by_account(
        Customer.objects.filter(station=station), payload.customer_account
    )

    def make() -> Status[ArrearsCase]:
        if customer is None:
            raise FieldRefused(
                _("No customer of this station has the account “%(account)s”.")
                % {"account": payload.customer_account},
                field="customer_account",
                status=422,
            )
        earlier = open_case_of(customer)
        case = _done(
            lambda: case_open(
                station=station,
                user=request_user(request),
                customer=customer,
                amount=payload.amount,
                owed_since=payload.owed_since,
            )
        )
        status = 200 if earlier is not None and earlier.pk == case.pk else 201
        return Status(status, _again(case))

    return api_once(request, {201: CaseDetailOut, 200: CaseDetailOut}, make)


def _step(request: HttpRequest, case_id: int, work: Callable[[ArrearsCase], ArrearsCase]) -> Any:
    """Run a step on the station's case ``case_id`` once (``Idempotency-Key``) and answer the
    case as it is then. The case is read again under a lock: of two requests sent at once, the
    second sees the first's step recorded (and answers it, recording nothing twice)."""
    case = _case(request, case_id)

    def step() -> ArrearsCase:
        with transaction.atomic():
            locked = (
                ArrearsCase.objects.select_for_update(of=("self",))
                .select_related("customer__village")
                .get(pk=case.pk)
            )
            _done(lambda: work(locked))
        return _again(case)

    return api_once(request, {200: CaseDetailOut}, step)


# The steps (``…/notice`` to ``…/amount``, the chief's lift among them) live in ``api_steps``,
# registered here on the same router, after the list, the case and its opening.
from powerdesk.arrears import api_steps  # noqa: E402, F401  (registers its endpoints)
