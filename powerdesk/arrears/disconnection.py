"""The end of an arrears case: the station chief's approval, the disconnection carried out (after
the notice period, in the daytime), and the payment that closes it (and orders the reconnection)
(split out of ``services``, which still gives every name)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from powerdesk.accounts.permissions import Do, NotAllowed, may, require
from powerdesk.arrears.blocks import block_of
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.repeats import person_needed
from powerdesk.arrears.step_rules import (
    REASON_CHARS,
    ArrearsError,
    Stage,
    _advance,
    _bounded,
    _done_already,
    _event,
    _not_closed,
)
from powerdesk.arrears.vulnerable import blocking_words
from powerdesk.lib.language import station_language
from powerdesk.servicedesk.deadlines import policy_for
from powerdesk.servicedesk.models.core import RECONNECTION_TITLE, SummaryKind
from powerdesk.servicedesk.services import work_order_create

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

NOTICE_DAYS = 7
# A disconnection is carried out in the daytime only, station time (no more "one clamp and the
# power is off" at night: a household cut off in the dark cannot pay nor be reached until
# morning). From 08:00 until 18:00.
DISCONNECT_FROM = dt.time(8, 0)
DISCONNECT_UNTIL = dt.time(18, 0)


def _blocked(case: ArrearsCase) -> bool:
    """A medical need, recorded at the check, flagged on the customer since, or named in the
    words of a case checked before the words were read as they are now (walk71, H1): it blocks
    the approval and the disconnection, unless the station chief's visit lifted a block of the
    words alone (``blocks.block_of``, ``lift``)."""
    return bool(block_of(case))


@transaction.atomic
def disconnection_approve(*, case: ArrearsCase, user: User, reason: str = "") -> ArrearsCase:
    # Only a person approves: the chief, who answers for it (never the system).
    if user is None or not may(user, case.station_id, Do.ARREARS_APPROVE):
        raise NotAllowed(_("Only the station chief approves a disconnection."))
    _not_closed(case)
    if case.check_result == "":
        raise ArrearsError(_("Look at the household's situation first."))
    if _blocked(case):
        raise ArrearsError(_("This household must not be disconnected (medical need)."))
    reason = _bounded(_("Why disconnecting is still right"), reason, REASON_CHARS, "reason")
    # Bar the words the chief's visit lifted ("透析在县医院" after a visit that saw it so).
    lifted = set(case.lift_words or ()) if case.lifted_at is not None else set()
    named = [word for word in blocking_words(reason) if word not in lifted]
    if named:
        # Every text recorded on the case is read (``words_later``): a reason naming a medical
        # machine in use is no reason to cut (walk73, H1 c).
        raise ArrearsError(
            _(
                "The reason names a medical need in use (%(words)s): a household that needs "
                "power for it must not be disconnected."
            )
            % {"words": pgettext("list separator", ", ").join(named)},
            field="reason",
        )
    if case.approved_at is not None:
        if reason.strip() == case.approval_reason:
            return case  # sent again: approved once
        raise _done_already(
            _("The disconnection was approved already, on %(time)s.")
            % {"time": f"{timezone.localtime(case.approved_at):%Y-%m-%d %H:%M}"}
        )
    if case.check_result == ArrearsCase.Check.ESCALATE and not reason.strip():
        raise ArrearsError(
            _("The household needs care: write why disconnecting is still right."), field="reason"
        )
    case.approved_by, case.approved_at = user, timezone.now()
    case.approval_reason = reason.strip()
    _advance(case, Stage.APPROVED)
    _event(case, user, reason.strip())
    return case


@transaction.atomic
def disconnection_carry_out(*, case: ArrearsCase, user: User | None) -> ArrearsCase:
    require(user, case.station_id, Do.ARREARS_DISCONNECT)
    person_needed(user)
    _not_closed(case)
    if case.disconnected_at is not None:
        return case  # sent again (a retry, a double submit): carried out once
    if case.approved_at is None:
        raise ArrearsError(_("The station chief has not approved this disconnection."))
    if _blocked(case):
        # A medical need flagged since the approval (the customer's page): it blocks still.
        raise ArrearsError(_("This household must not be disconnected (medical need)."))
    assert case.notice_delivered_at is not None
    ready = notice_period_end(case)
    if timezone.now() < ready:
        raise ArrearsError(
            _("The notice period runs until %(time)s.")
            % {"time": f"{timezone.localtime(ready):%Y-%m-%d %H:%M}"}
        )
    now = timezone.localtime()
    if not DISCONNECT_FROM <= now.time() < DISCONNECT_UNTIL:
        raise ArrearsError(
            _(
                "A disconnection is carried out in the daytime only, from %(from)s to %(until)s "
                "(it is %(now)s now): never at night."
            )
            % {
                "from": f"{DISCONNECT_FROM:%H:%M}",
                "until": f"{DISCONNECT_UNTIL:%H:%M}",
                "now": f"{now:%H:%M}",
            }
        )
    case.disconnected_at = timezone.now()
    _advance(case, Stage.DISCONNECTED)
    _event(case, user, "")
    return case


def notice_period_end(case: ArrearsCase) -> dt.datetime:
    """When the written notice's period ends: ``NOTICE_DAYS`` after it was delivered."""
    assert case.notice_delivered_at is not None
    return case.notice_delivered_at + dt.timedelta(days=NOTICE_DAYS)


def carry_out_from(case: ArrearsCase, *, now: dt.datetime | None = None) -> dt.datetime | None:
    """The first moment, from ``now`` on, the disconnection approved may be carried out: the
    notice period over and in the daytime (``disconnection_carry_out``'s guards, which stay);
    ``now`` itself when it may be now. None when there is nothing to carry out (not approved,
    already disconnected, paid). The case's page offers the button only from then and says
    when before (walk61, L2: offered a minute after the notice, refused only when pressed)."""
    if case.approved_at is None or case.disconnected_at is not None or case.stage == Stage.PAID:
        return None
    at = timezone.localtime(max(now or timezone.now(), notice_period_end(case)))
    if DISCONNECT_FROM <= at.time() < DISCONNECT_UNTIL:
        return at
    day = at.date() if at.time() < DISCONNECT_FROM else at.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, DISCONNECT_FROM, tzinfo=at.tzinfo)


@transaction.atomic
def payment_record(*, case: ArrearsCase, user: User | None) -> ArrearsCase:
    """The customer paid: the case closes; a disconnected household is reconnected in 24 h."""
    require(user, case.station_id, Do.ARREARS_PAID)
    if case.stage == Stage.PAID:
        return case  # sent again: one payment, one reconnection order
    now = timezone.now()
    case.paid_at = now
    if case.disconnected_at is not None:
        hours = policy_for(case.station_id).reconnection_hours
        with station_language():
            summary = str(RECONNECTION_TITLE)
            description = _(
                "%(customer)s has paid the arrears of ¥%(amount)s: reconnect within "
                "%(hours)s hours."
            ) % {"customer": case.customer, "amount": case.amount, "hours": hours}
        order = work_order_create(
            station=case.station,
            user=user,
            category="business",
            summary=summary,
            summary_kind=SummaryKind.RECONNECTION,
            description=description,
            customer=case.customer,
            received_at=now,
        )
        order.resolve_due_at = now + dt.timedelta(hours=hours)
        order.save(update_fields=["resolve_due_at"])
        case.reconnection = order
    case.stage = Stage.PAID
    case.save()
    _event(case, user, case.reconnection.number if case.reconnection else "")
    return case
