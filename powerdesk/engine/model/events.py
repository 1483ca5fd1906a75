"""The events of the file contract: their types, and one event as read."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["CUSTOMER_EVENTS", "DEVICE_EVENTS", "Event", "EventType"]


class EventType(StrEnum):
    """The kinds of event of the contract; each is equal to its name in the files.

    >>> EventType("call") is EventType.CALL, EventType.CALL == "call"
    (True, True)
    >>> EventType.RESTORE.target
    'device'
    """

    CALL = "call"  # a customer says their power is off
    AMI_OFF = "ami_off"  # a meter's last gasp
    AMI_ON = "ami_on"  # a meter says power is back
    CALL_ON = "call_on"  # a customer says power is on (often when called back)
    SCADA_OPEN = "scada_open"
    SCADA_CLOSE = "scada_close"
    CONFIRM_OPEN = "confirm_open"  # a crew found a device open
    RESTORE = "restore"  # a crew closed a device (or repaired a customer's supply) again
    REJECT = "reject"  # staff say a predicted outage of this device (or customer) is not one
    CHECKPOINT = "checkpoint"  # the picture is wanted now

    @property
    def target(self) -> str:
        """The field of the event's JSON line that names what it is about."""
        if self in CUSTOMER_EVENTS:
            return "customer"
        return "device" if self in DEVICE_EVENTS else "id"


CUSTOMER_EVENTS = frozenset(
    {EventType.CALL, EventType.AMI_OFF, EventType.AMI_ON, EventType.CALL_ON}
)
DEVICE_EVENTS = frozenset(
    {
        EventType.SCADA_OPEN,
        EventType.SCADA_CLOSE,
        EventType.CONFIRM_OPEN,
        EventType.RESTORE,
        EventType.REJECT,
    }
)


@dataclass(frozen=True, slots=True)
class Event:
    t: float
    type: EventType
    target: str  # the customer, the device or the checkpoint id
    line: int = 0
