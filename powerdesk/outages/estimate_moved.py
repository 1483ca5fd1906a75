"""Why the estimated restoration moved (fix72c's leftover, walk72 1: the crew's card and the
board showed "about 20:05" where "about 16:20" stood a moment before, and nothing said why).

The model's estimate (``etr``) moves only at a step: the crew sent (its distance), the crew on
site, the cause recorded. Each such step is watched (``estimate_watched``): when the model's
time differs after it, a line of the outage's history says from when to when, why, who and when
(``estimate_moved``). A time staff or the crew set is its own line already (``estimated``, with
its reason). The board and the crew's card say the last of them in short beside the time they
show (``estimate_whys``), only while that is still the time shown (a model trained again since
moves it with no step: then the history alone says it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.lib.days import day_and_time
from powerdesk.outages.history import outage_history_add
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.servicedesk.history_notes import note_part, note_said, note_shown

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = [
    "MOVED",
    "EstimateWhy",
    "estimate_watched",
    "estimate_whys",
    "on_site_why",
    "why_shown",
]

MOVED = "estimate_moved"  # the history line's step (``OutageEvent.what``)


def _model_time(outage: Outage | None) -> dt.datetime | None:
    """The model's time the board shows for ``outage`` (a fault outage with the power off)."""
    if outage is None:
        return None
    outage.refresh_from_db(fields=["status", "kind"])
    if outage.kind != Outage.Kind.UNPLANNED or outage.status != Outage.Status.ACTIVE:
        return None
    from powerdesk.outages.etr import etr_for

    return etr_for(outage).at


def _said(at: dt.datetime) -> str:
    return f"{timezone.localtime(at):%m-%d %H:%M}"


def on_site_why(crew: str) -> tuple[str, dict[str, Any]]:
    """Why an estimate moved with the crew on the line: the crew named, when one is."""
    return ("moved_on_site", {"crew": crew}) if crew else ("moved_on_line", {})


@contextmanager
def estimate_watched(
    outage: Outage | None,
    user: User | None,
    why: str,
    why_args: dict[str, Any] | None = None,
    *,
    at: dt.datetime | None = None,
) -> Iterator[None]:
    """A step on ``outage`` that may move the model's estimate (``why``: a ``moved_*`` part of
    ``history_outage``, with its ``why_args``): when the model's time after it differs from the one
    before (by a minute or more), a line of the history says both, why, who and when (``at``:
    when the step was taken, if told later)."""
    before = _model_time(outage)
    yield
    if outage is None or before is None:
        return
    after = _model_time(outage)
    if after is None or abs(after - before) < dt.timedelta(minutes=1):
        return
    said = note_said(
        MOVED,
        was=_said(before),
        now=_said(after),
        why=note_part(why, **(why_args or {})),
        since=before.isoformat(),
        to=after.isoformat(),
    )
    outage_history_add(outage, user, MOVED, said=said, at=at)


@dataclass(frozen=True)
class EstimateWhy:
    """Why the time shown is what it is: the last line that set it."""

    at: dt.datetime  # when it moved
    by: str  # who took the step ("" for the system)
    was: str  # the time before, as the line says it ("—": none)
    why: str  # in the reader's words
    staff: bool = False  # a time staff (or the crew) set, not the model's

    @property
    def short(self) -> str:
        """Said beside the time: "was 16:20: cause recorded: 设备老化 · 王师傅 14:05", or
        for a time set, "set by 王师傅 14:05: the crew's word (was 12-07 16:20)"."""
        who = " ".join(p for p in (self.by, f"{timezone.localtime(self.at):%H:%M}") if p)
        said = {"was": self.was, "why": self.why, "who": who}
        if self.staff:
            # With its reason or none (the crew's own time: they are it), after a time set
            # before it or none ("—").
            worded = {
                (True, True): _("set by %(who)s: %(why)s (was %(was)s)"),
                (True, False): _("set by %(who)s: %(why)s"),
                (False, True): _("set by %(who)s (was %(was)s)"),
                (False, False): _("set by %(who)s"),
            }[(bool(self.why), self.was != "—")]
            return worded % said
        return _("was %(was)s: %(why)s · %(who)s") % said


@dataclass(frozen=True)
class Whys:
    model: EstimateWhy | None = None  # the model's last move, when still the time it shows
    model_to: dt.datetime | None = None
    staff: EstimateWhy | None = None  # the staff's (or the crew's) last time set


# "12-05 12:30 → 12-05 13:30 the crew's word": the times, then the reason (``estimated``).
_STAFF_LINE = re.compile(r"^(—|\d\d-\d\d \d\d:\d\d) → \d\d-\d\d \d\d:\d\d ?(.*)$", re.S)


def _staff_why(event: OutageEvent) -> EstimateWhy:
    matched = _STAFF_LINE.match(event.note or "")
    was, reason = (matched.group(1), matched.group(2).strip()) if matched else ("—", event.note)
    return EstimateWhy(event.at, str(event.by or ""), was, reason, staff=True)


def _model_why(event: OutageEvent) -> tuple[EstimateWhy, dt.datetime | None]:
    args = event.note_args or {}
    why = args.get("why")
    said = ""
    if isinstance(why, dict) and why.get("code"):
        said = note_shown(str(why["code"]), why.get("args") or {}, "")
    to_at, since = _when(args.get("to")), _when(args.get("since"))
    # The time before as people are told it: its time alone when it is today.
    was = day_and_time(since) if since is not None else str(args.get("was", "—"))
    return EstimateWhy(event.at, str(event.by or ""), was, said), to_at


def _when(stored: object) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(stored) if isinstance(stored, str) else None
    except ValueError:
        return None


def estimate_whys(
    outages: Iterable[Outage], *, events: Iterable[OutageEvent] | None = None
) -> dict[int, Whys]:
    """Each outage's last estimate lines (the model's move, the staff's time), from its history
    (``events``: the lines already loaded, the board's; else one query)."""
    outages = list(outages)
    if events is None:
        events = (
            OutageEvent.objects.filter(
                outage__in=[o.pk for o in outages], what__in=(MOVED, "estimated")
            )
            .select_related("by")
            .order_by("at", "pk")
        )
    model: dict[int, tuple[EstimateWhy, dt.datetime | None]] = {}
    staff: dict[int, EstimateWhy] = {}
    for event in events:
        if event.what == MOVED:
            model[event.outage_id] = _model_why(event)
        elif event.what == "estimated":
            staff[event.outage_id] = _staff_why(event)
    found: dict[int, Whys] = {}
    for outage in outages:
        moved, to = model.get(outage.pk, (None, None))
        found[outage.pk] = Whys(moved, to, staff.get(outage.pk))
    return found


def why_shown(whys: Whys | None, at: dt.datetime | None, *, staff: bool) -> EstimateWhy | None:
    """The line to say beside the time ``at`` shown: the staff's last when it is theirs, else
    the model's last move when it moved to ``at`` (to the minute)."""
    if whys is None or at is None:
        return None
    if staff:
        return whys.staff
    if whys.model is None or whys.model_to is None:
        return None
    return whys.model if abs(whys.model_to - at) < dt.timedelta(minutes=1) else None
