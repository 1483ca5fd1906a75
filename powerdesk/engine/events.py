"""Moved: the event types to ``powerdesk.engine.model.events``, reading EVENTS.jsonl to
``powerdesk.engine.readwrite.events_jsonl``; these names still import from here."""

from powerdesk.engine.errors import EventError
from powerdesk.engine.model.events import CUSTOMER_EVENTS, DEVICE_EVENTS, Event, EventType
from powerdesk.engine.readwrite.events_jsonl import parse_event, read_events

__all__ = [
    "CUSTOMER_EVENTS",
    "DEVICE_EVENTS",
    "Event",
    "EventError",
    "EventType",
    "parse_event",
    "read_events",
]
