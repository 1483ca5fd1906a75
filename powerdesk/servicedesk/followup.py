"""Follow-up operations: hard problems, suggestions and praise (promises: ``promises``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from powerdesk.accounts.permissions import Do, NotAllowed, may, require
from powerdesk.lib.form_text import too_long_refused
from powerdesk.lib.forms import Bounds, FieldError, column_chars
from powerdesk.lib.language import station_language
from powerdesk.lib.workdays import STATION_TIME
from powerdesk.servicedesk.models import (
    Call,
    Feedback,
    HardProblem,
    HardProblemStep,
    Notification,
    WorkOrder,
)
from powerdesk.servicedesk.models.hard_problems import REVISIT_TITLE
from powerdesk.servicedesk.notices import notices_given_settled
from powerdesk.servicedesk.ownership import step_written_given
from powerdesk.servicedesk.services import WorkOrderError

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from powerdesk.accounts.models import Station, User
    from powerdesk.community.models import Village, VillageGroup


# -- hard problems ----------------------------------------------------------------------------
@transaction.atomic
def hard_problem_open(
    *,
    station: Station,
    user: User | None,
    title: str,
    description: str = "",
    village: Village | None = None,
    group: VillageGroup | None = None,
    revisit_every_days: int = 30,
    work_orders: list[WorkOrder] | None = None,
    calls: list[Call] | None = None,
) -> HardProblem:
    require(user, station, Do.PROBLEM_MANAGE)
    title = _bounded(_("Problem"), title, PROBLEM_TITLE_CHARS, "title")
    if not title:
        raise MissingText(_("Name the problem."), field="title")
    description = _bounded(_("Description"), description, DESCRIPTION_CHARS, "description")
    now = timezone.now()
    # The station's row held while looking: a double click or a retry opens it once.
    type(station).objects.select_for_update().filter(pk=station.pk).first()
    again = HardProblem.objects.filter(
        station=station,
        title=title,
        owner=user,
        state=HardProblem.State.OPEN,
        opened_at__gte=now - SAME_PROBLEM_WITHIN,
    ).first()
    if again is not None:
        return again
    problem = HardProblem.objects.create(
        station=station,
        title=title,
        description=description,
        village=village,
        group=group,
        owner=user,
        opened_at=now,
        revisit_every_days=revisit_every_days,
        next_revisit_on=timezone.localdate(now) + dt.timedelta(days=revisit_every_days),
    )
    problem.work_orders.set(work_orders or [])
    problem.calls.set(calls or [])
    return problem


class StepOwnerError(WorkOrderError):
    """The owner chosen for a hard problem's step may not open hard problems (at the field)."""


class ProblemNoteError(WorkOrderError):
    """A revisit or a solution of a hard problem without its note (said at the note's field)."""

    field = "note"


class StepsStillOpen(WorkOrderError):
    """A problem declared solved with steps of its plan not done (a state: 409 from the API;
    on the page said at the note typed, which is kept)."""


class TextTooLong(WorkOrderError, FieldError):
    """A text longer than its limit (a step's title, a note, an answer): refused at its field
    (``field``) with its limit and the length typed, never cut."""


class MissingText(WorkOrderError, FieldError):
    """A text that is needed left empty (a problem's name, a step): said at its field."""


class StepDueError(WorkOrderError, FieldError):
    """A step's date outside ``step_due_bounds`` (said at the field ``due_on``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="due_on")


STEP_TITLE_CHARS = column_chars(HardProblemStep, "title")
PROBLEM_TITLE_CHARS = column_chars(HardProblem, "title")
# The same problem opened again by the same person within this time is the first one (a
# double click, a retry), not a second problem.
SAME_PROBLEM_WITHIN = dt.timedelta(minutes=10)
# A problem's description, at most (as its page's form: the column is unbounded).
DESCRIPTION_CHARS = 4000
# How far ahead a step of a plan may be due: three years (a line rebuilt over several seasons).
STEP_DUE_YEARS = 3


def step_due_bounds() -> Bounds:
    """The days a step of a plan may be due: from the station's today (a step due yesterday
    would be overdue as it is written), at most three years ahead. The service checks it; the
    page's date input has it as its min and max."""
    today = timezone.localdate(timezone=STATION_TIME)
    return Bounds(
        label=_("Due"),
        earliest=today,
        latest=today + dt.timedelta(days=366 * STEP_DUE_YEARS),
        rule=_("from today, at most %(years)d years ahead") % {"years": STEP_DUE_YEARS},
    )


# A note of a hard problem (a step done, a revisit, how it was solved) or an answer to a
# suggestion, at most (their columns are unbounded).
NOTE_CHARS = 2000


def _bounded(label: object, value: str, limit: int, field: str) -> str:
    return too_long_refused(TextTooLong, label, value, limit, field)


def step_owners(station: Station | int) -> QuerySet[User]:
    """Who may own a hard problem's step: the station's active people whose role there opens
    the hard problem's page (``accounts.pages``: not a village liaison, who has no hard
    problems), so that the owner sees the step."""
    from powerdesk.accounts.models import User
    from powerdesk.accounts.pages import PAGES

    roles = PAGES["servicedesk:hard_problem"].view
    return (
        User.objects.filter(
            is_active=True, memberships__station=station, memberships__role__in=roles
        )
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def hard_problem_add_step(
    *,
    problem: HardProblem,
    user: User | None,
    title: str,
    owner: User | None,
    due_on: dt.date | None,
) -> HardProblemStep:
    require(user, problem.station_id, Do.PROBLEM_MANAGE)
    title = _bounded(_("Step"), title, STEP_TITLE_CHARS, "title")
    if not title:
        raise MissingText(_("Say what the step is."), field="title")
    if due_on is not None and (said := step_due_bounds().problem(due_on)):
        raise StepDueError(said)
    if owner is not None and not step_owners(problem.station_id).filter(pk=owner.pk).exists():
        # A step its owner could never see nor finish (a village liaison: no hard problems).
        raise StepOwnerError(
            _("%(person)s cannot open hard problems at this station: choose someone who can.")
            % {"person": owner}
        )
    # The problem's row held while looking, so that a double click, a retry or two people
    # adding the same step at once leave one step (as a promise made twice: walkthrough 35).
    problem = HardProblem.objects.select_for_update().get(pk=problem.pk)
    if problem.state == HardProblem.State.SOLVED:
        raise WorkOrderError(_("This problem is solved: its plan takes no new steps."))
    same = problem.steps.filter(
        title=title, owner=owner, due_on=due_on, done_on=None, is_revisit=False, is_record=False
    ).first()
    if same is not None:
        return same
    step = HardProblemStep.objects.create(
        problem=problem, title=title, owner=owner, due_on=due_on, added_at=timezone.now()
    )
    step_written_given(step=step, user=user)  # its owner told, as a step given later
    return step


@transaction.atomic
def hard_problem_step_done(
    *, step: HardProblemStep, user: User | None, note: str = ""
) -> HardProblemStep:
    """A step of the plan said done, by whom and when, once: a stale page or a second person
    does not write over it (review 32, finding 7). The office says any step done; whoever else
    it was given to (a crew member) their own (walk37, 7). Always a person, who is recorded: a
    system's token may not (walk37, 11)."""
    require_step_done(user, step)
    note = _bounded(_("Note"), note, NOTE_CHARS, "note")
    with transaction.atomic():
        step = HardProblemStep.objects.select_for_update().get(pk=step.pk)
        if step.dropped_at is not None:
            # Closed as no longer needed: never said done over its reason (probe76, 6).
            raise WorkOrderError(
                _("This step was dropped from the plan on %(day)s: it cannot be said done.")
                % {"day": step.done_on}
            )
        if step.done_on is not None:
            raise WorkOrderError(
                _("This step was already said done on %(day)s.") % {"day": step.done_on}
            )
        step.done_on = timezone.localdate()
        step.done_by = user
        step.note = note
        step.save(update_fields=["done_on", "done_by", "note"])
        # Nothing is left to tell of the step given to someone.
        notices_given_settled(step=step, reason=Notification.ReadReason.WORK_DONE)
    return step


def may_say_step_done(user: User | None, step: HardProblemStep) -> bool:
    """Whether ``user`` (a person) may say ``step`` done: the office any step, anyone else who
    may finish steps their own."""
    if user is None:
        return False
    station = step.problem.station_id
    if may(user, station, Do.PROBLEM_MANAGE):
        return True
    return step.owner_id == user.pk and may(user, station, Do.PROBLEM_STEP_OWN)


def require_step_done(user: User | None, step: HardProblemStep) -> None:
    """Raise ``NotAllowed`` with why unless ``user`` may say ``step`` done."""
    if user is None:
        raise NotAllowed(
            _(
                "A step is said done by a person signed in to PowerDesk (its owner, or the "
                "office), who is recorded as having done it: not through a system's API token."
            )
        )
    if not may_say_step_done(user, step):
        raise NotAllowed(_("Only the step's owner, or the office, may say this step done."))


def _revisit_written(
    problem: HardProblem, user: User | None, note: str, *, solves: bool = False
) -> HardProblemStep:
    """A revisit (or, ``solves``, how the problem was solved) recorded today by ``user``, who
    is its owner and who did it (the API's ``done_by``: walk37, 8)."""
    today = timezone.localdate()
    return HardProblemStep.objects.create(
        problem=problem,
        title=_revisit_title(),
        owner=user,
        due_on=today,
        done_on=today,
        done_by=user,
        is_revisit=True,
        solves=solves,
        note=note,
    )


def _revisit_title() -> str:
    """A revisit's step, titled in the station's language (stored)."""
    with station_language():
        return str(REVISIT_TITLE)


@transaction.atomic
def hard_problem_revisit(*, problem: HardProblem, user: User | None, note: str) -> HardProblem:
    """Record a periodic revisit; the next one is planned. A revisit says what it found: an
    empty one would be a row in the plan that tells nothing (walkthrough 29, finding 2)."""
    require(user, problem.station_id, Do.PROBLEM_MANAGE)
    note = _bounded(_("Revisit note"), note, NOTE_CHARS, "note")
    if not note:
        raise ProblemNoteError(_("Say what the revisit found."))
    today = timezone.localdate()
    problem = HardProblem.objects.select_for_update().get(pk=problem.pk)
    if problem.steps.filter(is_revisit=True, owner=user, done_on=today, note=note).exists():
        return problem  # the same revisit sent twice (a double click, a retry): once
    _revisit_written(problem, user, note)
    if problem.state == HardProblem.State.OPEN:  # a solved one has no next revisit
        problem.next_revisit_on = today + dt.timedelta(days=problem.revisit_every_days)
        problem.save(update_fields=["next_revisit_on"])
    return problem


def require_solve(user: User | None, problem: HardProblem) -> None:
    """Raise ``NotAllowed`` with why unless ``user`` may declare ``problem`` solved: the chief,
    a person who is recorded (never a system's token: walk37, 11; walk37, 10)."""
    if user is None:
        raise NotAllowed(
            _(
                "Only the station chief declares a hard problem solved, signed in to PowerDesk "
                "and recorded as having done it: not through a system's API token."
            )
        )
    if not may(user, problem.station_id, Do.PROBLEM_SOLVE):
        raise NotAllowed(_("Only the station chief may declare a hard problem solved."))


@transaction.atomic
def hard_problem_solve(*, problem: HardProblem, user: User | None, note: str = "") -> HardProblem:
    """Mark the problem solved, saying how: the note is recorded as its closing revisit, so a
    solved problem always tells how it was solved (walkthrough 29, finding 2)."""
    require_solve(user, problem)
    problem = HardProblem.objects.select_for_update().get(pk=problem.pk)
    if problem.state == HardProblem.State.SOLVED:
        # A second press, a retry: said, and nothing recorded twice.
        raise WorkOrderError(
            _("This problem was already solved on %(day)s.")
            % {"day": timezone.localdate(problem.solved_at) if problem.solved_at else "—"}
        )
    # A dropped step is closed (its ``done_on`` is the day it was dropped): not in the way.
    still_open = list(
        problem.steps.filter(done_on=None, is_revisit=False, is_record=False).values_list(
            "title", flat=True
        )
    )
    if still_open:
        raise StepsStillOpen(
            _("Some steps of the plan are not done yet: %(steps)s.")
            % {"steps": pgettext("list separator", ", ").join(f"“{t}”" for t in still_open)}
        )
    note = _bounded(_("How it was solved"), note, NOTE_CHARS, "note")
    if not note:
        raise ProblemNoteError(_("Say how the problem was solved."))
    problem.state = HardProblem.State.SOLVED
    problem.solved_at = timezone.now()
    problem.next_revisit_on = None
    problem.save(update_fields=["state", "solved_at", "next_revisit_on"])
    # How it was solved: its closing line, by whom and when (``HardProblem.solution``).
    _revisit_written(problem, user, note, solves=True)
    # Nothing is left to tell of the problem, nor of its steps, given to someone.
    notices_given_settled(
        hard_problem=problem, steps_too=True, reason=Notification.ReadReason.WORK_DONE
    )
    return problem


# -- suggestions and praise -------------------------------------------------------------------
def feedback_from_call(*, call: Call) -> Feedback | None:
    """A call that is a suggestion or praise is collected for review."""
    if call.category not in (Feedback.Kind.SUGGESTION, Feedback.Kind.PRAISE):
        return None
    return Feedback.objects.create(
        station=call.station,
        kind=call.category,
        text=call.text,
        customer=call.customer,
        call=call,
        received_at=call.received_at,
    )
