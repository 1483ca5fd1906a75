"""A line of a work order's history (``WorkOrderEvent``): every change of an order writes one,
typed by a person or said by the system (``history_notes.note_said``: drawn in the reader's
language). Used by ``services`` and the modules of an order's life."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from powerdesk.servicedesk.models import WorkOrderEvent

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.servicedesk.models import WorkOrder

__all__ = ["BY_KEY", "DISPATCHED_CREW", "SENDING", "order_event"]


# The key of a dispatch line's ``note_args`` that holds the id of the crew sent.
DISPATCHED_CREW = "crew"
# The key of a dispatch line's ``note_args`` that marks a new sending of the order: ``after``
# (another crew) or ``sent`` (a crew sent after a recall); its notice's key ends with the mark
# and the line's id (``order_dispatch._present_key``, which reads the lines of before too). A
# dispatch that is not a new sending (a retry, the first sending) has none.
SENDING = "sending"
# The key of a line's ``note_args`` that names the API key a system made the change with (no
# person: ``by`` empty), shown as who (``WorkOrderEvent.by_shown``: a key's callback said "—").
BY_KEY = "by_key"


def order_event(
    order: WorkOrder,
    user: User | None,
    kind: str,
    *,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    at: dt.datetime | None = None,
    said: dict[str, Any] | None = None,
    key: Any = None,
) -> WorkOrderEvent:
    """A line of the order's history: ``note`` as typed, or ``said`` by the system
    (``history_notes.note_said``: drawn in the reader's language). ``key``: the API key a
    system made the change with (``user`` None), named as who (``BY_KEY``)."""
    fields: dict[str, Any] = dict(said or {"note": note})
    if user is None and key is not None:
        fields["note_args"] = {**(fields.get("note_args") or {}), BY_KEY: key.name}
    return WorkOrderEvent.objects.create(
        work_order=order,
        at=at or timezone.now(),
        by=user,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        **fields,
    )
