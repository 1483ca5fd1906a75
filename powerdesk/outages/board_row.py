"""A row of the outage board (``board``): one device believed open — a recorded outage, with
the engine's evidence when it sees the same device, or a prediction not yet confirmed or
rejected — with where it is, who is without power, since when, why, the crew, when power is
expected back, and the words the board says of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from powerdesk.outages.estimate_moved import why_shown
from powerdesk.outages.steps import NOT_A_STATE

if TYPE_CHECKING:
    from powerdesk.accounts.models import Crew
    from powerdesk.customers.models import Customer
    from powerdesk.network.models import GridNode
    from powerdesk.notifications.estimates_told import Told
    from powerdesk.outages.board_grid import Below
    from powerdesk.outages.crew_choice import CrewOption
    from powerdesk.outages.estimate_moved import EstimateWhy, Whys
    from powerdesk.outages.etr import Etr
    from powerdesk.outages.hazards import HazardLine
    from powerdesk.outages.liaison_checks import Check, Said
    from powerdesk.outages.models import FoundPlace, Outage, PredictedOutage
    from powerdesk.outages.priority import Priority

__all__ = ["BoardRow", "Step"]


@dataclass(frozen=True)
class Step:
    at: dt.datetime
    by: str
    label: str
    note: str
    what: str = ""  # the ``OutageEvent.what``


@dataclass
class BoardRow:
    state: str  # "predicted", "confirmed" (by the engine) or "declared" (an outage record)
    device: GridNode | None
    customer: Customer | None = None  # a prediction about one customer's own service
    prediction: PredictedOutage | None = None
    outage: Outage | None = None
    crew: Crew | None = None
    location: str = ""  # the line and pole
    places: list[str] = field(default_factory=list)  # "village · group"
    households: int = 0
    medical: int = 0
    elderly: int = 0
    # Customers below who are not ordinary households, by kind (``priority.WEIGHTS``' keys).
    kinds: dict[str, int] = field(default_factory=dict)
    first_sign_at: dt.datetime | None = None
    evidence: str = ""
    history: list[Step] = field(default_factory=list)
    # A fault outage with no cause recorded yet: its restore form asks it (walk78 L5).
    cause_asked: bool = False
    # The devices still open after a partial restore (the households out are below them).
    still_open: list[GridNode] = field(default_factory=list)
    # Who needs power most (``priority.rank_rows``) and which crew to send (``crew_choice``).
    priority: Priority | None = None
    crew_options: list[CrewOption] = field(default_factory=list)
    etr: Etr | None = None  # the restoration estimate (``outages.etr``)
    found: FoundPlace | None = None  # where the crew last said the fault was ("found here")
    # Who is below, as the grid's walk found it (for totals; not drawn: its figures are above).
    below: Below | None = field(default=None, metadata={"drawn": False})
    # Households out below it that reported a fault since its first sign (``fill_callers``).
    callers: int = 0
    # A crew recorded a step at the place (``ON_SITE_STEPS``): confirmed on site.
    on_site: bool = False
    # Who the callers are (for the totals, each once; not drawn: ``callers`` is).
    caller_ids: frozenset[int] = field(default=frozenset(), metadata={"drawn": False})
    # What the households were last texted of the restoration (``estimates_told``): said beside
    # the time shown when the two differ, with whether and when the new one is texted.
    told: Told | None = None
    # The meters pinged about a predicted outage, in words (``pings.ping_words``).
    pings: str = ""
    # The open hazard orders in its area (a line down: ``hazards.fill_hazards``).
    hazards: list[HazardLine] = field(default_factory=list)
    # What to check: a liaison said power is back where a wider outage is still recorded as off
    # (``liaison_checks``; walk44, 2).
    checks: list[Check] = field(default_factory=list)
    # A liaison's report of power back with nothing (left) to check: who, when, how it ended
    # (``liaison_checks``; walk45, 4).
    liaison_said: list[Said] = field(default_factory=list)
    # The last lines that set its time (``estimate_moved``): why it is what it is.
    whys: Whys | None = None

    @property
    def model_why(self) -> EstimateWhy | None:
        """Why the model's time shown moved to it, while it is still that time."""
        at = self.etr.at if self.etr is not None else None
        return why_shown(self.whys, at, staff=False)

    @property
    def staff_why(self) -> EstimateWhy | None:
        """Who set the staff's time shown, when, and why."""
        if self.outage is None or self.outage.expected_restore_at is None:
            return None
        return why_shown(self.whys, self.outage.expected_restore_at, staff=True)

    @property
    def told_apart(self) -> Told | None:
        """What the households were texted, when the time the row shows is another."""
        if self.told is None or not self.told.differs(self._shown_at):
            return None
        return self.told

    @property
    def told_texted_later(self) -> bool:
        """The time shown is far enough from the one texted to be texted too (once the quiet
        time after the last text is over); below that margin it is not texted."""
        shown = self._shown_at
        return self.told is not None and shown is not None and self.told.texted_later(shown)

    @property
    def _shown_at(self) -> dt.datetime | None:
        """The time the row says power is back: the staff's, else the model's."""
        if self.outage is None:
            return None
        return self.etr.best if self.etr is not None else self.outage.expected_restore_at

    @property
    def key(self) -> str:
        if self.outage is not None:
            return f"outage-{self.outage.pk}"
        assert self.prediction is not None
        return f"prediction-{self.prediction.pk}"

    @property
    def villages(self) -> list[str]:
        """The villages out, each once (``places`` names their groups too)."""
        return list(dict.fromkeys(p.split(" · ")[0] for p in self.places))

    @property
    def found_label(self) -> str:
        """Where the fault was found, in words (a span by the pole it leads down to)."""
        return self.found.label if self.found is not None else ""

    @property
    def standing(self) -> str:
        """``STANDINGS``: not recorded (the engine's), recorded, or confirmed on site."""
        if self.outage is None:
            return "predicted"
        return "on_site" if self.on_site else "recorded"

    @property
    def standing_label(self) -> str:
        if self.outage is None:
            return (
                # SCADA or a crew's "found open" says so, but no one has recorded it yet.
                _("signals say open, not recorded")
                if self.state == "confirmed"
                else _("predicted, not recorded")
            )
        return (
            _("confirmed on site by a crew")
            if self.on_site
            else _("recorded, not yet seen on site")
        )

    @property
    def state_label(self) -> str:
        """Where a recorded outage is (its last step: crew dispatched, cause found…), else how
        sure the station is of it (``standing_label``)."""
        if self.state == "declared" and len(self.history) > 1:
            stages = [s for s in self.history if s.what not in NOT_A_STATE]
            return (stages or self.history)[-1].label
        if self.outage is not None:
            return _("outage recorded")
        return self.standing_label

    @property
    def last_step_label(self) -> str:
        """A recorded outage's last step when it says more than its standing."""
        if self.outage is None or len(self.history) <= 1:
            return ""
        return self.state_label
