"""The open work a person holds at a station, and that work handed back to the station when their
work there ends (``accounts.staff.membership_end``; review 33, finding 1).

What a person holds: the work orders they own still to finish — open, or resolved with the
callback still to make (the callback is the owner's) — the open hard problems they own, and the
steps of a plan they own not yet done; and the outreach visits still planned with them among
the staff, which they are taken off. Handed back, each has no owner: it is the station's again,
in the desk's list of work with no owner (``work_orders_listed(show="unowned")``, the hard
problems' list), its escalations told to the chief alone; each keeps a line of its own history
saying who handed it back, when and why (an order's history; a hard problem's plan, where its
revisits are kept too). Nothing else of it changes: its crew, deadlines and calls stay.

The promises they made are shown too: a promise has no owner (it is the desk's, on the promises
page), so it stays as it is; its reminders go to the chief, since a person whose work at the
station ended is told nothing more of it (``notifications.audience.staff``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from powerdesk.lib.language import station_language
from powerdesk.outreach.models import OutreachVisit, OutreachVisitEvent
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import (
    HardProblem,
    HardProblemStep,
    Promise,
    WorkOrder,
    WorkOrderEvent,
)
from powerdesk.servicedesk.models.status import UNFINISHED
from powerdesk.servicedesk.notices import notices_given_handed_back
from powerdesk.servicedesk.services import order_event

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from powerdesk.accounts.models import Station, User

__all__ = [
    "HANDED_BACK_TITLE",
    "HeldWork",
    "work_hand_back",
    "work_held",
]

# The title of the line a hard problem's plan keeps of it (stored in the station's language).
HANDED_BACK_TITLE = _("Handed back to the station")


@dataclass
class HeldWork:
    """What a person holds at a station, each kind oldest first."""

    orders: list[WorkOrder] = field(default_factory=list)
    problems: list[HardProblem] = field(default_factory=list)
    steps: list[HardProblemStep] = field(default_factory=list)
    # Made by them, still open: shown, not handed back (a promise has no owner).
    promises: list[Promise] = field(default_factory=list)
    # Outreach visits still planned with them among the staff: they are taken off them.
    visits: list[OutreachVisit] = field(default_factory=list)

    @property
    def handed(self) -> int:
        """How many of them are handed back (the promises stay as they are)."""
        return len(self.orders) + len(self.problems) + len(self.steps) + len(self.visits)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "orders": len(self.orders),
            "problems": len(self.problems),
            "steps": len(self.steps),
            "visits": len(self.visits),
            "promises": len(self.promises),
        }


def _orders(station: Station, person: User) -> QuerySet[WorkOrder]:
    return WorkOrder.objects.filter(station=station, owner=person, status__in=UNFINISHED)


def _problems(station: Station, person: User) -> QuerySet[HardProblem]:
    return HardProblem.objects.filter(station=station, owner=person, state=HardProblem.State.OPEN)


def _steps(station: Station, person: User) -> QuerySet[HardProblemStep]:
    return HardProblemStep.objects.filter(problem__station=station, owner=person, done_on=None)


def _promises(station: Station, person: User) -> list[Promise]:
    return list(
        Promise.objects.filter(station=station, made_by=person, state=Promise.State.OPEN)
        .select_related("work_order")
        .order_by("due_at", "pk")
    )


def _visits(station: Station, person: User) -> QuerySet[OutreachVisit]:
    return OutreachVisit.objects.filter(
        station=station, staff=person, status=OutreachVisit.Status.PLANNED
    )


def work_held(station: Station, person: User) -> HeldWork:
    """The open work ``person`` holds at ``station`` (five queries)."""
    return HeldWork(
        orders=list(_orders(station, person).order_by("created_at", "pk")),
        problems=list(_problems(station, person).order_by("opened_at", "pk")),
        steps=list(_steps(station, person).select_related("problem").order_by("due_on", "pk")),
        promises=_promises(station, person),
        visits=list(_visits(station, person).order_by("date", "pk")),
    )


def work_hand_back(*, station: Station, person: User, by: User | None, reason: str) -> HeldWork:
    """Hand the work ``person`` holds at ``station`` back to the station: no owner, and a line in
    each one's history saying who handed it back and why. Inside the caller's transaction, which
    checked who may (``staff.end``); the rows are locked as they are changed, so an order taken
    meanwhile is counted as it is. Returns what was handed back (and the promises, as they are)."""
    now = timezone.now()
    name = str(person)
    # What they were given goes back with the rest: nothing more of it is told to them.
    notices_given_handed_back(station=station, person=person)
    # Locked without a join (PostgreSQL refuses FOR UPDATE on the nullable side of one).
    orders = list(_orders(station, person).select_for_update().order_by("created_at", "pk"))
    for order in orders:
        order.owner = None
        order.save(update_fields=["owner"])
        order_event(
            order,
            by,
            WorkOrderEvent.Kind.ASSIGNED,
            at=now,
            said=note_said("handed_back", person=name, reason=reason),
        )
    problems = list(_problems(station, person).select_for_update().order_by("opened_at", "pk"))
    steps = list(_steps(station, person).select_for_update(of=("self",)).order_by("due_on", "pk"))
    HardProblem.objects.filter(pk__in=[p.pk for p in problems]).update(owner=None)
    HardProblemStep.objects.filter(pk__in=[s.pk for s in steps]).update(owner=None)
    # One line in each plan touched: the problem itself, or a step of it, handed back.
    touched = {p.pk for p in problems} | {s.problem_id for s in steps}
    today = timezone.localdate(now)
    with station_language():
        title = str(HANDED_BACK_TITLE)
    for problem_id in sorted(touched):
        mine = [s for s in steps if s.problem_id == problem_id]
        HardProblemStep.objects.create(
            problem_id=problem_id,
            title=title,
            owner=None,
            due_on=today,
            done_on=today,
            done_by=by,
            is_record=True,
            note=_handed_note(name, reason, problem_id in {p.pk for p in problems}, mine),
        )
    # A planned outreach visit goes ahead with the rest of its staff; its history says who
    # was taken off it, when and by whom (the reason is the ending's, in the audit trail).
    visits = list(_visits(station, person).select_for_update(of=("self",)).order_by("date", "pk"))
    for visit in visits:
        visit.staff.remove(person)
        OutreachVisitEvent.objects.create(
            visit=visit, at=now, by=by, what="staff", **note_said("visit_staff_left", person=name)
        )
    return HeldWork(orders, problems, steps, _promises(station, person), visits)


def _handed_note(name: str, reason: str, problem: bool, steps: list[HardProblemStep]) -> str:
    """What the plan's line says (stored in the station's language, as the plan's words are)."""
    from django.utils.translation import gettext, ngettext

    with station_language():
        parts = []
        if problem:
            parts.append(gettext("the problem"))
        if steps:
            parts.append(
                ngettext("%(n)d step: %(titles)s", "%(n)d steps: %(titles)s", len(steps))
                % {"n": len(steps), "titles": "; ".join(s.title for s in steps)}
            )
        return gettext(
            "%(person)s's work at the station ended (%(reason)s): %(what)s handed back, without "
            "an owner now."
        ) % {"person": name, "reason": reason, "what": "; ".join(parts)}
