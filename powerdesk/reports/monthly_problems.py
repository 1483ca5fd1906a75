"""The hard problems still open at a month's end, as they stood then (walk74, 4): a report sent
to the county reads the same when it is downloaded again after later work.

Steps are counted as the plan had them at the month's end: added by then (a step with no
``added_at``, kept before it was recorded, always), done by then (``done_on`` before the first
day of the next month), dropped by then apart. The next revisit is the one the last revisit
before the month's end planned (the day it was made and the problem's interval), or, with no
revisit yet, the one planned when the problem was opened.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from powerdesk.servicedesk.models import HardProblem, HardProblemStep

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station

__all__ = ["problems_open_at"]


def problems_open_at(station: Station, end: dt.datetime) -> tuple[HardProblem, ...]:
    """The problems opened before ``end`` and not solved by then, each with ``steps_total``,
    ``steps_done``, ``steps_dropped`` and ``next_revisit_on`` as they were at ``end``."""
    problems = list(
        HardProblem.objects.for_station(station)
        .filter(opened_at__lt=end)
        .filter(Q(solved_at__isnull=True) | Q(solved_at__gte=end))
        .select_related("village", "owner")
        .order_by("opened_at", "pk")
    )
    last_day = timezone.localtime(end).date()  # the first day after the month
    steps = HardProblemStep.objects.filter(problem__in=problems).filter(
        Q(added_at__isnull=True) | Q(added_at__lt=end)
    )
    by_problem: dict[int, list[HardProblemStep]] = {}
    for step in steps.order_by("pk"):
        by_problem.setdefault(step.problem_id, []).append(step)
    for problem in problems:
        total = done = dropped = 0
        last_revisit: dt.date | None = None
        for step in by_problem.get(problem.pk, []):
            closed = step.done_on is not None and step.done_on < last_day
            if step.is_revisit:
                if closed and not step.solves and step.done_on is not None:
                    last_revisit = max(last_revisit or step.done_on, step.done_on)
                continue
            if step.is_record:
                continue
            if closed and step.dropped_at is not None:
                dropped += 1
                continue
            total += 1
            done += closed
        since = last_revisit or timezone.localtime(problem.opened_at).date()
        problem.steps_total = total  # type: ignore[attr-defined]
        problem.steps_done = done  # type: ignore[attr-defined]
        problem.steps_dropped = dropped  # type: ignore[attr-defined]
        problem.next_revisit_on = since + dt.timedelta(days=problem.revisit_every_days)
    return tuple(problems)
