"""Whether a crew being sent to a job was sent to it before, so that its text says it is sent
again and that the withdrawal it was told of no longer holds (walk58 L6, fix59a): one rule for
a work order's history (``order_dispatch``) and an outage's (``outages.life``)."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["sent_before"]


def sent_before(crew_id: int, lines: Iterable[tuple[bool, object]]) -> bool:
    """Whether the crew ``crew_id`` was sent before, of a job's history lines in the order they
    were written, each ``(anew, crew)``: ``anew`` when the line began the job anew (an order
    reopened: a new job, not a sending again), ``crew`` the id of the crew the line sent (None
    for a line that sent none, or one written before lines named the crew by id: it counts
    not)."""
    sent = False
    for anew, crew in lines:
        if anew:
            sent = False
        elif crew == crew_id:
            sent = True
    return sent
