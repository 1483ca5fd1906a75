"""What a change that texts at once reaches, said before staff make it (``reach_words`` says it):
recording a fault outage (``outage_known_reach``), announcing or moving a planned one
(``planned_reach``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from powerdesk.notifications.models import Audience, Channel, Event
from powerdesk.notifications.outage_notices import device_recipients
from powerdesk.notifications.services import Recipient, audiences, recipients_unique
from powerdesk.notifications.told import AlreadyTold, outage_already_told

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


def outage_known_reach(
    station: Station,
    device: GridNode,
    *,
    starts_at: dt.datetime | None = None,
    expected_restore_at: dt.datetime | None = None,
) -> Reach:
    """What a fault outage recorded now on ``device`` texts (``notify_outage_known``, to whom
    the station chose): the households already told of an open outage below or above it left
    out, but for those a wider outage above told an earlier time than its own, who are texted
    it (``outage_known.texted_later_than_wider``); and those its first text spares with their
    villages' liaisons (a wider outage above keeps them dark until later than its time:
    ``outage_known.spared_under_later_wider``): said before staff record one. ``starts_at``,
    ``expected_restore_at``: the outage's as it would be recorded (by default off from now, no
    time given: the model's estimate is told)."""
    told = outage_already_told(station.pk, device)
    told, spare = _spared(station, device, told, starts_at, expected_restore_at)
    return reach_of(
        device_recipients(
            station,
            device,
            Event.OUTAGE_KNOWN,
            "outage_known",
            skip=told.customers,
            spare=spare,
        ),
        households=households_below_count(device),
        told=A.HOUSEHOLDS in audiences(station.pk, Event.OUTAGE_KNOWN),
        already=len(told.customers),
        already_above=len(told.above),
    )


def _spared(
    station: Station,
    device: GridNode,
    told: AlreadyTold,
    starts_at: dt.datetime | None,
    expected_restore_at: dt.datetime | None,
) -> tuple[AlreadyTold, frozenset[int]]:
    """``told`` without the households the first text of an outage recorded now on ``device``
    would text its later time all the same (a wider outage above told them an earlier one:
    ``outage_known.texted_later_than_wider``), and the households it would spare (a wider one
    keeps them dark until later), reckoned on a stand-in for it (never stored), as the sending
    reckons them on the outage (none, without a query, unless a wider outage above told some
    of them, or the station texts liaisons and not households: ``wider_may_hold``)."""
    from powerdesk.notifications.outage_known import (
        spared_under_later_wider,
        texted_later_than_wider,
        told_again,
        wider_may_hold,
    )

    if not wider_may_hold(station.pk, told):
        return told, frozenset()
    from django.utils import timezone

    from powerdesk.outages.etr import etr_for_unrecorded
    from powerdesk.outages.models import Outage

    now = timezone.now()
    starts_at = min(starts_at or now, now)
    at = expected_restore_at
    if at is None:
        # The model's time, as its first text would tell it (``restoration_of``): none past.
        at = etr_for_unrecorded(station.pk, device, starts_at, now=now).at
        if at <= now:
            return told, frozenset()
    stand_in = Outage(
        pk=-1, station=station, device=device, kind=Outage.Kind.UNPLANNED, starts_at=starts_at
    )
    told = told_again(told, texted_later_than_wider(stand_in, told, at=at))
    return told, spared_under_later_wider(stand_in, told, at=at)


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
