"""What the JSON API takes and gives for hard problems (难点问题) and the steps of their plans."""

import datetime as dt
from enum import StrEnum
from typing import Annotated

from ninja import Field, Schema
from pydantic import BeforeValidator, StrictInt, StringConstraints

from powerdesk.lib.written_time import written_day
from powerdesk.servicedesk.api_schemas import MAX_ID, InSchema, NoNul, Typed
from powerdesk.servicedesk.followup import (
    DESCRIPTION_CHARS,
    NOTE_CHARS,
    PROBLEM_TITLE_CHARS,
    STEP_TITLE_CHARS,
)
from powerdesk.servicedesk.models import HardProblem, HardProblemStep


class HardProblemOut(Schema):
    id: int
    title: str
    state: str
    opened_at: dt.datetime
    owner: str | None = Field(
        None, description="the username of the person who owns it; null: without an owner"
    )
    steps_done: int = Field(description="the steps of its plan done (not its revisits or records)")
    steps_total: int = Field(description="the steps of its plan still in it (not dropped)")
    steps_dropped: int = Field(
        description="the steps dropped from its plan as no longer needed (each with its reason)"
    )

    @staticmethod
    def resolve_owner(problem: HardProblem) -> str | None:
        return problem.owner.get_username() if problem.owner else None

    # A list's problems come counted (``selectors.hard_problems_listed``); one alone counts here.
    @staticmethod
    def resolve_steps_done(problem: HardProblem) -> int:
        counted = problem.__dict__.get("steps_done")
        if counted is not None:
            return int(counted)
        return problem.steps.filter(
            is_revisit=False, is_record=False, done_on__isnull=False, dropped_at=None
        ).count()

    @staticmethod
    def resolve_steps_total(problem: HardProblem) -> int:
        counted = problem.__dict__.get("steps_total")
        if counted is not None:
            return int(counted)
        return problem.steps.filter(is_revisit=False, is_record=False, dropped_at=None).count()

    @staticmethod
    def resolve_steps_dropped(problem: HardProblem) -> int:
        counted = problem.__dict__.get("steps_dropped")
        if counted is not None:
            return int(counted)
        return problem.steps.filter(
            is_revisit=False, is_record=False, dropped_at__isnull=False
        ).count()


__all__ = [
    "HardProblemDetailOut",
    "HardProblemIn",
    "ProblemFilter",
    "ProblemNoteIn",
    "ProblemStepIn",
    "ProblemStepOut",
]

Username = Annotated[str, StringConstraints(max_length=150), NoNul]

# A day written as a day, of the calendar (``lib/written_time``).
Day = Annotated[dt.date, BeforeValidator(written_day)]


class ProblemFilter(StrEnum):
    open = "open"
    solved = "solved"
    all = "all"


class ProblemStepOut(Schema):
    """A step of a problem's plan, a revisit, or a line of its record (a new owner, work handed
    back: ``kind``)."""

    id: int
    kind: str = Field(
        description="step: a step of the plan (counted in its progress); dropped: a step of the "
        "plan dropped as no longer needed (dropped_at: when, dropped_by: who, note: why; its "
        "done_on and done_by null: never done); revisit: a periodic check; solved: how it was "
        "solved (its closing line: done_on, done_by, note); record: a line of its record (a new "
        "owner, handed back)"
    )
    title: str = Field(description="as typed; a revisit's in the reader's language")
    owner: str | None = Field(None, description="the username of its owner; null: nobody yet")
    due_on: dt.date | None = None
    done_on: dt.date | None = Field(None, description="null: not done yet")
    done_by: str | None = Field(
        None,
        description="the username of who said it done (of a revisit: who recorded it); null: "
        "not done, or done before it was kept",
    )
    dropped_at: dt.datetime | None = Field(
        None, description="when it was dropped from the plan; null: not dropped"
    )
    dropped_by: str | None = Field(
        None, description="the username of who dropped it from the plan; null: not dropped"
    )
    note: str

    @staticmethod
    def resolve_kind(step: HardProblemStep) -> str:
        if step.solves:
            return "solved"
        if step.dropped_at is not None:
            return "dropped"
        return "revisit" if step.is_revisit else "record" if step.is_record else "step"

    @staticmethod
    def resolve_title(step: HardProblemStep) -> str:
        return step.title_shown

    @staticmethod
    def resolve_owner(step: HardProblemStep) -> str | None:
        return step.owner.get_username() if step.owner else None

    @staticmethod
    def resolve_done_on(step: HardProblemStep) -> dt.date | None:
        # A dropped step was never done (walk77: a client reading done_on counted it done).
        return None if step.dropped_at is not None else step.done_on

    @staticmethod
    def resolve_dropped_by(step: HardProblemStep) -> str | None:
        if step.dropped_at is None or step.done_by is None:
            return None
        return step.done_by.get_username()

    @staticmethod
    def resolve_done_by(step: HardProblemStep) -> str | None:
        if step.dropped_at is not None:
            return None
        # A revisit recorded before ``done_by`` was written for it was done by its owner.
        who = step.done_by or (step.owner if step.is_revisit else None)
        return who.get_username() if who else None


class HardProblemDetailOut(HardProblemOut):
    """A hard problem with its plan, revisits and record, in the order its page lists them."""

    description: str
    village: str | None = Field(None, description="the village committee's name, if one")
    revisit_every_days: int
    next_revisit_on: dt.date | None = Field(None, description="null: solved")
    solved_at: dt.datetime | None = None
    solved_by: str | None = Field(None, description="the username of who declared it solved")
    solution: str = Field("", description="how it was solved (its closing note); empty: open")
    steps: list[ProblemStepOut]

    @staticmethod
    def resolve_village(problem: HardProblem) -> str | None:
        return problem.village.name if problem.village else None

    @staticmethod
    def resolve_solved_by(problem: HardProblem) -> str | None:
        solution = problem.solution
        who = (solution.done_by or solution.owner) if solution is not None else None
        return who.get_username() if who else None

    @staticmethod
    def resolve_solution(problem: HardProblem) -> str:
        solution = problem.solution
        return solution.note if solution is not None else ""

    @staticmethod
    def resolve_steps(problem: HardProblem) -> list[HardProblemStep]:
        return list(problem.steps.select_related("owner", "done_by"))


class HardProblemIn(InSchema):
    title: Annotated[
        str, StringConstraints(min_length=1, max_length=PROBLEM_TITLE_CHARS), NoNul, Typed
    ]
    description: Annotated[str, StringConstraints(max_length=DESCRIPTION_CHARS), NoNul, Typed] = ""
    village_id: StrictInt | None = Field(
        None, ge=1, le=MAX_ID, description="the village committee it concerns, if one"
    )


class ProblemStepIn(InSchema):
    title: Annotated[
        str, StringConstraints(min_length=1, max_length=STEP_TITLE_CHARS), NoNul, Typed
    ]
    owner: Username = Field(
        "",
        description="the username of who does it (someone who opens hard problems); empty: "
        "nobody yet",
    )
    due_on: Day | None = Field(
        None,
        description="a day (YYYY-MM-DD, no time) from the station's today, at most three years "
        "ahead; null: no date",
    )


class ProblemNoteIn(InSchema):
    note: Annotated[str, StringConstraints(max_length=NOTE_CHARS), NoNul, Typed] = ""
