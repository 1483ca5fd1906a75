"""An outage's history as the board draws it (``board_row.Step``): who recorded it, the calls
joined, the dispatch, the cause, the restore, the callbacks and the close, each with who and
when. Kept readable once the outage leaves the board (walk78 M1): the restored rows of
``/outages/`` fold it out, and the outage's own page (``views_history``) lists it."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch

from powerdesk.outages.board_row import Step
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.steps import step_label

__all__ = ["EVENTS", "outage_steps"]

# The prefetch that ``outage_steps`` reads (one query for all the outages listed).
EVENTS = Prefetch("events", OutageEvent.objects.select_related("by").order_by("at", "pk"))


def outage_steps(events: Iterable[OutageEvent]) -> list[Step]:
    """Each line of an outage's history in the reader's language, oldest first."""
    return [Step(e.at, str(e.by or ""), step_label(e.what), e.shown_note, e.what) for e in events]


def steps_of(outage: Outage) -> list[Step]:
    return outage_steps(outage.events.all())
