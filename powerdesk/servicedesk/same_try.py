"""A callback's try sent again: the one guard of a work order's callbacks
(``callbacks.callback_record``) and of an outage's callback list (``outages.callback_tries``).

A try that reached nobody ("not reached", "call again later") recorded again by the same person
with the same outcome and words within ``SAME_TRY_WITHIN`` is the same try sent twice — a double
click, a retry whose answer was lost, the page and the API at once — not a second call: it
answers the first. Whatever others tried in between (clerk A, clerk B, A's page sent again: two
tries, not three). A second real try at the same number takes longer than this (dialling,
ringing out, a note); counted twice, one press was two calls in the monthly report and two lines
on the order (probe71 L1). Read with the callback's row held by the caller, so two sent at once
find each other."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone

__all__ = ["SAME_TRY_WITHIN", "sent_again"]

SAME_TRY_WITHIN = dt.timedelta(seconds=60)


def sent_again[T: Model](tries: QuerySet[T], *, at: str, **same: Any) -> T | None:
    """The latest of ``tries`` kept in the last ``SAME_TRY_WITHIN`` (``at``: its time field)
    with ``same`` (who, the outcome, the words, each by its field's name), or None: a new try."""
    return (
        tries.filter(**same, **{f"{at}__gte": timezone.now() - SAME_TRY_WITHIN})
        .order_by(f"-{at}", "-pk")
        .first()
    )
