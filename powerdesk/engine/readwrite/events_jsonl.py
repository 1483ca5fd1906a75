"""The event stream of the file contract (EVENTS.jsonl), read with errors that name the line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from powerdesk.engine.errors import EventError, InputProblem
from powerdesk.engine.model.events import CUSTOMER_EVENTS, DEVICE_EVENTS, Event, EventType

__all__ = [
    "CUSTOMER_EVENTS",
    "DEVICE_EVENTS",
    "Event",
    "EventError",
    "EventType",
    "parse_event",
    "read_events",
]


def parse_event(text: str, *, file: str = "EVENTS.jsonl", line: int = 0) -> Event:
    """One event from one JSON line; raises ``EventError`` saying what is wrong.

    >>> parse_event('{"t": 60, "type": "call", "customer": "C1"}')
    Event(t=60.0, type=<EventType.CALL: 'call'>, target='C1', line=0)
    >>> parse_event('{"t": 60, "type": "fire"}')
    Traceback (most recent call last):
    ...
    powerdesk.engine.errors.EventError: EVENTS.jsonl, line 0: unknown event type 'fire'
    """

    def problem(message: str) -> EventError:
        return EventError(InputProblem(file, line, message))

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise problem(f"not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise problem("each line must be a JSON object")
    name = data.get("type")
    try:
        kind = EventType(name if isinstance(name, str) else "")
    except ValueError:
        raise problem(f"unknown event type {name!r}") from None
    t = data.get("t")
    if isinstance(t, bool) or not isinstance(t, int | float) or t != t:
        raise problem(f"'t' must be a number of seconds, not {t!r}")
    field = kind.target
    target = data.get(field)
    if not isinstance(target, str) or not target:
        if isinstance(target, int) and not isinstance(target, bool):
            target = str(target)
        else:
            raise problem(f"a {kind} event needs a {field!r} string")
    return Event(float(t), kind, target, line)


def read_events(path: str | Path) -> Iterator[Event]:
    """Events of an EVENTS.jsonl file in order; time must not go backwards.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "EVENTS.jsonl"
    >>> _ = path.write_text('{"t": 60, "type": "call", "customer": "C1"}\\n\\n'
    ...                     '{"t": 30, "type": "restore", "device": "T"}\\n')
    >>> events = read_events(path)
    >>> next(events).target
    'C1'
    >>> next(events)
    Traceback (most recent call last):
    ...
    powerdesk.engine.errors.EventError: EVENTS.jsonl, line 3: t=30 is earlier than the line ...
    """
    path = Path(path)
    last = float("-inf")
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise EventError(InputProblem(path.name, 0, f"cannot be read: {exc.strerror}")) from None
    with handle:
        line = 0
        try:
            for line, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                event = parse_event(text, file=path.name, line=line)
                if event.t < last:
                    raise EventError(
                        InputProblem(
                            path.name,
                            line,
                            f"t={event.t:g} is earlier than the line before "
                            f"(t={last:g}); events must be sorted by time",
                        )
                    )
                last = event.t
                yield event
        except UnicodeDecodeError:
            raise EventError(InputProblem(path.name, line + 1, "is not UTF-8 text")) from None
