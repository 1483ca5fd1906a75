"""The steps before a disconnection for arrears, in the order the station committed to.

Notice in writing at least 7 days before; a contact attempt through the village liaison; a look
at the household (its care flags block or escalate); the station chief's approval. Only then
can it be carried out. Payment cancels it, or orders reconnection within 24 hours.

The steps' shared rules are ``step_rules``'s; the approval, the disconnection and the payment
``disconnection``'s: every name is still imported from here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.arrears.blocks import household_check
from powerdesk.arrears.disconnection import (
    DISCONNECT_FROM,
    DISCONNECT_UNTIL,
    NOTICE_DAYS,
    carry_out_from,
    disconnection_approve,
    disconnection_carry_out,
    notice_period_end,
    payment_record,
)
from powerdesk.arrears.disconnection import _blocked as _blocked
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.repeats import open_case_of, person_needed, sms_notice_on_its_way
from powerdesk.arrears.step_rules import (
    _CHECKS,
    MAX_AMOUNT,
    OUTCOME_CHARS,
    REASON_CHARS,
    SITUATION_CHARS,
    ArrearsError,
    Stage,
    StepRecordedAlready,
    amount_checked,
)
from powerdesk.arrears.step_rules import _advance as _advance
from powerdesk.arrears.step_rules import _bounded as _bounded
from powerdesk.arrears.step_rules import _done_already as _done_already
from powerdesk.arrears.step_rules import _event as _event
from powerdesk.arrears.step_rules import _not_closed as _not_closed
from powerdesk.arrears.step_rules import _says_something as _says_something
from powerdesk.arrears.vulnerable import vulnerable_read
from powerdesk.arrears.words_later import later_texts
from powerdesk.servicedesk.history_notes import note_said

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User
    from powerdesk.customers.models import Customer
    from powerdesk.servicedesk.models import Call

__all__ = [
    "DISCONNECT_FROM",
    "DISCONNECT_UNTIL",
    "MAX_AMOUNT",
    "NOTICE_DAYS",
    "OUTCOME_CHARS",
    "REASON_CHARS",
    "SITUATION_CHARS",
    "ArrearsError",
    "Stage",
    "StepRecordedAlready",
    "amount_checked",
    "carry_out_from",
    "case_open",
    "disconnection_approve",
    "disconnection_carry_out",
    "household_record",
    "liaison_contact",
    "notice_period_end",
    "notice_record",
    "payment_record",
]


@transaction.atomic
def case_open(
    *, station: Station, user: User | None, customer: Customer, amount: Decimal, owed_since: dt.date
) -> ArrearsCase:
    require(user, station, Do.ARREARS_OPEN)
    if customer.station_id != station.pk:
        raise ArrearsError(_("That customer belongs to another station."), field="account_number")
    amount_checked(amount)
    earlier = open_case_of(customer, lock=True)
    if earlier is not None:
        if (earlier.amount, earlier.owed_since) == (amount, owed_since):
            return earlier  # sent again (a retry, a double submit): the case opened then
        raise StepRecordedAlready(
            _(
                "This household has an open arrears case already (¥%(amount)s owed since "
                "%(since)s): follow it on that case, and update its amount owed there."
            )
            % {"amount": earlier.amount, "since": earlier.owed_since},
            field="account_number",
        )
    case = ArrearsCase.objects.create(
        station=station, customer=customer, amount=amount, owed_since=owed_since
    )
    _event(case, user, f"¥{amount}")
    return case


@transaction.atomic
def notice_record(
    *, case: ArrearsCase, user: User | None, method: str, delivered_at: dt.datetime | None = None
) -> ArrearsCase:
    require(user, case.station_id, Do.ARREARS_PROGRESS)
    _not_closed(case)
    if method not in ArrearsCase.NoticeMethod.values:
        raise ArrearsError(_("Say how the written notice was delivered."), field="method")
    if case.notice_delivered_at is not None:
        if method == case.notice_method and delivered_at in (None, case.notice_delivered_at):
            return case  # sent again: recorded once, its period not moved
        raise _done_already(
            _("The written notice was recorded already: %(time)s, %(how)s.")
            % {
                "time": f"{timezone.localtime(case.notice_delivered_at):%Y-%m-%d %H:%M}",
                "how": case.get_notice_method_display(),
            }
        )
    if delivered_at is not None and timezone.localdate(delivered_at) < case.owed_since:
        raise ArrearsError(
            _("A notice delivered before the amount was owed (%(since)s) is not its notice.")
            % {"since": case.owed_since},
            field="delivered_at",
        )
    if method == ArrearsCase.NoticeMethod.SMS and delivered_at is None:
        if sms_notice_on_its_way(case):
            return case  # sent again while the text is on its way: not sent twice
        # Sent now; the gateway's delivery receipt records it (the delivery is the proof).
        from powerdesk.notifications.arrears_texts import notify_arrears_notice

        deadline = timezone.now() + dt.timedelta(days=NOTICE_DAYS)
        if not notify_arrears_notice(case, deadline=deadline):
            raise ArrearsError(
                _("The household has no mobile phone on file for a text message."), field="method"
            )
        _event(case, user, said=note_said("arrears_notice_sent"))
        return case
    delivered_at = delivered_at or timezone.now()
    if delivered_at > timezone.now():
        raise ArrearsError(_("A notice is recorded once it has been delivered."))
    case.notice_delivered_at, case.notice_method = delivered_at, method
    _advance(case, Stage.NOTICE_GIVEN)
    _event(case, user, method)  # its code: the history says it in the page's language
    return case


@transaction.atomic
def liaison_contact(*, case: ArrearsCase, user: User | None, outcome: str) -> ArrearsCase:
    require(user, case.station_id, Do.ARREARS_PROGRESS)
    person_needed(user)
    _not_closed(case)
    if case.notice_delivered_at is None:
        raise ArrearsError(_("Give the written notice first."))
    said = _("What the village liaison said")
    outcome = _bounded(said, outcome, OUTCOME_CHARS, "outcome")
    if not outcome:
        raise ArrearsError(
            _("Say what came of the contact through the village liaison."), field="outcome"
        )
    _says_something(said, outcome, "outcome")
    if case.liaison_contacted_at is not None:
        if outcome.strip() == case.liaison_outcome:
            return case  # sent again: recorded once
        raise _done_already(
            _("The contact through the village liaison was recorded already: %(said)s")
            % {"said": case.liaison_outcome}
        )
    case.liaison_contacted_at = case.words_at = timezone.now()
    case.liaison_outcome = outcome.strip()
    _advance(case, Stage.LIAISON_CONTACTED)
    _event(case, user, outcome.strip())
    if case.customer.village is not None:
        from powerdesk.community.liaison import record_activity
        from powerdesk.community.models import LiaisonActivity

        record_activity(
            village=case.customer.village,
            by=user,
            kind=LiaisonActivity.Kind.ARREARS_CONTACT,
            note=f"{case.customer.name}: {outcome.strip()}",
            link=case.get_absolute_url(),
        )
    return case


@transaction.atomic
def household_record(
    *,
    case: ArrearsCase,
    user: User | None,
    situation: str,
    later: bool = False,
    call: Call | None = None,
) -> ArrearsCase:
    """Record the real situation seen; the care flags, and the words seen and the liaison's
    (``vulnerable``), decide whether it blocks or escalates. ``later``: what the household says
    now, after the check or before it (a call's note: ``call``), recorded as a step of its own
    and read with the check's words (``words_later``: a need named blocks again)."""
    if later or call is not None:
        from powerdesk.arrears.words_later import said_later_record

        return said_later_record(case=case, user=user, words=situation, call=call)
    require(user, case.station_id, Do.ARREARS_PROGRESS)
    person_needed(user)
    _not_closed(case)
    if case.liaison_contacted_at is None:
        raise ArrearsError(_("Try the village liaison first."))
    seen = _("The household's situation, as seen")
    situation = _bounded(seen, situation, SITUATION_CHARS, "situation")
    if not situation:
        raise ArrearsError(_("Describe the household's situation as seen."), field="situation")
    _says_something(seen, situation, "situation")
    if case.check_result:
        if situation.strip() == case.situation:
            return case  # sent again: recorded once
        raise _done_already(
            _("The household's situation was recorded already: %(said)s") % {"said": case.situation}
        )
    case.situation, case.words_at = situation.strip(), timezone.now()
    # The words seen at the door and the liaison's count as the care flags do: a medical
    # machine blocks; an elderly person, a patient, children alone or hardship escalate (the
    # chief approves only with a reason written). The more serious of the two decides.
    # And what the household said since the case opened (a call, the counter: ``words_later``).
    reading = vulnerable_read(case.situation, case.liaison_outcome, *later_texts(case))
    case.check_result = max(household_check(case.customer), reading.check, key=_CHECKS.index)
    case.check_read = reading.said(ArrearsCase._meta.get_field("check_read").max_length or 0)
    _advance(case, Stage.CHECKED)
    _event(case, user, f"{case.check_result}:{situation.strip()}")  # (ArrearsEvent.note_shown)
    return case
