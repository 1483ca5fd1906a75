"""What a change that texts at once reaches, said before staff make it (``reach_words`` says it):
recording a fault outage (``outage_known_reach``), announcing or moving a planned one
(``planned_reach``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from powerdesk.notifications.models import Audience, Channel, Event
from powerdesk.notifications.outage_notices import device_recipients
from powerdesk.notifications.services import Recipient, audiences, recipients_unique
from powerdesk.notifications.told import outage_already_told

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.network.models import GridNode

__all__ = ["Reach", "households_below_count", "outage_known_reach", "planned_reach", "reach_of"]

A = Audience


@dataclass(frozen=True)
class Reach:
    """What a change that texts at once reaches, said before staff make it: the households it
    concerns (below the device), those of them that get a text message (a mobile on file), and
    the text messages it sends — counted from the very recipients the sending uses
    (``recipients_unique``), liaisons' and staff's included."""

    households: int
    texted: int
    messages: int
    told: bool = True  # False: the station does not text households of this event
    # Households left out as already told (``told.outage_already_told``): texted of an open
    # outage below or above, they get no second text; ``already_above``: those of them told of
    # a wider outage above.
    already: int = 0
    already_above: int = 0

    @property
    def untexted(self) -> int:
        """Households it concerns that get no text message and were not told already: told
        by a liaison or a visit."""
        return max(self.households - self.texted - self.already, 0)


def reach_of(
    recipients: list[Recipient],
    *,
    households: int,
    told: bool = True,
    already: int = 0,
    already_above: int = 0,
) -> Reach:
    """The reach of sending to ``recipients`` (as ``notice_raise`` sends: once an address)."""
    sms = [r for r in recipients_unique(recipients) if r.channel == Channel.SMS]
    texted = len({r.who["customer_id"] for r in sms if "customer_id" in r.who})
    return Reach(
        households=households,
        texted=texted,
        messages=len(sms),
        told=told,
        already=already,
        already_above=already_above,
    )


def households_below_count(device: GridNode) -> int:
    """The households supplied through ``device``, with a mobile phone or not."""
    from powerdesk.outages.joined import customers_below

    return customers_below(device).count()


def outage_known_reach(station: Station, device: GridNode) -> Reach:
    """What a fault outage recorded now on ``device`` texts (``notify_outage_known``, to whom
    the station chose), the households already told of an open outage below or above it left
    out: said before staff record one."""
    told = outage_already_told(station.pk, device)
    return reach_of(
        device_recipients(station, device, Event.OUTAGE_KNOWN, "outage_known", skip=told.customers),
        households=households_below_count(device),
        told=A.HOUSEHOLDS in audiences(station.pk, Event.OUTAGE_KNOWN),
        already=len(told.customers),
        already_above=len(told.above),
    )


def planned_reach(station: Station, device: GridNode, template: str = "planned_announced") -> Reach:
    """What a planned outage on ``device`` announced (or moved: ``template``) now texts
    (``notify_planned_announced``, ``notify_planned_moved``): said before staff do it."""
    return _event_reach(station, device, Event.PLANNED_ANNOUNCED, template)


def _event_reach(station: Station, device: GridNode, event: str, template: str) -> Reach:
    return reach_of(
        device_recipients(station, device, event, template),
        households=households_below_count(device),
        told=A.HOUSEHOLDS in audiences(station.pk, event),
    )
