"""A danger reported in the area of an outage (a line down or low, a pole fallen, a wire arcing:
an open order of the servicedesk's hazard category) is linked to it, never merged into it.

One fault is often both: the wire that fell took the fuse with it, and the households below it
call "no power" while a passer-by calls "the wire is down on the road". Handled apart, two crews
go to one fault, and the outage's crew walks the line not knowing where the wire lies. So:

- the board's row of an outage (recorded, or the engine's prediction) and the outage's pages say
  the open hazard orders in its area, each a line with its order, place and time
  (``fill_hazards``: one query for every row of a drawing, ``HazardLine``);
- the outage's crew reads them on its phone's card and on the patrol list (what the caller said
  too), to go there first;
- the hazard order's page and the clerk's answer at intake say the outage it may be part of and
  where its crew is (``outages_over_hazard``, with ``tell_caller``'s script);
- the hazard stays its own urgent order: the clerk may send it to the outage's crew in one click
  (``hazard_to_outage_crew``), which the crew's phone then lists as its job, a line in both
  histories; the same press sent twice sends it once.

What "in its area" means, by how the order is placed: its household's transformer area is
below the outage's open devices; else (a passer-by, a liaison's report) its village group is
among the groups of the households below; else, with only a village known, that village is.
A household whose transformer is known and not below is not in the area by its group or village
(they may be shared with the dark transformer's households: review 37, 7), unless the clerk placed
the order elsewhere than its home (the danger is where the clerk chose: the place decides then).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.outages.hazard_lines import HazardLine, fill_hazards, hazards_of
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import Category, WorkOrder, WorkOrderStatus
from powerdesk.servicedesk.models.status import OPEN_STATUSES

if TYPE_CHECKING:
    from powerdesk.accounts.models import Crew, User
    from powerdesk.outages.models import Outage, PredictedOutage

__all__ = [
    "HazardError",
    "HazardLine",
    "OverHazard",
    "fill_hazards",
    "hazard_to_outage_crew",
    "hazards_of",
    "held_words",
    "outages_over_hazard",
]

S = WorkOrderStatus
# The statuses from which a hazard order may be sent to a crew (not yet on site).
SENDABLE = (S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY)


class HazardError(Exception):
    """A hazard order not sent to the outage's crew, with the reason."""


@dataclass
class OverHazard:
    """An outage (recorded, or the engine's prediction) whose area holds a hazard order: what
    the hazard's page and the clerk say of it."""

    outage: Outage | None
    prediction: PredictedOutage | None
    device: Any  # the GridNode
    tell: str  # what to tell the caller: the danger's own script (``tell_caller.hazard_tell``)
    crew: Crew | None  # the outage's crew, if one works it
    sendable: bool  # the hazard may be sent to that crew now (not already with it)
    # Another crew the hazard is with (sent, or on the way): sent to the outage's crew only when
    # the clerk confirms taking it from that one (``hazard_to_outage_crew``'s ``take_from``),
    # with ``held`` saying where that crew is.
    held_by: Crew | None = None
    held: str = ""
    # The hazard order came by a call; opened by hand (no call), the script is the reporter's.
    called: bool = True

    @property
    def key(self) -> str:
        if self.outage is not None:
            return f"outage-{self.outage.pk}"
        assert self.prediction is not None
        return f"prediction-{self.prediction.pk}"


def outages_over_hazard(order: WorkOrder) -> list[OverHazard]:
    """The outages whose area holds the hazard ``order`` (recorded ones first, then the engine's
    predictions nobody recorded), with what to tell its caller and the crew to send it to; none
    for an order that is not an open hazard."""
    from powerdesk.outages.board import live_rows
    from powerdesk.outages.crew import outages_crews
    from powerdesk.servicedesk.tell_caller import hazard_tell

    if order.category != Category.HAZARD or order.status not in OPEN_STATUSES:
        return []
    rows = live_rows(order.station, history=False)
    fill_hazards(order.station_id, rows)
    # A planned outage's area is the station's own work, not a fault the danger may be part of.
    mine = [
        r
        for r in rows
        if any(h.order_id == order.pk for h in r.hazards)
        and (r.outage is None or r.outage.kind == r.outage.Kind.UNPLANNED)
    ]
    recorded = [r.outage for r in mine if r.outage is not None]
    called = all(h.called for r in mine for h in r.hazards if h.order_id == order.pk)
    crews = outages_crews(recorded)
    found = []
    for row in sorted(mine, key=lambda r: r.outage is None):
        if row.outage is not None:
            outage_crews = crews.get(row.outage.pk, [])
            crew = outage_crews[0] if outage_crews else None
            sendable = (
                crew is not None
                and order.crew_id != crew.pk
                and order.status in SENDABLE
                and order.paused_at is None
            )
            held_by = order.crew if sendable and order.crew_id is not None else None
            found.append(
                OverHazard(
                    outage=row.outage,
                    prediction=None,
                    device=row.device,
                    # The danger's own script, never the outage's "we call you back when the
                    # power is back" (walk38, 1): the hazard is its own urgent order.
                    tell=hazard_tell(),
                    called=called,
                    crew=crew,
                    sendable=sendable,
                    held_by=held_by,
                    held=held_words(order) if held_by is not None else "",
                )
            )
        elif row.prediction is not None and row.device is not None:
            found.append(
                OverHazard(
                    outage=None,
                    prediction=row.prediction,
                    device=row.device,
                    tell=hazard_tell(),
                    called=called,
                    crew=None,
                    sendable=False,
                )
            )
    return found


def held_words(order: WorkOrder) -> str:
    """Where the crew the hazard ``order`` is with stands: "抢修二班 is on the way to it"."""
    crew = order.crew.name if order.crew is not None else ""
    if order.status == S.ON_THE_WAY:
        return _("%(crew)s is on the way to it.") % {"crew": crew}
    return _("%(crew)s was sent to it and may already be on the way.") % {"crew": crew}


@transaction.atomic
def hazard_to_outage_crew(
    *, order: WorkOrder, outage: Outage, user: User | None, take_from: int | None = None
) -> bool:
    """Send the hazard ``order`` to the crew of ``outage`` whose area holds it (the order stays
    its own urgent order, never joined to the outage). A line in the order's history and in the
    outage's. The same press sent again (the order already with that crew) changes nothing:
    False then, True when sent.

    Safe in one click only while no other crew has the order (review 37, 5): a crew already
    sent or on its way to the danger is told of the move in PowerDesk only, and may be where no
    signal reaches. Taken from it only when the clerk confirms, naming it (``take_from``: that
    crew's id, as the page showed it; another crew since asks again). Not while the order's clock
    is paused."""
    from powerdesk.outages.crew import outage_crew
    from powerdesk.outages.history import outage_history_add
    from powerdesk.outages.models import Outage
    from powerdesk.servicedesk.services import WorkOrderError, work_order_dispatch

    require(user, order.station_id, Do.ORDER_DISPATCH)
    if outage.station_id != order.station_id:
        raise HazardError(_("That outage belongs to another station."))
    locked = WorkOrder.objects.select_for_update().get(pk=order.pk)
    if locked.category != Category.HAZARD:
        raise HazardError(_("Only a hazard order is sent to an outage's crew this way."))
    if outage.status != Outage.Status.ACTIVE or outage.kind != Outage.Kind.UNPLANNED:
        raise HazardError(_("The outage is no longer open: send a crew from the order itself."))
    crew = outage_crew(outage)
    if crew is None:
        raise HazardError(_("No crew works the outage yet: send one to it, or to this order."))
    if locked.crew_id == crew.pk:
        return False  # sent already (a double click, a retry)
    if locked.status not in OPEN_STATUSES:
        raise HazardError(_("The order is no longer open."))
    if locked.status not in SENDABLE:
        raise HazardError(_("A crew is already at the danger: it is not sent to another."))
    if locked.is_paused:
        raise HazardError(_("The clock is paused: resume the work order first."))
    if locked.crew_id is not None and locked.crew_id != take_from:
        raise HazardError(
            _(
                "%(where)s A crew is told of a move only in PowerDesk, not by text message: "
                "call it, then confirm taking the danger from it for %(crew)s."
            )
            % {"where": held_words(locked), "crew": crew.name}
        )
    if not any(h.order_id == locked.pk for h in hazards_of(outage)):
        raise HazardError(_("The danger is not in the outage's area."))
    try:
        work_order_dispatch(work_order=locked, crew=crew, user=user)
    except WorkOrderError as exc:
        raise HazardError(str(exc)) from exc
    from powerdesk.servicedesk.services import order_event

    order_event(
        locked,
        user,
        locked.events.model.Kind.NOTE,
        said=note_said("hazard_to_outage_crew", crew=crew.name, device=str(outage.device)),
    )
    outage_history_add(
        outage,
        user,
        "hazard_sent",
        said=note_said("hazard_sent_to_crew", number=locked.number, crew=crew.name),
    )
    return True
