"""What the crew finds and when power should be back: the expected restoration from the office
or the crew (households told again when it moves), the cause found, and the model's estimate
revised when the crew arrives or the cause is known."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do
from powerdesk.lib.form_text import text_typed
from powerdesk.lib.forms import column_chars
from powerdesk.outages.crew import acting_crew
from powerdesk.outages.estimate_moved import estimate_watched
from powerdesk.outages.history import outage_history_add
from powerdesk.outages.joined import outage_link
from powerdesk.outages.models import Outage, OutageCause
from powerdesk.outages.services import OutageError
from powerdesk.outages.time_bounds import restore_bounds
from powerdesk.servicedesk.history_notes import note_part, note_said

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

# The reason given with an estimate: the board's form allows this much, and the history line
# (300 characters) holds it with the times. Longer is refused, never cut without a word.
REASON_MAX = 150


@transaction.atomic
def outage_estimate(
    *,
    outage: Outage,
    user: User | None,
    expected_restore_at: dt.datetime,
    note: str = "",
    at: dt.datetime | None = None,
    reason_required: bool = False,
) -> Outage:
    """When power should be back, from the office or the crew sent to the outage (``at``: when
    the crew said so, if it is told later); each estimate is a line of the history, and
    households are told again when it moves by 30 minutes or more
    (``notifications.estimate_texts.notify_etr_moved``).

    ``reason_required``: staff overriding the model's estimate on the board say why (the crew on
    site need not: they are the reason). The same time given again changes nothing: no line of
    history, no text."""
    from powerdesk.notifications.estimate_texts import notify_etr_moved
    from powerdesk.outages.crew import require_on_outage

    require_on_outage(user, outage, Do.OUTAGE_DECLARE)
    note = note.strip()
    if reason_required and not note:
        raise OutageError(
            _("Say why the expected restoration is set by hand (the reason)."), field="note"
        )
    if len(note) > REASON_MAX:
        raise OutageError(
            _("The reason is %(n)d characters long; at most %(max)d: shorten it.")
            % {"n": len(note), "max": REASON_MAX},
            field="note",
        )
    outage = Outage.objects.select_for_update().get(pk=outage.pk)
    if outage.status != Outage.Status.ACTIVE:
        raise OutageError(_("Only an outage with the power off gets an expected restoration."))
    said_at = min(at or timezone.now(), timezone.now())
    said = restore_bounds(starts_at=outage.starts_at, now=said_at).problem(expected_restore_at)
    if said:
        raise OutageError(said, field="expected_restore_at")
    before = outage.expected_restore_at
    if before is not None and _minute(before) == _minute(expected_restore_at):
        return outage  # told already: a second line or text would say nothing new
    outage.expected_restore_at = expected_restore_at
    outage.save(update_fields=["expected_restore_at"])
    was = f"{timezone.localtime(before):%m-%d %H:%M}" if before else "—"
    now_text = f"{timezone.localtime(expected_restore_at):%m-%d %H:%M}"
    outage_history_add(
        outage,
        user,
        "estimated",
        " ".join(p for p in (f"{was} → {now_text}", note) if p),
        at=said_at,
    )
    notify_etr_moved(outage, before)
    return outage


def _minute(at: dt.datetime) -> dt.datetime:
    return at.replace(second=0, microsecond=0)


CAUSE_WORDS_CHARS = column_chars(Outage, "cause")  # the words said with the cause found


@transaction.atomic
def outage_cause_found(
    *,
    outage: Outage,
    user: User | None,
    cause: str,
    note: str = "",
    at: dt.datetime | None = None,
    power_back: bool = False,
    time_follows: bool = False,
) -> Outage:
    """What caused it, from the office or from the phone of the crew sent to it (``at``: when
    the crew found it, if it is told later). ``power_back``: said with power back
    (``services.outage_restore``), when there is no estimate left to revise nor to text.
    ``time_follows``: the crew gives its own time with the cause, in the same step
    (``outage_estimate`` next): that time is the one the board and the crew's card show, and
    the one households are told; the model's estimate revised by the cause alone a moment
    before is never texted (walk38, 12: "12:50" texted, then the crew's 13:30 held back)."""
    from powerdesk.outages.crew import require_on_outage

    require_on_outage(user, outage, Do.OUTAGE_DECLARE)
    if cause not in OutageCause.values:
        raise OutageError(_("Choose what caused it from the list."), field="cause")
    note, too_long_said = text_typed(_("Note"), note, CAUSE_WORDS_CHARS)
    if too_long_said:
        # Refused at the note, never cut (the office's form and the crew's card keep it).
        raise OutageError(too_long_said, field="note")
    # The model's estimate it moves is said why in the history, and beside the time on the
    # board and the crew's card (``estimate_moved``); not with power back: no time is left.
    watched = None if power_back else outage
    words = note.strip()
    with estimate_watched(
        watched, user, "moved_cause", {"cause": _cause_part(cause, words)}, at=at
    ):
        link = outage_link(outage)
        link.cause_kind = cause
        link.save(update_fields=["cause_kind"])
        outage.link = link  # type: ignore[attr-defined]  # read by ``cause_shown`` as it is now
        # The kind is the link's; the outage keeps the crew's own words (drawn together, each
        # in the reader's language: ``Outage.cause_shown``).
        outage.cause = words
        outage.save(update_fields=["cause"])
        said = note_said("outage_cause", kind=cause, words=outage.cause)
        outage_history_add(outage, user, "cause_found", said=said, at=at)
    if not (power_back or time_follows):
        _estimate_revised(outage)
    return outage


def _cause_part(kind: str, words: str) -> dict[str, object]:
    return note_part("outage_cause", kind=kind, words=words)


def _estimate_revised(outage: Outage) -> None:
    """The model's estimate takes the crew's arrival and the cause found: households are told
    when, without a time from staff, it moved by half an hour or more from what they were told."""
    from powerdesk.notifications.estimate_texts import notify_etr_moved

    outage.refresh_from_db(fields=["expected_restore_at", "status"])
    if outage.expected_restore_at is None:
        notify_etr_moved(outage, None)


def outage_crew_on_the_way(*, outage: Outage, user: User | None, at: dt.datetime) -> None:
    """A crew working ``outage`` set out (its order says so): a line of the outage's history,
    at the time the crew said so, naming the crew of the member who said it
    (``crew.acting_crew``)."""
    crew = acting_crew(user, outage)
    outage_history_add(outage, user, "on_the_way", crew.name if crew else "", at=at)


def outage_crew_on_site(*, outage: Outage, user: User | None, at: dt.datetime) -> None:
    """A crew working ``outage`` is on site (its order says so): a line of the outage's
    history, at the time the crew said so, naming the crew of the member who said it
    (``crew.acting_crew``). Before the crew's own estimate, if it gives one."""
    crew = acting_crew(user, outage)
    outage_history_add(outage, user, "on_site", crew.name if crew else "", at=at)


def outage_crew_arrived(*, outage: Outage) -> None:
    """The crew sent to ``outage`` is on site (its order says so): the estimate is revised."""
    _estimate_revised(outage)
