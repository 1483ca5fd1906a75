"""What taking a call did (``CallTaken``), and the refusal of a call the telephone system logged
already (``CallAlreadyLogged``): said by ``call_take``, read by its callers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage, Signal
    from powerdesk.servicedesk.models import Call, Feedback, WorkOrder

__all__ = ["CallAlreadyLogged", "CallTaken"]


class CallAlreadyLogged(Exception):
    """The telephone system's call id was logged already (by another page or a retry)."""

    def __init__(self, call: Call) -> None:
        super().__init__(call.pk)
        self.call = call


@dataclass(frozen=True)
class CallTaken:
    call: Call
    work_order: WorkOrder | None = None
    feedback: Feedback | None = None
    joined: bool = False
    outage: Outage | None = None  # the outage the call joined
    outage_recorded: bool = False  # ... recorded by this call, from the engine's prediction
    repeat: bool = False  # the caller rang about the order before (``repeats``)
    waits: bool = False  # kept with the prediction, for the outage once recorded
    signal: Signal | None = None  # the engine's signal the call made (``signal_from_call``)
