"""An outage's history as the board draws it (``board_row.Step``): who recorded it, the calls
joined, the dispatch, the cause, the restore, the callbacks and the close, each with who and
when. Kept readable once the outage leaves the board (walk78 M1): the restored rows of
``/outages/`` fold it out, and the outage's own page (``views_history``) lists it."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch
from django.http import HttpRequest

from powerdesk.outages.board_row import Step
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.steps import step_label

__all__ = ["CALLBACK_STEPS", "EVENTS", "outage_steps", "reads_callbacks", "steps_of"]

# The prefetch that ``outage_steps`` reads (one query for all the outages listed).
EVENTS = Prefetch("events", OutageEvent.objects.select_related("by").order_by("at", "pk"))


# The lines of its callbacks (who was called, what they said): read only by those the callbacks
# page is open to (a crew member reads none, as the restored rows' callback fold says).
CALLBACK_STEPS = frozenset(
    {"callback_given_up", "callback_put_back", "callback_by_order", "callback_tried"}
)


def outage_steps(events: Iterable[OutageEvent], *, callbacks: bool = True) -> list[Step]:
    """Each line of an outage's history in the reader's language, oldest first (without
    ``callbacks``, leaving out the lines of its callbacks)."""
    return [
        Step(e.at, str(e.by or ""), step_label(e.what), e.shown_note, e.what)
        for e in events
        if callbacks or e.what not in CALLBACK_STEPS
    ]


def steps_of(outage: Outage, *, callbacks: bool = True) -> list[Step]:
    return outage_steps(outage.events.all(), callbacks=callbacks)


def reads_callbacks(request: HttpRequest) -> bool:
    """Whether the callbacks page is open to the person (a crew member reads none)."""
    from powerdesk.accounts.pages import PAGES

    return bool(PAGES["servicedesk:callbacks"].view & getattr(request, "roles", frozenset()))
