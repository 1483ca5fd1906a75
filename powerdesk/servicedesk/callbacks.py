"""The callback after a resolved work order: the customer reached gives a score, or says it
is still not fixed (which reopens the order and escalates); one not reached is a line of the
order's history. Atomic and role-checked, as the order's other operations (``services``).

Only "still not fixed" reopens the order (received again, with new deadlines and no crew: for a
fault one is to be sent again; a complaint or a bill goes back to the desk). A score of 1 or 2
with the problem solved (unhappy with the wait, the staff's manner, the bill) leaves the order
done, its callback made, and goes to the station chief (and the order's owner) as an unhappy
customer to review (walk46, 1). Both raise the same kind of notice, which says which came of it
("reopened: still not fixed, a crew to send again", "… the desk takes it up again" or "stays
done: to review": review46, 6; review50, 3); the history lines differ: a reopening writes its
``callback_reopened`` line and the reason as its escalation, a case to review one
``callback_to_review`` line saying the order stays done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.lib.form_text import too_long_refused
from powerdesk.lib.forms import FieldError
from powerdesk.servicedesk.history_notes import note_part, note_said
from powerdesk.servicedesk.models import (
    Callback,
    Category,
    Notification,
    WorkOrder,
    WorkOrderEvent,
)
from powerdesk.servicedesk.models import WorkOrderStatus as S
from powerdesk.servicedesk.order_again import work_order_reopen
from powerdesk.servicedesk.same_try import SAME_TRY_WITHIN, sent_again
from powerdesk.servicedesk.services import order_event
from powerdesk.servicedesk.workflow import WorkOrderError, callback_problem

if TYPE_CHECKING:
    from powerdesk.accounts.models import ApiToken, User
    from powerdesk.outages.models import OutageCallback

__all__ = [
    "COMMENT_CHARS",
    "SAME_TRY_WITHIN",
    "UNHAPPY_SCORE",
    "CallbackCommentError",
    "callback_record",
    "outcome_refused",
]

# A callback's comment, at most: what the customer said, not a document.
COMMENT_CHARS = 1000
# A score this low or lower is an unhappy customer, for the chief to review.
UNHAPPY_SCORE = 2


class CallbackCommentError(WorkOrderError, FieldError):
    """A comment the callback cannot keep (too long, a NUL character), said at the comment."""


def outcome_refused(outcome: str, satisfaction: int | None, still_not_fixed: bool) -> str | None:
    """Why a callback's outcome cannot be recorded as given, None when it can: one of
    ``Callback.Outcome``; a customer reached gives a score from 1 to 5 or says it is still not
    fixed; one not reached (or to call again later) gives neither. The rules of every callback:
    a work order's (``callback_record``) and a household's after an outage
    (``outages.outage_callback_record``)."""
    if outcome not in Callback.Outcome.values:
        return _("Unknown outcome “%(outcome)s”.") % {"outcome": outcome}
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        return _("Satisfaction is a score from 1 to 5.")
    if outcome != Callback.Outcome.REACHED and (satisfaction or still_not_fixed):
        return _("Satisfaction is only asked of a customer who was reached.")
    if outcome == Callback.Outcome.REACHED and satisfaction is None and not still_not_fixed:
        return _("The customer was reached, so record their score from 1 to 5.")
    return None


@transaction.atomic
def callback_record(
    *,
    work_order: WorkOrder,
    user: User | None,
    outcome: str,
    satisfaction: int | None = None,
    still_not_fixed: bool = False,
    comment: str = "",
    settled_by_list: OutageCallback | None = None,
    key: ApiToken | None = None,
) -> Callback:
    """Record a callback; "still not fixed" reopens the order and escalates; a score of 1-2
    with the problem solved escalates to the chief, the order done.

    A customer who was reached gives a score (or says it is still not fixed).

    ``settled_by_list``: the household's callback on an outage's list whose one call records
    this one too (``outages.callbacks_household.list_callback_settles_order``): marked on it,
    the call counted there only; a low score told to the chief once, here (with the score and
    the household's words), not on the list as well (review68 M3).

    ``key``: the API key a system recorded it with (``user`` None), kept as who made it
    (``Callback.by_said``: desk76), as an outage's callback keeps its tries'.
    """
    require(user, work_order.station_id, Do.CALLBACK_RECORD)
    # Locked and read again: a double tap, or two clerks calling back the same customer, record
    # one callback; the second finds the order no longer resolved (reopened or closed).
    work_order = WorkOrder.objects.select_for_update().get(pk=work_order.pk)
    problem = callback_problem(work_order)  # as the order's page offers it
    if problem is not None:
        raise WorkOrderError(problem)
    from powerdesk.outages.selectors import callbacks_on_outage_list, outages_of_order

    if callbacks_on_outage_list(work_order, outages_of_order(work_order)) is not None:
        raise WorkOrderError(
            _(
                "This order has no one of its own to call back: its callers are called back "
                "on the outage's callback list."
            )
        )
    refused = outcome_refused(outcome, satisfaction, still_not_fixed)
    if refused is not None:
        raise WorkOrderError(refused)
    # Bounded here as on the page (the API reached it with 10,000 characters: review 32, 8).
    comment = too_long_refused(
        CallbackCommentError, _("Comment"), comment, COMMENT_CHARS, "comment"
    )
    if outcome != Callback.Outcome.REACHED:
        # The same try sent again answers the first (``same_try``: the one guard).
        earlier = sent_again(
            Callback.objects.filter(work_order=work_order),
            at="at", by=user, by_key=key, outcome=outcome, comment=comment,
        )  # fmt: skip
        if earlier is not None:
            return earlier
    callback = Callback.objects.create(
        work_order=work_order,
        at=timezone.now(),
        by=user,
        by_key=key,
        outcome=outcome,
        satisfaction=satisfaction,
        still_not_fixed=still_not_fixed,
        comment=comment,
    )
    if settled_by_list is not None:
        settled_by_list.order_settled = callback
        settled_by_list.save(update_fields=["order_settled"])
    if outcome == Callback.Outcome.REACHED:
        unhappy = satisfaction is not None and satisfaction <= UNHAPPY_SCORE
        if still_not_fixed:
            # Not solved: reopened (a crew again, a new deadline) and the chief told.
            why = None if comment else note_said("callback_still_not_fixed")
            reason: str | dict[str, Any] = comment
            if why is not None:
                reason = note_part(why["note_code"], **why["note_args"])
            reopened = note_said("callback_reopened", reason=reason)
            work_order_reopen(
                work_order=work_order, reason=reopened["note"], user=user, said=reopened, key=key
            )
            _escalate(callback, why)
        else:
            _power_back_from_callback(callback)
            # outages reads servicedesk: the household's place on its outages' lists is settled
            # by this one call (one callback per household, walk67 M2).
            from powerdesk.outages.callbacks_household import order_callback_settles_list

            order_callback_settles_list(work_order, user, callback)
            previous = work_order.status
            work_order.status = S.CALLBACK_DONE
            work_order.save(update_fields=["status"])
            order_event(
                work_order,
                user,
                WorkOrderEvent.Kind.STATUS,
                from_status=previous,
                to_status=S.CALLBACK_DONE,
                note=comment,
                key=key,
            )
            from powerdesk.servicedesk.notices import notices_given_settled

            # Its callback made: nothing is left to tell of the order given to someone.
            notices_given_settled(work_order=work_order, reason=Notification.ReadReason.WORK_DONE)
            if unhappy:
                # Solved, but unhappy (the wait, the staff's manner): the order stays done; the
                # chief reviews it from the notice, the history saying why and that it stays done.
                why = None if comment else note_said("callback_score", n=satisfaction)
                words = callback.comment
                if settled_by_list is not None:
                    # The call was the list's: its score, and the household's words there.
                    why = note_said("callback_score", n=satisfaction)
                    words = settled_by_list.note
                said: str | dict[str, Any] = comment
                if why is not None:
                    said = note_part(why["note_code"], **why["note_args"])
                _escalate(
                    callback, why, line=note_said("callback_to_review", reason=said), words=words
                )
    else:
        said = note_said(f"callback_{outcome}", comment=comment.strip() or "—")
        order_event(work_order, user, WorkOrderEvent.Kind.NOTE, said=said, key=key)
    return callback


def _escalate(
    callback: Callback,
    why: dict[str, Any] | None,
    *,
    line: dict[str, Any] | None = None,
    words: str | None = None,
) -> None:
    """The unhappy callback as a line of the order's history (``line``, else the reason) and a
    notice to the chief and the owner: the customer's words (``words``, else the comment),
    else why as data ("still not fixed", "score 2"); both for a call made on an outage's list
    (the score, and the words said there)."""
    order = callback.work_order
    said = line or why
    order_event(
        order,
        callback.by,
        WorkOrderEvent.Kind.ESCALATED,
        note=callback.comment,
        said=said,
        key=callback.by_key,
    )
    from powerdesk.servicedesk.escalation import escalate_unhappy_callback

    escalate_unhappy_callback(
        callback=callback, reason=callback.comment if words is None else words, said=why
    )


def _power_back_from_callback(callback: Callback) -> None:
    """A customer reached after a fault repair, fixed, says power is on: the engine hears it."""
    order = callback.work_order
    if order.category != Category.FAULT_REPAIR or order.customer is None:
        return
    from powerdesk.outages.desk_signals import power_back_reported

    power_back_reported(
        station=order.station,
        customers=[order.customer],
        at=callback.at,
        source="staff",
        key=f"callback-{callback.pk}",
    )
