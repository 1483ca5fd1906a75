"""The station chief's own look at a household whose case is blocked by its words alone.

The household check blocks a case whose words name a medical need ("尿毒症，每周去县医院透析",
"家里有人用制氧机": ``vulnerable``). Words are a clerk's or a liaison's account; the chief, who
answers for a disconnection, may go and see. Their finding — who visited, when, what they found,
and their statement that no one at home depends on power for life — lifts the block of the words
read then, on the record (the case's history, its page, the API, the export). The check then
asks for the chief's weighing: the approval needs its written reason, as for a household that
needs care. A word named or read since that is not among those lifted blocks again. A visit
is made after the words it lifts were recorded (``words_at``): one before them did not see what
they say, first lift or later.

A block from the customer's own medical-need care flag is not lifted so: it is changed on the
customer's record, by whoever may change it (``blocks.BY_FLAG``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, NotAllowed, may
from powerdesk.arrears.blocks import BY_FLAG, block_of
from powerdesk.arrears.models import LIFTED, ArrearsCase
from powerdesk.arrears.repeats import person_needed
from powerdesk.arrears.services import (
    ArrearsError,
    StepRecordedAlready,
    _bounded,
    _event,
    _not_closed,
    _says_something,
)
from powerdesk.arrears.vulnerable import blocking_words
from powerdesk.arrears.words_later import later_texts
from powerdesk.lib.forms import refuse_all
from powerdesk.servicedesk.history_notes import note_said

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = ["FOUND_CHARS", "VISITED_BY_CHARS", "block_lift"]

# What the finding records, at most: who visited (names), what they found.
VISITED_BY_CHARS = 100
FOUND_CHARS = 1000


@transaction.atomic
def block_lift(
    *,
    case: ArrearsCase,
    user: User | None,
    visited_by: str,
    visited_at: dt.datetime | None,
    found: str,
    no_life_support: bool,
) -> ArrearsCase:
    """Record the station chief's household visit finding, which lifts a block of the words
    alone. Only the chief, signed in; the same finding sent again (a double submit, a retry)
    is recorded once; each field refused says so at its name."""
    if user is None or not may(user, case.station_id, Do.ARREARS_LIFT):
        raise NotAllowed(
            _("Only the station chief lifts a block of the household check's words, after a visit.")
        )
    person_needed(user)
    # Read again under a lock: of two findings sent at once, the second sees the first's.
    locked = ArrearsCase.objects.select_for_update(of=("self",)).get(pk=case.pk)
    for name in (
        "stage",
        "check_result",
        "situation",
        "liaison_outcome",
        "words_at",
        *_LIFT_FIELDS,
    ):
        setattr(case, name, getattr(locked, name))
    case.customer.refresh_from_db(fields=["medical_need"])
    _not_closed(case)
    if case.stage == ArrearsCase.Stage.DISCONNECTED:
        raise ArrearsError(
            _("This household has been disconnected already: a visit lifts nothing now.")
        )
    block = block_of(case)
    # A visit before the words it would lift were recorded did not see what they say: on every
    # lift, the first too (review72, L1; walk73b, 1; review73, M3).
    words_at = case.words_at if block and block != BY_FLAG else None
    visited_by, visited_at, found = _finding(
        case, visited_by, visited_at, found, no_life_support, words_at=words_at
    )
    if case.lifted_at is not None:
        same = (visited_by, visited_at, found) == (
            case.lift_visited_by,
            case.lift_visited_at,
            case.lift_found,
        )
        if same and not block:
            return case  # sent again: recorded once
        if not block:
            raise StepRecordedAlready(
                _("The block was lifted already after a visit by %(by)s on %(at)s.")
                % {"by": case.lift_visited_by, "at": _when(case.lift_visited_at)}
            )
        if block != BY_FLAG and visited_at <= (case.lift_visited_at or visited_at):
            # Words named since the visit block again: only a later visit lifts them.
            raise ArrearsError(
                _(
                    "Words recorded since the visit of %(at)s name a need again: only a later "
                    "visit lifts the block."
                )
                % {"at": _when(case.lift_visited_at)},
                field="visited_at",
            )
    if block == BY_FLAG:
        raise ArrearsError(
            _(
                "The customer's record flags a medical need: a visit does not lift it. Change "
                "the flag on the customer's record if it is no longer true."
            )
        )
    if not block:
        raise ArrearsError(_("Nothing blocks this disconnection: there is no block to lift."))
    case.lift_visited_by, case.lift_visited_at, case.lift_found = visited_by, visited_at, found
    case.lift_no_life_support = True
    # The words read then, those the household said since the check too (``words_later``).
    said = later_texts(case, since=case.lifted_at)
    case.lift_words = list(blocking_words(case.situation, case.liaison_outcome, *said))
    case.lifted_by, case.lifted_at = user, timezone.now()
    # The chief weighs it now: the approval needs its written reason (``disconnection_approve``).
    case.check_result = ArrearsCase.Check.ESCALATE
    _event(
        case,
        user,
        said=note_said(
            "arrears_block_lifted", by=visited_by, at=_when(visited_at), found=found[:200]
        ),
        stage=LIFTED,
    )
    _approval_withdrawn(case, user)
    case.save(update_fields=["check_result", *_LIFT_FIELDS, *_APPROVAL_FIELDS])
    return case


_APPROVAL_FIELDS = ("stage", "approved_by", "approved_at", "approval_reason")


def _approval_withdrawn(case: ArrearsCase, user: User | None) -> None:
    """An approval given before the words blocked (a clear check, its reason unwritten, or a
    reader that has since learnt to read them) does not carry a lifted block to the cut: the
    case goes back to its check and the chief approves again with the written reason
    (review72, M1)."""
    if case.approved_at is None and case.stage != ArrearsCase.Stage.APPROVED:
        return
    case.stage = ArrearsCase.Stage.CHECKED
    case.approved_by, case.approved_at, case.approval_reason = None, None, ""
    _event(case, user, said=note_said("arrears_approval_withdrawn"))


_LIFT_FIELDS = (
    "lift_visited_by",
    "lift_visited_at",
    "lift_found",
    "lift_no_life_support",
    "lift_words",
    "lifted_by",
    "lifted_at",
)


def _finding(
    case: ArrearsCase,
    visited_by: str,
    visited_at: dt.datetime | None,
    found: str,
    no_life_support: bool,
    *,
    words_at: dt.datetime | None,
) -> tuple[str, dt.datetime, str]:
    """The finding as recorded, or every field refused at once, each at its name. ``words_at``:
    when the words the visit would lift were recorded (the visit is made after them; to the
    minute, as the chief gives its time)."""
    wrong: dict[str, str] = {}
    visited_by = _text_at(
        wrong,
        "visited_by",
        visited_by,
        _("Who visited"),
        VISITED_BY_CHARS,
        _("Say who visited the household."),
    )
    found = _text_at(
        wrong,
        "found",
        found,
        _("What the visit found"),
        FOUND_CHARS,
        _("Write what the visit found at the household."),
    )
    if visited_at is None:
        wrong["visited_at"] = _("Say when the household was visited.")
    elif visited_at > timezone.now():
        wrong["visited_at"] = _("A visit is recorded once it has been made: not ahead of now.")
    elif timezone.localdate(visited_at) < timezone.localdate(case.opened_at):
        wrong["visited_at"] = _(
            "A visit before the case was opened (%(opened)s) is not a look at it."
        ) % {"opened": timezone.localdate(case.opened_at)}
    elif words_at is not None and visited_at < words_at.replace(second=0, microsecond=0):
        wrong["visited_at"] = _(
            "This visit was before the words recorded on %(at)s that block the disconnection: "
            "it did not see them. Only a visit made after them lifts the block."
        ) % {"at": _when(words_at)}
    if not no_life_support:
        wrong["no_life_support"] = _(
            "State that no one at home depends on power for life: without it the block stays."
        )
    refuse_all(ArrearsError, wrong)
    assert visited_at is not None
    return visited_by, visited_at.replace(microsecond=0), found


def _text_at(
    wrong: dict[str, str], field: str, value: str, label: str, limit: int, missing: str
) -> str:
    """A text of the finding as recorded: within ``limit``, given (else ``missing``), saying
    something; refused, its words go into ``wrong`` at ``field`` (review72 L7)."""
    try:
        value = _bounded(label, value, limit, field)
        if not value:
            wrong[field] = missing
        else:
            _says_something(label, value, field)
    except ArrearsError as exc:
        wrong[field] = str(exc)
    return value


def _when(at: dt.datetime | None) -> str:
    return f"{timezone.localtime(at):%Y-%m-%d %H:%M}" if at else ""
