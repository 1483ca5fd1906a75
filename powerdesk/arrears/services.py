"""The steps before a disconnection for arrears, in the order the station committed to.

Notice in writing at least 7 days before; a contact attempt through the village liaison; a look
at the household (its care flags block or escalate); the station chief's approval. Only then
can it be carried out. Payment cancels it, or orders reconnection within 24 hours.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from powerdesk.accounts.permissions import Do, NotAllowed, may, require
from powerdesk.arrears.blocks import block_of, household_check
from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.arrears.repeats import open_case_of, person_needed, sms_notice_on_its_way
from powerdesk.arrears.vulnerable import blocking_words, vulnerable_read
from powerdesk.arrears.words_later import later_texts
from powerdesk.lib.form_text import says_too_little, too_long_refused
from powerdesk.lib.forms import FieldError
from powerdesk.lib.language import station_language
from powerdesk.servicedesk.deadlines import policy_for
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models.core import RECONNECTION_TITLE, SummaryKind
from powerdesk.servicedesk.services import work_order_create

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User
    from powerdesk.customers.models import Customer
    from powerdesk.servicedesk.models import Call


NOTICE_DAYS = 7
# A disconnection is carried out in the daytime only, station time (no more "one clamp and the
# power is off" at night: a household cut off in the dark cannot pay nor be reached until
# morning). From 08:00 until 18:00.
DISCONNECT_FROM = dt.time(8, 0)
DISCONNECT_UNTIL = dt.time(18, 0)
# What ArrearsCase.amount holds (10 digits, 2 after the point).
MAX_AMOUNT = Decimal("100000000")
Stage = ArrearsCase.Stage


class ArrearsError(FieldError):
    """A step the case is not ready for; the message says what is missing. ``field``: the
    text refused (too long), said at it on the case's page."""


class StepRecordedAlready(ArrearsError):
    """The step was recorded already, otherwise than sent again now (the API's 409)."""


# The texts a case's steps record, at most: what the liaison said and why disconnecting is
# still right (their columns), the household's situation as seen.
OUTCOME_CHARS = 300
SITUATION_CHARS = 2000
REASON_CHARS = 300


def _bounded(label: object, value: str, limit: int, field: str) -> str:
    return too_long_refused(ArrearsError, label, value, limit, field)


def _says_something(label: object, value: str, field: str) -> None:
    """A step's record says something: "x" or "。" is refused at its field (walk67, L5)."""
    said = says_too_little(label, value)
    if said:
        raise ArrearsError(said, field=field)


# The household check's results, least serious first.
_CHECKS = (ArrearsCase.Check.CLEAR, ArrearsCase.Check.ESCALATE, ArrearsCase.Check.BLOCK)


def _blocked(case: ArrearsCase) -> bool:
    """A medical need, recorded at the check, flagged on the customer since, or named in the
    words of a case checked before the words were read as they are now (walk71, H1): it blocks
    the approval and the disconnection, unless the station chief's visit lifted a block of the
    words alone (``blocks.block_of``, ``lift``)."""
    return bool(block_of(case))


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


def amount_checked(amount: Decimal) -> Decimal:
    """The amount owed as a case stores it: yuan and fen, more than 0, below MAX_AMOUNT."""
    if not amount.is_finite() or amount <= 0:
        raise ArrearsError(_("The amount owed must be more than zero."), field="amount")
    if amount >= MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
        raise ArrearsError(
            _("The amount owed is given in yuan and fen, below ¥100,000,000."), field="amount"
        )
    return amount


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


def _advance(case: ArrearsCase, stage: str) -> None:
    case.stage = stage
    case.save()


def _done_already(said: str) -> ArrearsError:
    """The step was recorded already, otherwise than sent now: nothing is written over."""
    return StepRecordedAlready(said)


def _not_closed(case: ArrearsCase) -> None:
    if case.stage == Stage.PAID:
        raise ArrearsError(_("This case is paid and closed."))


def _event(
    case: ArrearsCase,
    user: User | None,
    note: str = "",
    said: dict[str, Any] | None = None,
    stage: str = "",
) -> None:
    """A line of the case's history: ``note`` as typed (or a code, see ``note_shown``), or
    ``said`` by the system (``history_notes.note_said``: drawn in the reader's language); at
    the case's stage, or at ``stage`` (the chief's lift: ``models.LIFTED``)."""
    ArrearsEvent.objects.create(
        case=case,
        at=timezone.now(),
        by=user,
        stage=stage or case.stage,
        **(said or {"note": note[:300]}),
    )
