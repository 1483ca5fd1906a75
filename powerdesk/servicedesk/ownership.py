"""Work without an owner taken (我来负责) or given to someone: a work order, a hard problem or a
step of its plan, left without an owner by a liaison's report or handed back as its owner's work
at the station ended (``handback``).

Whoever of the office may own such work takes it as their own (``work.take``: counter,
dispatcher, chief); the dispatcher and the chief give it to someone who may own it
(``work.assign``). Only work still without an owner: what someone took meanwhile is refused,
naming who has it and since when, never written over; the same press sent twice (a double
click, a page sent again) finds it already its person's and changes nothing. Each change is a
line of the item's own history (the order's; the problem's plan, where its revisits and its
handing back are kept) and of the audit trail (``OwnerChange``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerdesk.accounts.models import User
from powerdesk.accounts.permissions import MATRIX, Do, NotAllowed, require
from powerdesk.lib.language import station_language
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import (
    HardProblem,
    HardProblemStep,
    Notification,
    OwnerChange,
    WorkOrder,
    WorkOrderEvent,
)
from powerdesk.servicedesk.models.status import UNFINISHED
from powerdesk.servicedesk.notices import given_key, notices_given_settled
from powerdesk.servicedesk.services import order_event
from powerdesk.servicedesk.workflow import WorkOrderError

if TYPE_CHECKING:
    import datetime as dt

    from django.db.models import Model, QuerySet

    from powerdesk.accounts.models import Station

__all__ = [
    "OWNER_TITLE",
    "AlreadyOwned",
    "OwnerError",
    "hard_problem_owner_set",
    "owners_for",
    "step_owner_set",
    "work_order_owner_set",
]

K = OwnerChange.Kind
R = Notification.ReadReason

# The title of the line a hard problem's plan keeps of a new owner (in the station's language).
OWNER_TITLE = gettext_lazy("New owner")


class OwnerError(WorkOrderError):
    """The person chosen may not own this kind of work here: said at the field ``owner``."""

    field = "owner"


class AlreadyOwned(WorkOrderError):
    """Someone has the work already (taken or given meanwhile): nothing was changed. Says who
    (``holder``) and since when (``since``: their latest taking or giving of it, None when it
    was theirs from the start), for the API's answer."""

    def __init__(
        self, message: str, *, holder: User | None = None, since: dt.datetime | None = None
    ) -> None:
        super().__init__(message)
        self.holder, self.since = holder, since


def owners_for(station: Station | int, kind: str) -> QuerySet[User]:
    """Who may own work of ``kind`` at ``station``: its active people of the office (counter,
    dispatcher, chief); a step, as when a step is added, anyone who opens the hard problem's
    page (``followup.step_owners``)."""
    if kind == K.STEP:
        from powerdesk.servicedesk.followup import step_owners

        return step_owners(station).order_by("full_name", "username")
    return (
        User.objects.filter(
            is_active=True,
            memberships__station=station,
            memberships__role__in=MATRIX[Do.WORK_TAKE],
        )
        .distinct()
        .order_by("full_name", "username")
    )


def _checked(station_id: int, kind: str, user: User | None, owner: User | None) -> User:
    """Who is to own it, once ``user`` may: themselves (``work.take``) or another
    (``work.assign``), someone who may own ``kind`` here."""
    if owner is None:
        if user is None:
            raise OwnerError(_("Choose who is to own it."))
        owner = user
    require(user, station_id, Do.WORK_TAKE if user and owner.pk == user.pk else Do.WORK_ASSIGN)
    if not owners_for(station_id, kind).filter(pk=owner.pk).exists():
        if user is not None and owner.pk == user.pk:
            raise NotAllowed(_("Your role at this station does not allow this."))
        raise OwnerError(
            _("%(person)s cannot own this at this station: choose someone who can.")
            % {"person": owner}
        )
    return owner


def _refuse_owned(kind: str, held_by: User | None, item: dict[str, object]) -> None:
    """Refused, naming who has it and since when (the latest taking or giving of it)."""
    since = OwnerChange.objects.filter(**item).order_by("-at", "-pk").first()
    what = K(kind).label
    if since is not None and since.owner_id == getattr(held_by, "pk", None):
        raise AlreadyOwned(
            _(
                "%(person)s has had this %(what)s since %(time)s (taken or given meanwhile): "
                "nothing was changed."
            )
            % {
                "person": held_by,
                "what": what,
                "time": timezone.localtime(since.at).strftime("%m-%d %H:%M"),
            },
            holder=held_by,
            since=since.at,
        )
    raise AlreadyOwned(
        _("This %(what)s is %(person)s's already: nothing was changed.")
        % {"person": held_by, "what": what},
        holder=held_by,
    )


def _recorded(
    station_id: int, kind: str, user: User | None, owner: User, named: str, **item: object
) -> OwnerChange:
    return OwnerChange.objects.create(
        station_id=station_id,
        at=timezone.now(),
        by=user,
        owner=owner,
        kind=kind,
        named=named[:250],
        **item,
    )


@transaction.atomic
def work_order_owner_set(
    *, work_order: WorkOrder, user: User | None, owner: User | None = None
) -> WorkOrder:
    """``user`` takes the order (``owner`` None or themselves), or gives it to ``owner``: only
    an order still to finish (a callback still to make too) and without an owner."""
    owner = _checked(work_order.station_id, K.ORDER, user, owner)
    order = WorkOrder.objects.select_for_update().get(pk=work_order.pk)
    if order.owner_id == owner.pk:
        return order  # sent twice: it is theirs already
    if order.status not in UNFINISHED:
        raise WorkOrderError(_("This work order is finished: there is nothing to take on."))
    if order.owner_id is not None:
        _refuse_owned(K.ORDER, order.owner, {"work_order": order})
    order.owner = owner
    order.save(update_fields=["owner"])
    code = "owner_taken" if user is not None and owner.pk == user.pk else "owner_given"
    order_event(order, user, WorkOrderEvent.Kind.ASSIGNED, said=note_said(code, person=str(owner)))
    change = _recorded(
        order.station_id,
        K.ORDER,
        user,
        owner,
        f"{order.number} {order.summary}",
        work_order=order,
    )
    notices_given_settled(work_order=order, keep_owner_id=owner.pk, reason=R.OWNER_CHANGED)
    _tell_given(
        change,
        order,
        facts={"number": order.number, "title": order.summary[:60]},
        links={"work_order": order.pk},
    )
    return order


@transaction.atomic
def hard_problem_owner_set(
    *, problem: HardProblem, user: User | None, owner: User | None = None
) -> HardProblem:
    """``user`` takes the open hard problem, or gives it to ``owner``; a line of its plan says
    so."""
    owner = _checked(problem.station_id, K.PROBLEM, user, owner)
    row = HardProblem.objects.select_for_update().get(pk=problem.pk)
    if row.owner_id == owner.pk:
        return row
    if row.state != HardProblem.State.OPEN:
        raise WorkOrderError(_("This hard problem is solved: there is nothing to take on."))
    if row.owner_id is not None:
        _refuse_owned(K.PROBLEM, row.owner, {"problem": row})
    row.owner = owner
    row.save(update_fields=["owner"])
    _plan_line(row, user, owner, None)
    change = _recorded(row.station_id, K.PROBLEM, user, owner, row.title, problem=row)
    notices_given_settled(hard_problem=row, keep_owner_id=owner.pk, reason=R.OWNER_CHANGED)
    _tell_given(change, row, facts={"title": row.title[:60]}, links={"hard_problem": row.pk})
    return row


@transaction.atomic
def step_owner_set(
    *, step: HardProblemStep, user: User | None, owner: User | None = None
) -> HardProblemStep:
    """``user`` takes a step of an open problem's plan not yet done, or gives it to ``owner``."""
    station_id = step.problem.station_id
    owner = _checked(station_id, K.STEP, user, owner)
    row = HardProblemStep.objects.select_for_update().get(pk=step.pk)
    if row.owner_id == owner.pk:
        return row
    if row.done_on is not None or step.problem.state != HardProblem.State.OPEN:
        raise WorkOrderError(_("This step is done: there is nothing to take on."))
    if row.owner_id is not None:
        _refuse_owned(K.STEP, row.owner, {"step": row})
    row.owner = owner
    row.save(update_fields=["owner"])
    _plan_line(step.problem, user, owner, row)
    change = _recorded(station_id, K.STEP, user, owner, row.title, step=row, problem=step.problem)
    notices_given_settled(step=row, keep_owner_id=owner.pk, reason=R.OWNER_CHANGED)
    _tell_given(
        change,
        row,
        facts={"title": row.title[:60], "problem": step.problem.title[:60]},
        links={"hard_problem": step.problem_id},
    )
    return row


def step_written_given(*, step: HardProblemStep, user: User | None) -> None:
    """A step written with its owner: the giving recorded (by whom and since when, as a step
    given later) and the person told, unless they wrote their own step."""
    if step.owner is None:
        return
    problem = step.problem
    change = _recorded(
        problem.station_id, K.STEP, user, step.owner, step.title, step=step, problem=problem
    )
    _tell_given(
        change,
        step,
        facts={"title": step.title[:60], "problem": problem.title[:60]},
        links={"hard_problem": problem.pk},
    )


def _tell_given(
    change: OwnerChange, item: Model, *, facts: dict[str, str], links: dict[str, int]
) -> None:
    """The person given the work is told in PowerDesk: what, by whom, with a link; not someone
    who took it themselves. Once per giving (``notices.given_key``)."""
    if change.by_id is not None and change.by_id == change.owner_id:
        return
    from powerdesk.notifications.staff_notices import notify_work_given

    item_pk = change.work_order_id or change.step_id or change.problem_id
    assert item_pk is not None and change.owner_id is not None  # each change names both
    notify_work_given(
        station=change.station,
        owner_id=change.owner_id,
        by=change.by,
        key=given_key(change.kind, item_pk, change.pk),
        what=change.kind,
        facts=facts,
        links=links,
        subject=item,
    )


def _plan_line(
    problem: HardProblem, user: User | None, owner: User, step: HardProblemStep | None
) -> HardProblemStep:
    """The line of the problem's plan that says who owns it (or a step of it) now, by whom;
    stored in the station's language, as the plan's words are."""
    today = timezone.localdate()
    with station_language():
        args = {"person": str(owner), "by": str(user or _("the system"))}
        args["step"] = step.title if step is not None else ""
        took = user is not None and owner.pk == user.pk
        if step is None:
            note = _("%(person)s took the problem on.") if took else None
            note = note or _("%(by)s gave the problem to %(person)s.")
        else:
            note = _("%(person)s took on the step “%(step)s”.") if took else None
            note = note or _("%(by)s gave the step “%(step)s” to %(person)s.")
        return HardProblemStep.objects.create(
            problem=problem,
            title=str(OWNER_TITLE),
            owner=owner,
            due_on=today,
            done_on=today,
            done_by=user,
            is_record=True,
            note=note % args,
        )
