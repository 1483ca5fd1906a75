"""Whether a crew being sent to a job was sent to it before, so that its text says it is sent
again and that the withdrawal it was told of no longer holds (walk58 L6, fix59a): one rule for
a work order's history (``order_dispatch``) and an outage's (``outages.life``)."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["AGAIN", "ALREADY", "SENT", "SENT_AGAIN", "mark_sent", "sent_before", "sent_how"]


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


# How a crew's dispatch went, for the page that asked it to say so (walk61 M2, L1): the crew was
# on the job already (nothing stored, nobody told), sent to it again after it was taken off
# (its history line and its text say so), or sent.
ALREADY, AGAIN, SENT = "already", "again", "sent"
# The code of a dispatch line that sends a crew again (``history_messages``): the work order's
# "dispatched" line and the outage's alike, drawn in the reader's language.
SENT_AGAIN = "crew_sent_again"


def sent_how(job: object) -> str:
    """How the dispatch that returned ``job`` (a work order or an outage) went: ``ALREADY``,
    ``AGAIN`` or ``SENT`` (``mark_sent``)."""
    how = getattr(job, "_sent_how", SENT)
    return how if how in (ALREADY, AGAIN) else SENT


def mark_sent(job: object, how: str) -> None:
    """Say on the object a dispatch returns how it went (``sent_how``): the page asking reads
    it, never a second query that a double click could have changed meanwhile."""
    setattr(job, "_sent_how", how)  # noqa: B010 (not a field of the model)
