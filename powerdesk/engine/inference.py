"""Outage inference: which devices are open, from calls, meter events, SCADA and crews.

Events are taken one at a time in O(depth) (the handful of protective devices above a
customer; see ``evidence``). The picture is worked out on demand from the counters of the
devices that have any evidence below them, by an exact dynamic programme over the tree: each
device is either open (every customer below is out, and the evidence below is scored against
its prior) or closed, in which case the best explanations of its children and of its own
customers hold. Silence is scored too: reporting meters that sent nothing, and customers who
would probably have called by now, speak against a device being open. Devices that SCADA or a
crew reported open are confirmed; a device SCADA shows closed is never predicted open.

After a restore, the customers below are watched for a while: meters that report power back
clear their area, and where they stay silent (or calls go on) an outage below the restored
device is kept. When that while is over the area is settled.

>>> from powerdesk.engine.network import Network
>>> net = Network.from_rows(
...     [("S", "", "source"), ("F", "S", "fuse"), ("T", "F", "transformer"),
...      ("T2", "F", "transformer")]
...     + [(f"C{i}", "T", "customer") for i in range(6)]
...     + [(f"D{i}", "T2", "customer") for i in range(6)])
>>> engine = OutageInference(net)
>>> for i in range(5):
...     engine.ingest(900.0 * (i + 1), "call", f"C{i}")
>>> [(o.device, o.status, o.customers) for o in engine.picture().outages]
[('T', 'predicted', 6)]
"""

from __future__ import annotations

import math
from collections import deque
from typing import Any

import numpy as np

from powerdesk.engine.errors import EngineError
from powerdesk.engine.events import EventType
from powerdesk.engine.evidence import (
    AFTER_RESTORE,
    AMI_OFF,
    CALL,
    CATEGORIES,
    CATEGORY_NAMES,
    INF,
    OFF,
    ON,
    ON_AMI,
    ON_CALL,
    SILENT,
    STALE,
    EvidenceState,
)
from powerdesk.engine.learning import StormRates
from powerdesk.engine.model import Params
from powerdesk.engine.network import Network
from powerdesk.engine.picture import (
    FORCED_CLOSED,
    FORCED_OPEN,
    FREE,
    Extraction,
    Outage,
    Picture,
    UnknownElement,
)
from powerdesk.engine.restoration import Restoration
from powerdesk.engine.solve import Solver

__all__ = ["Outage", "OutageInference", "Picture", "UnknownElement"]

# Events with the same time are applied in this order: power restored first, then reports,
# then openings.
_ORDER: dict[str, int] = {
    kind: rank
    for rank, kind in enumerate(
        (
            EventType.RESTORE,
            EventType.SCADA_CLOSE,
            EventType.AMI_ON,
            EventType.CALL_ON,
            EventType.CALL,
            EventType.AMI_OFF,
            EventType.CONFIRM_OPEN,
            EventType.SCADA_OPEN,
        )
    )
}


# The customers' events by their rank: the category they move the customer to, and whether they
# show that the customer's meter reports.
_CUSTOMER_ORDERS: dict[int, tuple[int, bool | None]] = {
    _ORDER[EventType.CALL]: (CALL, None),
    _ORDER[EventType.AMI_OFF]: (AMI_OFF, True),
    _ORDER[EventType.AMI_ON]: (ON_AMI, True),
    _ORDER[EventType.CALL_ON]: (ON_CALL, None),
}


class OutageInference(Solver, Restoration, Extraction):
    """The current picture of open devices for one network; see the module docstring."""

    def __init__(self, network: Network, params: Params | None = None) -> None:
        self.network = network
        self.prior_params = params or Params()
        self.rates = StormRates(self.prior_params)
        self._rates_seen: tuple[int, float, float] = (-1, 0.0, 0.0)
        self.state = EvidenceState(network)
        p = self.params = self.prior_params
        self._customer_number: list[int] = network.customer_number.tolist()
        self._forced = bytearray(len(network))
        self._forced_open: set[int] = set()
        self._prior = [
            p.prior_log_odds(k, z, y) if candidate else -INF
            for k, z, y, candidate in zip(
                network.kind.tolist(),
                network.lightning_zone.tolist(),
                network.install_year.tolist(),
                self.state.is_candidate,
                strict=True,
            )
        ]
        self._prior_array = np.asarray(self._prior, dtype=float)
        self._llr = [0.0] * CATEGORIES
        self._use_params(p)
        self._on_memory = p.on_memory_minutes * 60.0
        self._grace = p.restore_grace_minutes * 60.0
        self._older = p.branch_lead_minutes * 60.0
        self._repair_median = p.repair_median_hours * 3600.0
        self._expiries: deque[tuple[float, int]] = deque()  # reports of "on" that fade
        self._lone_watch: deque[tuple[float, int]] = deque()  # calls, until answered or old
        self._lone_horizon = self._repair_median
        self._named: set[int] = set()  # devices of the last picture's outages
        self._on_reports: tuple[list[int], list[float]] | None = None
        self._settling: deque[tuple[float, int]] = deque()  # restored areas to settle
        self._pending: list[tuple[int, int, str]] = []
        self._pending_t = -INF
        self._restored_at: dict[int, float] = {}
        self._opened_at: dict[int, float] = {}  # devices SCADA showed open, and when
        self.now = 0.0
        self.events = 0

    def _use_params(self, p: Params) -> None:
        """Take ``p``'s rates (the prior, or this storm's estimates) into the scores."""
        self.params = p
        self._llr[CALL] = p.llr_call
        self._llr[AMI_OFF] = p.llr_ami_off
        self._llr[ON_AMI] = self._llr[ON_CALL] = p.llr_on
        self._llr[STALE] = p.stale_call
        self._llr[AFTER_RESTORE] = p.llr_after_restore_ami
        self._customer_prior = p.customer_prior_log_odds
        self._lone_call_llr = p.lone_call_log_odds
        self._confirm_lead = p.confirm_lead_minutes * 60.0

    def _learn(self) -> None:
        """Bring the scores up to what the storm has taught so far (see ``learning``)."""
        watch, state = self._lone_watch, self.state
        horizon = self._lone_horizon
        while watch and watch[0][0] + horizon <= self.now:
            t, number = watch.popleft()
            if (
                state.category[number] == CALL
                and state.signal_t[number] == t
                and self._unanswered(number)
                and not self._inside_named(number)
            ):
                self.rates.lone_call_unanswered(self._survival(horizon))
        rates = self.rates
        seen = (rates.outages + rates.metered_outages, rates.own_faults, rates.not_faults)
        if seen != self._rates_seen:
            self._rates_seen = seen
            self._use_params(self.rates.params())

    # -- taking events in ----------------------------------------------------------------
    def ingest(self, t: float, kind: str, target: str) -> None:
        """Take one event (the contract's types, without ``checkpoint``).

        Events with the same time are applied together, in a fixed order (power restored
        first, then reports, then openings; by element within a type), so that the order they
        arrived in does not matter.
        """
        element = self.network.index.get(target)
        if element is None:
            raise UnknownElement(f"{target!r} is not an element of the network")
        order = _ORDER.get(kind)
        if order is None:
            raise EngineError(f"unknown event type {kind!r}")
        if order in _CUSTOMER_ORDERS and self._customer_number[element] < 0:
            raise UnknownElement(f"{kind} names {target!r}, which is not a customer")
        if t != self._pending_t:
            self._flush()
            self._pending_t = t
        self._pending.append((order, element, kind))
        self.events += 1

    def _flush(self) -> None:
        if not self._pending:
            return
        t = self._pending_t
        self.now = t
        if (self._expiries and self._expiries[0][0] <= t) or (
            self._settling and self._settling[0][0] <= t
        ):
            self._catch_up(t)
        pending = self._pending
        if len(pending) > 1:
            pending.sort()
        for order, element, kind in pending:
            self._apply(t, kind, element, order)
        pending.clear()

    def _apply(self, t: float, kind: str, element: int, order: int) -> None:
        customer_event = _CUSTOMER_ORDERS.get(order)
        if customer_event is not None:
            category, metered = customer_event
            number = self._customer_number[element]
            state = self.state
            old = state.category[number]
            if category == CALL and old == AMI_OFF:
                category = AMI_OFF  # a call adds nothing to a last gasp already received
            elif category == CALL and old != CALL:
                self._lone_watch.append((t, number))
            elif category == ON_CALL and old == CALL and self._unanswered(number):
                # A call no restore has answered, and the customer says power is on: it was
                # not their own fault (a wrong account, a problem in the house, nothing).
                self.rates.lone_call_answered(own_fault=False)
            state.set_category(number, category, t, metered=metered)
            if category in ON:
                self._expiries.append((t + self._on_memory, number))
                self._power_seen(element, t)
        elif kind in (EventType.SCADA_OPEN, EventType.CONFIRM_OPEN):
            if kind == EventType.SCADA_OPEN:
                self._opened_at.setdefault(element, t)
            self._force(element, FORCED_OPEN)
        elif kind == EventType.SCADA_CLOSE:
            self._learn_restore(element, None)
            self._force(element, FORCED_CLOSED)
            self._energised(element, t)
        else:  # restore
            confirmed = self._forced[element] == FORCED_OPEN
            if confirmed:
                self._force(element, FREE)
            self._learn_restore(element, confirmed)
            self._energised(element, t)

    def _inside_named(self, number: int) -> bool:
        """Whether customer ``number`` is below a device the last picture named open."""
        state, named = self.state, self._named
        node = state.cparent[state.customer_element[number]]
        while node >= 0:
            if node in named:
                return True
            node = state.cparent[node]
        return False

    def _unanswered(self, number: int) -> bool:
        """Whether no power has come back above customer ``number`` since their call."""
        state = self.state
        device = state.cparent[state.customer_element[number]]
        return device < 0 or state.epoch[device] < state.signal_t[number]

    def _learn_restore(self, element: int, confirmed: bool | None) -> None:
        """A restore says what was below ``element`` was out: learn from its signs."""
        state = self.state
        number = self._customer_number[element]
        if number >= 0:
            if state.category[number] == CALL:
                self.rates.lone_call_answered(own_fault=True)
            return
        if self._open_above(element):
            return  # power has not really come back: the restore above will tell
        first, last = state.first[element], state.endc[element]
        if last == first:
            return
        categories = np.frombuffer(state.category, dtype=np.uint8)[first:last]
        called = categories == CALL
        times = np.frombuffer(state.signal_t, dtype=np.float64)[first:last][called]
        calls = len(times)
        metered = np.frombuffer(state.metered, dtype=np.uint8)[first:last]
        delays = 0.0
        if calls >= 4:
            # The mean delay of exponential delays is the interquartile range over ln 3, which
            # a stray call hours before (a customer's own fault below) does not move.
            times = np.sort(times)
            q1, q3 = times[(calls - 1) // 4], times[(3 * (calls - 1)) // 4]
            delays = float(q3 - q1) / math.log(3.0) * (calls - 1)
        last_gasps = int(((categories == AMI_OFF) & (metered == 1)).sum())
        self.rates.outage_restored(
            # (A call adds nothing to a last gasp, and is not kept: the share who call is
            # taken among the customers whose meter did not speak for them.)
            customers=last - first - last_gasps,
            calls=calls,
            delays_sum=delays,
            meters=state.meters[element],
            last_gasps=last_gasps,
            confirmed=confirmed,
        )

    def _power_seen(self, element: int, t: float) -> None:
        """A customer has power at ``t``, and so has the device they hang from: if several of
        its customers' off-signals are well older (meters report late, so by more than the
        watch after a restore), they were about an outage of it now over (a restore whose meters
        stayed silent and so was taken as failed, say). They are cleared."""
        state = self.state
        device = state.cparent[element]
        if device < 0 or self._forced[device] == FORCED_OPEN:
            return
        first, last = state.first[device], state.endc[device]
        categories = state.category[first:last]
        if CALL not in categories and AMI_OFF not in categories:
            return
        signal_t = state.signal_t
        older = [
            first + i
            for i, category in enumerate(categories)
            if category in OFF and signal_t[first + i] < t - self._grace
        ]
        if len(older) >= 2:
            for number in older:
                state.set_category(number, SILENT, t)

    def _force(self, element: int, state: int) -> None:
        self._forced[element] = state
        if state == FORCED_OPEN:
            self._forced_open.add(element)
        else:
            self._forced_open.discard(element)

    # -- the picture -----------------------------------------------------------------------
    def picture(self, now: float | None = None) -> Picture:
        """The devices believed open now, top-most first within each feeder."""
        self._flush()
        now = self.now if now is None else max(now, self.now)
        self.now = now
        if (self._expiries and self._expiries[0][0] <= now) or (
            self._settling and self._settling[0][0] <= now
        ):
            self._catch_up(now)
        self._learn()
        outages = self._solve_and_extract(now)
        index = self.network.index
        self._named = {index[o.device] for o in outages if o.customers > 1}
        return Picture(t=now, outages=outages, customers_out=self._count_out(outages))

    def _solve_and_extract(self, now: float) -> list[Outage]:
        return self._extract(self._solve(now))

    # -- explanations --------------------------------------------------------------------
    def explain(self, element_id: str, now: float | None = None) -> dict[str, Any]:
        """The evidence behind the belief about one device, for people to read."""
        self._flush()
        now = self.now if now is None else now
        node = self.network.index.get(element_id)
        if node is None:
            raise UnknownElement(f"{element_id!r} is not an element of the network")
        net, state = self.network, self.state
        forced = self._forced[node]
        self._learn()
        return {
            "device": element_id,
            "kind": net.kind_name(node),
            "customers": state.endc[node] - state.first[node],
            "reporting_meters": state.meters[node],
            **{name: state.count(node, category) for category, name in CATEGORY_NAMES.items()},
            "lightning_zone": bool(net.lightning_zone[node]),
            "install_year": int(net.install_year[node]) or None,
            "prior_log_odds": self._prior[node],
            "evidence_log_ratio": self._device_score(node, now)
            if state.is_candidate[node]
            else None,
            "forced": {FORCED_OPEN: "open", FORCED_CLOSED: "closed"}.get(forced),
        }
