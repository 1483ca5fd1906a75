"""An outage's history: one ``OutageEvent`` line per step, with who took it and when.

A line the system writes is stored as what it says — a code and its data
(``servicedesk.history_notes``: the engine's evidence as counts, a cause as its kind and the
crew's words, order numbers as a list) — and drawn in the reader's language; its words in the
station's language are kept in ``note`` too (exports, search). Lines written before the codes
were kept have only those words: they are read back by the station's wording of the same
messages (``outage_note_shown``), and anything else is shown as it was written.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from powerdesk.outages.models import (
    EVIDENCE_FLAGS,
    Outage,
    OutageCause,
    OutageEvent,
    evidence_words,
)
from powerdesk.servicedesk.history_notes import note_part, note_recognised, note_shown

if TYPE_CHECKING:
    from collections.abc import Callable

    from powerdesk.accounts.models import User


def outage_history_add(
    outage: Outage,
    user: User | None,
    what: str,
    note: str = "",
    *,
    at: dt.datetime | None = None,
    said: dict[str, Any] | None = None,
) -> OutageEvent:
    """A line of ``outage``'s history (``at``: when it happened, if told later; ``said``: the
    system's line, ``history_notes.note_said(…)``, instead of a ``note`` typed or of data)."""
    fields: dict[str, Any] = {"note": note}
    if said is not None:
        fields = {
            "note": said["note"],
            "note_code": said["note_code"],
            "note_args": said["note_args"],
        }
    fields["note"] = fields["note"][:300]
    return OutageEvent.objects.create(
        outage=outage, at=at or timezone.now(), by=user, what=what, **fields
    )


def outage_note_shown(event: OutageEvent) -> str:
    """An outage's history line in the reader's language: by its code; a line stored before
    the codes by the station's wording of its step's messages; anything else as written."""
    if event.note_code:
        return note_shown(event.note_code, event.note_args, event.note)
    note = event.note
    if not note:
        return ""
    old = _OLD_READERS.get(event.what)
    said = old(note) if old is not None else None
    if said is not None:
        code, args = said
        return note_shown(code, args, note)
    return note_shown("", {}, note, also=_ALSO.get(event.what, ()))


# -- lines stored before the codes ------------------------------------------------------------
# A step's messages too common to be recognised on any line, recognised on that step's lines.
_ALSO: dict[str, tuple[str, ...]] = {
    "calls_joined": ("calls_kept",),
    "active": ("planned_started",),
    "restored": ("planned_finished",),
    "notice": ("notice_before",),
    "short_announce": ("short_announce",),
}

Said = tuple[str, dict[str, Any]]


@functools.cache
def _station_words(station: str) -> dict[str, Any]:
    """The station's wording of what older lines were made of: the list separator, the kinds
    of cause by their label, the engine's evidence clause by clause (as patterns)."""
    with translation.override(station):
        sentinels = {"n": 711_113, "meters": 733_331}
        clauses: list[tuple[re.Pattern[str], Callable[[re.Match[str]], dict[str, Any]]]] = []

        def clause(said: dict[str, Any], read: Callable[[re.Match[str]], dict[str, Any]]) -> None:
            text = re.escape(evidence_words(said))
            for name, value in sentinels.items():
                text = text.replace(str(value), rf"(?P<{name}>\d+)")
            clauses.append((re.compile(text), read))

        clause({"calls": True}, lambda m: {"calls": True})
        clause(
            {"reporting_meters": sentinels["meters"], "meter_off": sentinels["n"]},
            lambda m: {"reporting_meters": int(m["meters"]), "meter_off": int(m["n"])},
        )
        clause({"said_on": sentinels["n"]}, lambda m: {"said_on": int(m["n"])})
        clause({"forced": "open"}, lambda m: {"forced": "open"})
        for flag in EVIDENCE_FLAGS:
            clause({flag: True}, functools.partial(_flag, flag))
        return {
            "list": pgettext("list separator", ", "),
            "clause": gettext("; "),
            "causes": {str(label): value for value, label in OutageCause.choices},
            "clauses": clauses,
        }


def _flag(flag: str, _matched: re.Match[str]) -> dict[str, Any]:
    return {flag: True}


def _part(found: Said) -> dict[str, Any]:
    """A message recognised, as the argument of another (``note_part``)."""
    return {"code": found[0], "args": found[1]}


def _words() -> dict[str, Any]:
    return _station_words(settings.LANGUAGE_CODE)


def _old_evidence(text: str) -> dict[str, Any] | None:
    """The engine's evidence read from its station words, clause by clause ("customers below
    called; 6 of 14 reporting meters sent power-off" as the station wrote it)."""
    words = _words()
    said: dict[str, Any] = {}
    for part in text.split(words["clause"]):
        for pattern, read in words["clauses"]:
            matched = pattern.fullmatch(part)
            if matched is not None:
                said.update(read(matched))
                break
        else:
            return None
    return said or None


def _old_moved(text: str) -> Any:
    """ "moved from X", with "(another feeder: A → B, …)" after it when it was."""
    moved = note_recognised(text, ("outage_moved",))
    if moved is not None:
        return _part(moved)
    head, space, tail = text.partition(" ")
    while space:
        moved = note_recognised(head, ("outage_moved",))
        across = note_recognised(tail, ("moved_feeder",))
        if moved is not None and across is not None:
            return note_part("parts", sep="space", parts=[_part(moved), _part(across)])
        more, space, tail = tail.partition(" ")
        head = f"{head} {more}"
    return None


def _old_confirmed(note: str) -> Said | None:
    """A recording from the engine's prediction: what the engine saw, or the device it was
    moved from, after "recorded at intake from the call of …" when it was."""
    parts: list[Any] = []
    rest = note
    separator = _words()["list"]
    head, found, tail = note.partition(separator)
    while found:
        intake = note_recognised(head, ("recorded_from_call",))
        if intake is not None:
            parts.append(_part(intake))
            rest = tail
            break
        more, found, tail = tail.partition(separator)
        head = f"{head}{separator}{more}"
    evidence = _old_evidence(rest)
    main = note_part("engine_evidence", **evidence) if evidence else _old_moved(rest)
    if main is None:
        return None
    if not parts:
        return main["code"], main["args"]
    return "parts", {"sep": "list", "parts": [*parts, main]}


def _old_cause(note: str) -> Said | None:
    """ "树障 02号杆旁树枝压线": the kind's label in the station's words, then the crew's."""
    for label, kind in _words()["causes"].items():
        if note == label or note.startswith(f"{label} "):
            return "outage_cause", {"kind": kind, "words": note[len(label) :].strip()}
    return None


def _old_found(note: str) -> Said | None:
    """ "P-02/span 左门线 01–02号杆档距 · 树障": the place's key and name, the kind of cause."""
    place, dot, label = note.rpartition(" · ")
    kind = _words()["causes"].get(label)
    key, space, where = place.partition(" ")
    if not (dot and space and kind):
        return None
    span = note_recognised(where, ("span",))
    return "found_place", {
        "key": key,
        "place": _part(span) if span is not None else where,
        "kind": kind,
    }


def _old_orders(note: str) -> Said | None:
    """Order numbers joined with the station's list separator."""
    numbers = note.split(_words()["list"])
    if not all(re.fullmatch(r"[\w-]+", n) for n in numbers):
        return None
    return "items", {"items": numbers}


def _old_partly(note: str) -> Said | None:
    """ "X households back, Y still out (open: A、B)", then " · " and the crew's words."""
    head, typed = note, ""
    found = note_recognised(head, ("outage_partly_back",))
    if found is None and " · " in note:
        head, _dot, typed = note.partition(" · ")
        found = note_recognised(head, ("outage_partly_back",))
    if found is None:
        return None
    code, args = found
    codes = str(args["codes"]).split(_words()["list"])
    line = note_part(code, **{**args, "codes": note_part("items", items=codes)})
    if not typed:
        return line["code"], line["args"]
    return "parts", {"sep": "dot", "parts": [line, typed]}


def _old_moved_window(note: str) -> Said | None:
    """A planned outage moved: its windows and reason (data), and whether what callers are
    told was kept as staff wrote it (a sentence of the station's)."""
    head, space, tail = note.partition(" ")
    while space:
        if note_recognised(tail, ("notice_kept",)) is not None:
            return "parts", {"sep": "space", "parts": [head, note_part("notice_kept")]}
        more, space, tail = tail.partition(" ")
        head = f"{head} {more}"
    return None


_OLD_READERS: dict[str, Callable[[str], Said | None]] = {
    "confirmed": _old_confirmed,
    "cause_found": _old_cause,
    "found_here": _old_found,
    "orders_joined": _old_orders,
    "partly_restored": _old_partly,
    "rescheduled": _old_moved_window,
    "short_notice": _old_moved_window,
}
