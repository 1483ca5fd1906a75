"""Hard problems, suggestions and praise (promises: ``views_promises``; a person's notices:
``views_notices``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import User
from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page, station_queryset
from powerdesk.community.models import Village
from powerdesk.lib.forms import InputError, form_error_text, id_or_none, object_id
from powerdesk.servicedesk.feedback import FeedbackAnsweredAlready, feedback_answer
from powerdesk.servicedesk.followup import (
    ProblemNoteError,
    StepDueError,
    StepOwnerError,
    StepsStillOpen,
    TextTooLong,
    hard_problem_add_step,
    hard_problem_open,
    hard_problem_revisit,
    hard_problem_solve,
    hard_problem_step_done,
    step_due_bounds,
    step_owners,
)
from powerdesk.servicedesk.followup_drop import hard_problem_step_drop
from powerdesk.servicedesk.forms import (
    HardProblemForm,
    HardProblemStepForm,
)
from powerdesk.servicedesk.models import (
    Feedback,
    HardProblem,
)
from powerdesk.servicedesk.notices import notices_given_opened
from powerdesk.servicedesk.selectors import (
    feedback_listed,
    hard_problems_listed,
)
from powerdesk.servicedesk.services import WorkOrderError
from powerdesk.servicedesk.views_owner import owner_offer
from powerdesk.web.drill import drill_summary


@station_page("servicedesk:hard_problems")
def hard_problem_list(request: StationRequest) -> HttpResponse:
    form = HardProblemForm(request.POST if request.method == "POST" else None)
    if form.is_bound:
        village_id = id_or_none(request.POST.get("village"))
        village = get_for_user(request, Village, pk=village_id) if village_id else None
        try:
            if not form.is_valid():
                raise WorkOrderError(form_error_text(form))
            problem = hard_problem_open(
                station=request.station,
                user=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                village=village,
            )
            return redirect(problem)
        except WorkOrderError as exc:
            messages.error(request, str(exc))
    problems = hard_problems_listed(request.station, request.GET)
    return render(
        request,
        "servicedesk/hard_problems.html",
        {
            "problems": problems,
            "today": timezone.localdate(),
            "open_count": problems.filter(state=HardProblem.State.OPEN).count(),
            "solved_count": problems.filter(state=HardProblem.State.SOLVED).count(),
            "villages": station_queryset(request, Village),
            "typed": request.POST,
            "drilled": drill_summary(request.GET, request.station),
            "owner_offer": owner_offer(request, "problem", False, False),
        },
    )


@station_page("servicedesk:hard_problem")
def hard_problem_detail(request: StationRequest, pk: int) -> HttpResponse:
    problem = get_for_user(request, HardProblem.objects.select_related("village", "owner"), pk=pk)
    if request.method == "GET":
        # Opened by the person it (or a step of it) was given to: their notices of it put away.
        notices_given_opened(user=request.user, station=request.station, hard_problem=problem)
    if request.method == "POST":
        action = request.POST.get("action")
        # A note is read by the services, which refuse it too long at its field (never cut).
        note = request.POST.get("note", "")
        try:
            if action == "step":
                form = HardProblemStepForm(request.POST)
                if not form.is_valid():
                    # At the fields, with what was typed kept.
                    return _problem_page(request, problem, step_wrong=form.errors, status=400)
                owner_id = id_or_none(request.POST.get("owner"))
                owner = (
                    User.objects.filter(pk=owner_id, memberships__station=request.station).first()
                    if owner_id
                    else None
                )
                try:
                    added = hard_problem_add_step(
                        problem=problem,
                        user=request.user,
                        title=form.cleaned_data["title"],
                        owner=owner,
                        due_on=form.cleaned_data["due_on"],
                    )
                    messages.success(
                        request,
                        _("Step “%(step)s” added to the plan.") % {"step": added.title}
                        if added.owner is None
                        else _("Step “%(step)s” added to the plan and given to %(person)s.")
                        % {"step": added.title, "person": added.owner},
                    )
                except StepOwnerError as exc:
                    # At the owner's field, with what was typed kept.
                    return _problem_page(request, problem, step_error=str(exc), status=400)
                except (TextTooLong, StepDueError) as exc:
                    wrong = {exc.field: [str(exc)]}
                    return _problem_page(request, problem, step_wrong=wrong, status=400)
            elif action == "done":
                step = problem.steps.filter(
                    pk=object_id(request.POST.get("step"), _("step"))
                ).first()
                if step is None:
                    raise WorkOrderError(
                        _("Choose a %(what)s from the list.") % {"what": _("step")}
                    )
                hard_problem_step_done(step=step, user=request.user, note=note)
                messages.success(request, _("Step “%(step)s” done.") % {"step": step.title})
            elif action == "drop":
                step = problem.steps.filter(
                    pk=object_id(request.POST.get("step"), _("step")),
                    is_revisit=False,
                    is_record=False,
                ).first()
                if step is None:
                    raise WorkOrderError(
                        _("Choose a %(what)s from the list.") % {"what": _("step")}
                    )
                try:
                    hard_problem_step_drop(step=step, user=request.user, reason=note)
                except (ProblemNoteError, TextTooLong) as exc:
                    return _problem_page(
                        request,
                        problem,
                        note_error=str(exc),
                        note_action="drop",
                        drop_step=step.pk,
                        status=400,
                    )
                messages.success(
                    request, _("Step “%(step)s” dropped from the plan.") % {"step": step.title}
                )
            elif action in ("revisit", "solve"):
                try:
                    if action == "revisit":
                        hard_problem_revisit(problem=problem, user=request.user, note=note)
                        messages.success(request, _("Revisit recorded."))
                    else:
                        hard_problem_solve(problem=problem, user=request.user, note=note)
                        messages.success(request, _("The problem is marked solved."))
                except (ProblemNoteError, TextTooLong, StepsStillOpen) as exc:
                    # At the note's field of the form that was sent, what was typed kept. Steps
                    # still open are said at the top too: the forms are far down a long page,
                    # where nothing seemed to happen (walkthrough 38, 14).
                    if isinstance(exc, StepsStillOpen):
                        messages.error(request, str(exc))
                    return _problem_page(
                        request, problem, note_error=str(exc), note_action=action, status=400
                    )
        except (WorkOrderError, InputError) as exc:
            messages.error(request, str(exc))
        return redirect(problem)
    return _problem_page(request, problem)


def _problem_page(
    request: StationRequest,
    problem: HardProblem,
    *,
    step_error: str = "",
    step_wrong: Mapping[str, Iterable[object]] | None = None,
    note_error: str = "",
    note_action: str = "",
    drop_step: int | None = None,
    status: int = 200,
) -> HttpResponse:
    """The hard problem's page; a step refused for its owner says why at the owner's field, a
    revisit or solution refused for its missing note at the note of the form sent."""
    solved = problem.state != HardProblem.State.OPEN
    return render(
        request,
        "servicedesk/hard_problem_detail.html",
        {
            "problem": problem,
            # The plan's steps alone; its revisits and record lines (a new owner, work handed
            # back) are a history under it, not done steps (walkthrough 36, #6).
            "steps": problem.steps.filter(is_revisit=False, is_record=False).select_related(
                "owner", "done_by"
            ),
            # Steps dropped as no longer needed are in it too: dropped, not done (walk74, 5).
            "history": problem.steps.filter(
                Q(is_revisit=True) | Q(is_record=True) | Q(dropped_at__isnull=False)
            )
            .exclude(solves=True)
            .select_related("owner", "done_by")
            .order_by("done_on", "pk"),
            # How it was solved, by whom and when: its own line, not a revisit (walk37, 8).
            "solution": problem.solution if solved else None,
            "orders": problem.work_orders.all(),
            # Only those who may own a step: their role opens the hard problem's page.
            "people": step_owners(request.station),
            # "Take it" and "Give to" for the problem and its steps without an owner.
            "owner_offer": owner_offer(request, "problem", bool(problem.owner_id), solved),
            "step_offer": owner_offer(request, "step", False, solved),
            "today": timezone.localdate(),
            # The step's date input bounded as the service bounds it.
            "step_due": step_due_bounds(),
            "step_error": step_error,
            # Each field of the step refused, its words said at it.
            "step_wrong": {k: " ".join(str(e) for e in v) for k, v in (step_wrong or {}).items()},
            "step_posted": request.POST if step_error or step_wrong else {},
            "note_error": note_error,
            "note_action": note_action,
            "drop_step": drop_step,
            "note_typed": request.POST.get("note", "") if note_action else "",
        },
        status=status,
    )


# The page shows this many, those still to answer first; the export has them all.
FEEDBACK_SHOWN = 100


@station_page("servicedesk:feedback")
def feedback_list(request: StationRequest) -> HttpResponse:
    typed: dict[str, object] = {}  # an answer refused: its item, what was typed, why
    status = 200
    if request.method == "POST":
        try:
            item = get_for_user(
                request, Feedback, pk=object_id(request.POST.get("item"), _("suggestion or praise"))
            )
            answer = request.POST.get("answer", "")
            try:
                # Read by the service, which refuses it too long at its field (never cut).
                feedback_answer(feedback=item, user=request.user, answer=answer)
            except FeedbackAnsweredAlready as exc:
                # Someone else's answer is kept; the page says whose, and what (probe72 M4).
                messages.error(request, str(exc))
                status = 409
            except WorkOrderError as exc:
                # At the answer's field of its item, what was typed kept.
                typed = {"item": item.pk, "answer": answer, "error": str(exc)}
            else:
                messages.success(request, _("Answer recorded."))
        except (WorkOrderError, InputError) as exc:
            messages.error(request, str(exc))
        if not typed and status == 200:
            # Back to the list as it was filtered ("still to answer", a kind, its page): the
            # next item to answer is there, not the 67th of the whole list (walk71, L2).
            return redirect(_feedback_again(request))
    items = feedback_listed(station=request.station, params=request.GET)
    kind = request.GET.get("kind", "")
    waiting = (
        Feedback.objects.for_station(request.station).exclude(state=Feedback.State.ANSWERED).count()
    )
    # A page of them, the pager saying how many in all (the export has them all).
    page = Paginator(items, FEEDBACK_SHOWN).get_page(request.GET.get("page"))
    return render(
        request,
        "servicedesk/feedback.html",
        {"items": page.object_list, "page": page, "kind": kind, "waiting": waiting, "typed": typed},
        status=400 if typed else status,
    )


def _feedback_again(request: StationRequest) -> str:
    """The feedback list with the filters and the page it was answered from."""
    kept = {
        name: request.GET[name] for name in ("kind", "waiting", "page") if request.GET.get(name)
    }
    url = reverse("servicedesk:feedback")
    return f"{url}?{urlencode(kept)}" if kept else url
