"""The JSON API's hard problems (难点问题): the list, one with its plan, opening one, adding a
step, saying a step done or dropping it, a revisit, solving it, as the problem's page does
(``followup``), with the same checks, which the services make (``problem.manage``,
``problem.solve``; docs/roles.md).
Taking or giving one is ``api_owner``'s. Mounted under ``api.router``."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from powerdesk.community.models import Village
from powerdesk.lib.forms import FieldError
from powerdesk.servicedesk.api_access import (
    FOUND_ERRORS,
    IDEMPOTENT,
    READ_ERRORS,
    WRITE_ERRORS,
    FieldRefused,
    ProblemId,
    StationAuth,
    StepId,
    request_reader,
    request_station,
    request_user,
    station_person,
)
from powerdesk.servicedesk.api_problem_schemas import (
    HardProblemDetailOut,
    HardProblemIn,
    HardProblemOut,
    ProblemFilter,
    ProblemNoteIn,
    ProblemStepIn,
    ProblemStepOut,
)
from powerdesk.servicedesk.api_schemas import ErrorOut, FieldErrorOut, Page
from powerdesk.servicedesk.followup import (
    ProblemNoteError,
    StepOwnerError,
    hard_problem_add_step,
    hard_problem_open,
    hard_problem_revisit,
    hard_problem_solve,
    hard_problem_step_done,
)
from powerdesk.servicedesk.followup_drop import hard_problem_step_drop
from powerdesk.servicedesk.idempotency import api_once
from powerdesk.servicedesk.models import HardProblem, HardProblemStep
from powerdesk.servicedesk.selectors import hard_problems_listed
from powerdesk.servicedesk.services import WorkOrderError

__all__ = ["router"]

router = Router(auth=StationAuth())

# Refused at a field of the request (400 FieldErrorOut); a state that forbids it is 409.
_ANSWERS: dict[int, Any] = {404: ErrorOut, 409: ErrorOut, **WRITE_ERRORS, 400: FieldErrorOut}


def _done(work: Any) -> Any:
    """``work()`` with the services' refusals as the API says them: at their field (400), or
    a state that does not allow it (409: solved, done already, steps still open)."""
    try:
        return work()
    except StepOwnerError as exc:
        raise FieldRefused(str(exc), field="owner") from None
    except ProblemNoteError as exc:
        raise FieldRefused(str(exc), field="note") from None
    except WorkOrderError as exc:
        if isinstance(exc, FieldError) and exc.field:
            raise FieldRefused(str(exc), field=exc.field) from None
        raise HttpError(409, str(exc)) from None


def _problem(request: HttpRequest, problem_id: int) -> HardProblem:
    return get_object_or_404(
        HardProblem.objects.for_station(request_station(request)).select_related(
            "village", "owner"
        ),
        pk=problem_id,
    )


def _detail(problem: HardProblem) -> HardProblem:
    return HardProblem.objects.select_related("village", "owner").get(pk=problem.pk)


@router.get(
    "/hard-problems",
    operation_id="powerdesk_servicedesk_api_list_hard_problems",
    response={200: list[HardProblemOut], **READ_ERRORS},
    summary="The station's hard problems",
    description="Open ones first, by their next revisit; `state` all, open or solved.",
)
@paginate(Page)
def list_hard_problems(request: HttpRequest, state: ProblemFilter = ProblemFilter.open) -> Any:
    problems = hard_problems_listed(request_reader(request, "servicedesk:hard_problems"))
    if state != ProblemFilter.all:
        problems = problems.filter(state=state.value)
    return problems.order_by("state", "next_revisit_on", "pk")


@router.get(
    "/hard-problems/{problem_id}",
    operation_id="powerdesk_servicedesk_api_get_hard_problem",
    response={200: HardProblemDetailOut, **FOUND_ERRORS},
    summary="A hard problem with its plan",
)
def get_hard_problem(request: HttpRequest, problem_id: ProblemId) -> Any:
    request_reader(request, "servicedesk:hard_problem")
    return _problem(request, problem_id)


@router.post(
    "/hard-problems",
    operation_id="powerdesk_servicedesk_api_open_hard_problem",
    response={201: HardProblemDetailOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    summary="Open a hard problem",
    description="Its owner is the person who opens it (a system's token: nobody, to take or "
    "give). 400 naming its field: village_id names no village committee of the station, a text "
    "is only spaces. 403: the role may not open hard problems (problem.manage).",
)
def open_hard_problem(request: HttpRequest, payload: HardProblemIn) -> Any:
    station = request_station(request)
    village = None
    if payload.village_id is not None:
        village = Village.objects.filter(station=station, pk=payload.village_id).first()
        if village is None:
            raise FieldRefused(
                _("No village committee of this station has the id %(id)s.")
                % {"id": payload.village_id},
                field="village_id",
            )

    def make() -> Status[HardProblem]:
        problem = _done(
            lambda: hard_problem_open(
                station=station,
                user=request_user(request),
                title=payload.title,
                description=payload.description,
                village=village,
            )
        )
        return Status(201, _detail(problem))

    return api_once(request, {201: HardProblemDetailOut}, make)


@router.post(
    "/hard-problems/{problem_id}/steps",
    operation_id="powerdesk_servicedesk_api_add_problem_step",
    response={201: ProblemStepOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    summary="Add a step to a hard problem's plan",
    description="The same step sent again while it is open (title, owner and date alike: a "
    "retry, a double submit) is answered with the step already there; nothing is added twice. "
    "400 naming its field: owner is nobody of the station or "
    "cannot open hard problems (a village liaison); due_on before the station's today or more "
    "than three years ahead; title only spaces. 409: the problem is solved.",
)
def add_problem_step(request: HttpRequest, problem_id: ProblemId, payload: ProblemStepIn) -> Any:
    problem = _problem(request, problem_id)
    owner = station_person(request, payload.owner, field="owner")

    def add() -> Status[HardProblemStep]:
        step = _done(
            lambda: hard_problem_add_step(
                problem=problem,
                user=request_user(request),
                title=payload.title,
                owner=owner,
                due_on=payload.due_on,
            )
        )
        return Status(201, HardProblemStep.objects.select_related("owner").get(pk=step.pk))

    return api_once(request, {201: ProblemStepOut}, add)


@router.post(
    "/hard-problems/{problem_id}/steps/{step_id}/done",
    operation_id="powerdesk_servicedesk_api_problem_step_done",
    response={200: ProblemStepOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    summary="Say a step of the plan done",
    description="Done today, by the sender, with an optional note (at most 2,000 characters). "
    "A person's session only: the office says any step done, anyone else a step given to them "
    "(problem.step_own); 403 for a system's token (nobody would be recorded as having done it) "
    "and for someone else's step. 409: it was said done or dropped already (by whom the step "
    "says); nothing is written over.",
)
def problem_step_done(
    request: HttpRequest, problem_id: ProblemId, step_id: StepId, payload: ProblemNoteIn
) -> Any:
    return _step_closed(
        request,
        problem_id,
        step_id,
        lambda step, user: hard_problem_step_done(step=step, user=user, note=payload.note),
    )


@router.post(
    "/hard-problems/{problem_id}/steps/{step_id}/drop",
    operation_id="powerdesk_servicedesk_api_problem_step_drop",
    response={200: ProblemStepOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    summary="Drop a step of the plan as no longer needed",
    description="Why it is no longer needed (note, needed, at most 2,000 characters); dropped "
    "today by the sender, shown as kind dropped, never counted as done; the problem may be "
    "solved once every other step is done or dropped. Who may say the step done may drop it "
    "(a person's session only: 403 for a system's token). 409: it was done or dropped "
    "already; nothing is written over. 400 at note: empty.",
)
def problem_step_drop(
    request: HttpRequest, problem_id: ProblemId, step_id: StepId, payload: ProblemNoteIn
) -> Any:
    return _step_closed(
        request,
        problem_id,
        step_id,
        lambda step, user: hard_problem_step_drop(step=step, user=user, reason=payload.note),
    )


def _step_closed(
    request: HttpRequest,
    problem_id: int,
    step_id: int,
    close: Callable[[HardProblemStep, Any], HardProblemStep],
) -> Any:
    """A step of the plan closed by ``close`` (said done, or dropped) by the sender, once
    (``api_once``), with the services' refusals as the API says them; the step as it stands."""
    problem = _problem(request, problem_id)
    step = get_object_or_404(problem.steps.filter(is_revisit=False, is_record=False), pk=step_id)

    def closed() -> HardProblemStep:
        _done(lambda: close(step, request_user(request)))
        return HardProblemStep.objects.select_related("owner", "done_by").get(pk=step.pk)

    return api_once(request, {200: ProblemStepOut}, closed)


@router.post(
    "/hard-problems/{problem_id}/revisits",
    operation_id="powerdesk_servicedesk_api_problem_revisit",
    response={201: HardProblemDetailOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    summary="Record a revisit of a hard problem",
    description="What the revisit found (note, needed); the next revisit is planned from "
    "today. 400 at note: empty.",
)
def problem_revisit(request: HttpRequest, problem_id: ProblemId, payload: ProblemNoteIn) -> Any:
    problem = _problem(request, problem_id)

    def revisit() -> Status[HardProblem]:
        _done(
            lambda: hard_problem_revisit(
                problem=problem, user=request_user(request), note=payload.note
            )
        )
        return Status(201, _detail(problem))

    return api_once(request, {201: HardProblemDetailOut}, revisit)


@router.post(
    "/hard-problems/{problem_id}/solve",
    operation_id="powerdesk_servicedesk_api_solve_hard_problem",
    response={200: HardProblemDetailOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    summary="Mark a hard problem solved",
    description="How it was solved (note, needed) is recorded as its closing line (kind "
    "solved: by whom, when). 403: only the chief solves problems (problem.solve), signed in "
    "(a person's session): a system's token may not, nobody would be recorded. 409: steps of "
    "the plan are not done (named), or it was solved already. 400 at note: empty.",
)
def solve_hard_problem(request: HttpRequest, problem_id: ProblemId, payload: ProblemNoteIn) -> Any:
    problem = _problem(request, problem_id)

    def solve() -> HardProblem:
        _done(
            lambda: hard_problem_solve(
                problem=problem, user=request_user(request), note=payload.note
            )
        )
        return _detail(problem)

    return api_once(request, {200: HardProblemDetailOut}, solve)
