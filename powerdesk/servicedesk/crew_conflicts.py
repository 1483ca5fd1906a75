"""Why the station would not take a step a crew kept on its phone without signal, in the words
of what happened meanwhile ("所里已于 05:50 登记复电"), not of the order's state machine ("“已处理”
的工单不能变为“在途”"). The crew was out of reach while the office moved on: the refusal says
what the office did, when, and that the step is no longer needed.

A step for a job that was never the crew's (another crew's order, or an id made up) is refused
saying only that (``NOT_YOURS``): nothing of another crew's job — its number, its crew, its
state, who did what on it — is told, and it reads as an id that does not exist.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.models import WorkOrderStatus as S

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.outages.models import Outage

__all__ = ["meanwhile", "never_the_crews", "not_yours", "refusal_meanwhile"]

_DONE = (S.RESOLVED, S.CALLBACK_DONE, S.CLOSED)


def not_yours() -> str:
    """The whole refusal of a step for a job that was never the crew's."""
    return _("This job is not your crew's.")


def never_the_crews(order: WorkOrder, user: User) -> bool:
    """Whether ``user`` may not take steps on ``order`` and never could: it is not their crew's
    job now and was never sent to their crew (a job given to another crew meanwhile was theirs:
    what happened is said, ``meanwhile``)."""
    from powerdesk.accounts.models import Crew
    from powerdesk.accounts.permissions import Do
    from powerdesk.servicedesk.workflow import may_on_order

    if may_on_order(user, order, Do.ORDER_FIELD_STEP):
        return False
    from powerdesk.servicedesk.services import DISPATCHED_CREW

    theirs = Crew.objects.filter(station_id=order.station_id).filter(
        Q(members=user) | Q(leader=user)
    )
    crews = list(theirs.values_list("pk", "name").distinct())
    # A dispatch's line of the history holds the id of the crew sent (``work_order_dispatch``):
    # a crew renamed since is still the one that was sent. A line from before the id was kept
    # names it only (its name then).
    by_id = Q(**{f"note_args__{DISPATCHED_CREW}__in": [pk for pk, _name in crews]})
    by_name = ~Q(note_args__has_key=DISPATCHED_CREW) & Q(note__in=[name for _pk, name in crews])
    sent = order.events.filter(kind=WorkOrderEvent.Kind.DISPATCHED)
    return not sent.filter(by_id | by_name).exists()


def refusal_meanwhile(order: WorkOrder, user: User, *, denied: bool) -> tuple[str, str] | None:
    """``(meanwhile, reason)`` when what happened to the job meanwhile explains a refusal (it
    was done, or — ``denied``: refused as not the user's — given to another crew); None when it
    does not (the refusal's own reason stands)."""
    said = meanwhile(order, user, moved_too=denied)
    if said is None:
        return None
    fact, moved = said
    if moved:
        return fact, _("%(meanwhile)s: this step is no longer yours to record.") % {
            "meanwhile": fact
        }
    return fact, _("%(meanwhile)s: this step is no longer needed.") % {"meanwhile": fact}


def meanwhile(order: WorkOrder, user: User, *, moved_too: bool = True) -> tuple[str, bool] | None:
    """What was done to ``order`` that ``user``'s phone did not know: ``(words, moved)``, where
    ``moved`` says the job went to another crew (looked for with ``moved_too``). None while the
    job is still open (and the crew's)."""
    if order.status in _DONE:
        event = (
            order.events.filter(kind=WorkOrderEvent.Kind.STATUS, to_status=S.RESOLVED)
            .select_related("by")
            .order_by("-at", "-pk")
            .first()
        )
        at = order.resolved_at or (event.at if event is not None else order.created_at)
        words = {"who": _who(event.by if event else None, order, user), "time": _time(at)}
        outage = _outage_over(order)
        if outage is not None and outage.status == outage.Status.CANCELLED:
            return _("%(who)s called off the planned outage at %(time)s") % words, False
        if outage is not None:
            return _("%(who)s recorded power back at %(time)s") % words, False
        return _("%(who)s recorded the job done at %(time)s") % words, False
    if moved_too and (order.crew is None or not _is_member(user, order)):
        event = (
            order.events.filter(kind=WorkOrderEvent.Kind.DISPATCHED)
            .select_related("by")
            .order_by("-at", "-pk")
            .first()
        )
        at = event.at if event is not None else timezone.now()
        words = {"who": _who(event.by if event else None, order, user), "time": _time(at)}
        if order.crew is None:
            return _("%(who)s took the job back at %(time)s") % words, True
        words["crew"] = order.crew.name
        return _("%(who)s gave the job to %(crew)s at %(time)s") % words, True
    return None


def _outage_over(order: WorkOrder) -> Outage | None:
    """The outage the job was joined to, over since: power back, or the planned work off."""
    from powerdesk.outages.models import Outage

    over = (Outage.Status.RESTORED, Outage.Status.CANCELLED)
    return Outage.objects.filter(link__work_orders=order, status__in=over).first()


def _is_member(user: User, order: WorkOrder) -> bool:
    from powerdesk.accounts.crews import is_member

    return order.crew is not None and is_member(user, order.crew)


def _who(by: User | None, order: WorkOrder, user: User) -> str:
    """The office, or the crewmate who did it from another phone (a member of the crew the job
    went to since is not named to ``user``)."""
    if by is None:
        return _("The system")
    if order.crew is not None and _is_member(by, order):
        return str(by) if _is_member(user, order) else _("Another crew")
    return _("The office")


def _time(at: dt.datetime) -> str:
    local = timezone.localtime(at)
    if local.date() == timezone.localdate():
        return f"{local:%H:%M}"
    return f"{local:%m-%d %H:%M}"
