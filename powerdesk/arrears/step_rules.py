"""What every step of an arrears case shares: its refusals, the texts' bounds, the history line
it writes, the stage it reaches (split out of ``services``, which still gives every name)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.lib.form_text import says_too_little, too_long_refused
from powerdesk.lib.forms import FieldError

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

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


def amount_checked(amount: Decimal) -> Decimal:
    """The amount owed as a case stores it: yuan and fen, more than 0, below MAX_AMOUNT."""
    if not amount.is_finite() or amount <= 0:
        raise ArrearsError(_("The amount owed must be more than zero."), field="amount")
    if amount >= MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
        raise ArrearsError(
            _("The amount owed is given in yuan and fen, below ¥100,000,000."), field="amount"
        )
    return amount


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
) -> ArrearsEvent:
    """A line of the case's history: ``note`` as typed (or a code, see ``note_shown``), or
    ``said`` by the system (``history_notes.note_said``: drawn in the reader's language); at
    the case's stage, or at ``stage`` (the chief's lift: ``models.LIFTED``)."""
    return ArrearsEvent.objects.create(
        case=case,
        at=timezone.now(),
        by=user,
        stage=stage or case.stage,
        **(said or {"note": note[:300]}),
    )
