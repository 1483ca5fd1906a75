"""The lines the system writes in a history ("joined to the outage on …", "power is back (outage
restored)" on a work order, "120 households reached" on an outreach visit, "written notice sent
by text message" on an arrears case), said in the reader's language.

Such a line is stored as what it says — a code and its arguments (``WorkOrderEvent.note_code``,
``note_args``) — and drawn at display time with the reader's catalogue, so that a page in English
says "Joined to the outage on …" where the station's Chinese history says "已并入…停电". The note
in the station's language is stored too, for the exports, the search and the API, which read
``note``. Lines written before the codes were kept (only their Chinese text) are recognised by
the station's wording of the same messages and drawn the same way; any other note (what a person
typed) is shown as it was written. The messages themselves, by code: ``history_messages``.

>>> from django.utils import translation
>>> line = note_said("outage_restored")
>>> line["note"], line["note_code"]
('已复电（停电事件已恢复）。', 'outage_restored')
>>> with translation.override("en"):
...     note_shown("outage_restored", {}, "已复电（停电事件已恢复）。")
'Power is back (outage restored).'
>>> with translation.override("en"):  # a line stored before the codes
...     note_shown("", {}, "已复电（停电事件已恢复）。")
'Power is back (outage restored).'
>>> note_shown("", {}, "换了表箱的锁")  # typed by a person: as written
'换了表箱的锁'
"""

from __future__ import annotations

import functools
import re
from typing import Any

from django.conf import settings
from django.utils import translation

from powerdesk.lib.language import station_language
from powerdesk.servicedesk.history_messages import NARROW, NESTED, Composed, Counted
from powerdesk.servicedesk.history_messages import NOTES as _MESSAGES
from powerdesk.servicedesk.history_nothing import NOTHING_FOUND_NOTES
from powerdesk.servicedesk.history_second import SECOND_MATTER_NOTES

# Every message by code: ``history_messages``', the second matter's (``history_second``) and a
# crew's "nothing found" (``history_nothing``).
NOTES: dict[str, Any] = {**_MESSAGES, **SECOND_MATTER_NOTES, **NOTHING_FOUND_NOTES}

__all__ = [
    "note_part",
    "note_recognised",
    "note_said",
    "note_shown",
]


def note_part(code: str, /, **args: Any) -> dict[str, Any]:
    """A message as the argument of another (``note_said("parts", parts=[note_part(…), …])``),
    drawn in the same language as the line."""
    return {"code": code, "args": args}


def note_said(code: str, /, **args: Any) -> dict[str, Any]:
    """A history line's fields: its code and arguments, and its words in the station's
    language (``WorkOrderEvent.objects.create(..., **note_said("joined_outage", device=…))``)."""
    with station_language():
        note = _render(code, args)
    return {"note": note, "note_code": code, "note_args": args}


def note_shown(code: str, args: dict[str, Any], note: str, *, also: tuple[str, ...] = ()) -> str:
    """A history line in the reader's language: by its code, else by the station's wording of
    a known message (a line stored before the codes), else as it was written. ``also``: the
    ``NARROW`` messages this line may be (a joined call's line may be "caller：words")."""
    if code in NOTES:
        try:
            return _render(code, _in_house_read(code, args))
        except (KeyError, TypeError, ValueError):
            return note
    found = _recognised(note, also)
    if found is None:
        return note
    code, args = found
    args = _in_house_read(code, args)
    for name, codes in NESTED.get(code, {}).items():
        inner = _recognised(str(args.get(name, "")), codes, only=codes)
        if inner is not None:
            args = {**args, name: note_part(inner[0], **inner[1])}
    try:
        return _render(code, args)
    except (KeyError, TypeError, ValueError):
        return note


def note_recognised(note: str, codes: tuple[str, ...]) -> tuple[str, dict[str, Any]] | None:
    """Which of the messages ``codes`` ``note`` is, by the station's wording, and its
    arguments; None when it is none of them (for readers of older lines made of several)."""
    return _recognised(note, codes, only=codes)


# A cause found inside the customer's house, stored before its kind was kept as a code: the
# kind's words in the language of the crew's screen ("查明原因：Inside the customer's house (no
# grid device) · …" on a Chinese page: walk61, M3), read back as the kind and the crew's words.
# Those in the database were rewritten in the form recorded now (migration servicedesk 0047, the
# stored note too); a line in another shape (a restored backup's, an import's) still reads right.
IN_HOUSE_KIND = "Inside the customer's house (no grid device)"


@functools.cache
def _in_house_words() -> tuple[str, ...]:
    words = {IN_HOUSE_KIND}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            words.add(translation.gettext(IN_HOUSE_KIND))
    return tuple(sorted(words, key=len, reverse=True))


def _in_house_read(code: str, args: dict[str, Any]) -> dict[str, Any]:
    """``cause_found``'s arguments with a cause stored as the in-house kind's words (in any
    language) and what the crew typed read as the kind (``in_house_cause``): drawn in the
    reader's words."""
    cause = args.get("cause") if code == "cause_found" else None
    if not isinstance(cause, str):
        return args
    for kind in _in_house_words():
        if cause == kind or cause.startswith(kind + " · "):
            words = cause[len(kind) :].removeprefix(" · ")
            return {**args, "cause": note_part("in_house_cause", words=words)}
    return args


def _render(code: str, args: dict[str, Any]) -> str:
    message = NOTES[code]
    values = {k: _value(v) for k, v in args.items()}
    if code == "call_joined" and not str(values.get("who", "")).strip():
        # No caller to name (a line of a call without one, stored as "：还是没电"): the words
        # alone, never a label separator with no label before it.
        return str(values.get("text", ""))
    if isinstance(message, Composed):
        return message.compose(values)
    if isinstance(message, Counted):
        return str(message.forms(int(values[message.count])) % values)
    return str(message % values) if values or "%%" in str(message) else str(message)


def _value(value: Any) -> Any:
    """An argument as the line says it: a message (``note_part``) drawn, a list item by item."""
    if isinstance(value, dict) and "code" in value:
        return _render(value["code"], value.get("args") or {})
    if isinstance(value, list):
        return [_value(v) for v in value]
    return value


def _recognised(
    note: str, also: tuple[str, ...] = (), *, only: tuple[str, ...] = ()
) -> tuple[str, dict[str, Any]] | None:
    if not note:
        return None
    for code, pattern in _patterns(translation.get_language() or "", settings.LANGUAGE_CODE):
        if (code in NARROW and code not in also) or (only and code not in only):
            continue
        matched = pattern.fullmatch(note)
        if matched is not None:
            args: dict[str, Any] = {
                k: int(v) if k.endswith("__d") else v for k, v in matched.groupdict().items()
            }
            return code, {k.removesuffix("__d"): v for k, v in args.items()}
    return None


_PLACEHOLDER = re.compile(r"%\\\((\w+)\\\)(\.\d+)?([sdf])")


@functools.cache
def _patterns(_reader: str, station: str) -> list[tuple[str, re.Pattern[str]]]:
    """Each message as the station's catalogue words it, as a pattern of its arguments. Kept
    per language pair (``_reader`` only keys the cache)."""
    found: list[tuple[str, re.Pattern[str]]] = []
    with translation.override(station):
        for code, message in NOTES.items():
            if isinstance(message, Composed):
                continue
            wordings = (
                dict.fromkeys(message.forms(n) for n in (1, 2, 5))
                if isinstance(message, Counted)
                else [str(message)]
            )
            for wording in wordings:
                found.append((code, re.compile(_as_pattern(wording), re.S)))
    return found


def _as_pattern(wording: str) -> str:
    escaped = re.escape(wording)
    seen: set[str] = set()

    def group(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in seen:
            return f"(?P={name}{'__d' if m.group(3) == 'd' else ''})"
        seen.add(name)
        if m.group(3) == "d":
            return rf"(?P<{name}__d>\d+)"
        return rf"(?P<{name}>.+?)"

    return _PLACEHOLDER.sub(group, escaped)
