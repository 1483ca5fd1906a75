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

>>> from powerdesk.engine.model.network import Network
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
from typing import Any

import numpy as np

from powerdesk.engine.errors import UnknownElement
from powerdesk.engine.inference.evidence import CATEGORIES, CATEGORY_NAMES, EvidenceState
from powerdesk.engine.inference.ingest import flush, take
from powerdesk.engine.inference.learning import StormRates
from powerdesk.engine.inference.lessons import learn
from powerdesk.engine.inference.picture import (
    FORCED_CLOSED,
    FORCED_OPEN,
    Outage,
    Picture,
    count_out,
    extract,
)
from powerdesk.engine.inference.pings import PingRequest, choose_pings, record_pings
from powerdesk.engine.inference.restoration import catch_up
from powerdesk.engine.inference.scoring import device_score
from powerdesk.engine.inference.solve import solve
from powerdesk.engine.inference.state import new_state
from powerdesk.engine.model.network import Network
from powerdesk.engine.model.params import Params

__all__ = ["Outage", "OutageInference", "Picture", "UnknownElement"]


class OutageInference:
    """The current picture of open devices for one network; see the module docstring.

    A thin façade: its state is one ``InferenceState``, and the work is done by the functions
    of ``ingest`` (events in), ``solve`` (the best explanation), ``restoration`` (the watch
    after a restore) and ``picture`` (the outages of a solution).
    """

    def __init__(self, network: Network, params: Params | None = None) -> None:
        self._st = new_state(network, params)

    # -- what it knows ---------------------------------------------------------------------
    @property
    def network(self) -> Network:
        return self._st.network

    @property
    def state(self) -> EvidenceState:
        """The evidence of every customer, and its totals for every device above."""
        return self._st.evidence

    @property
    def params(self) -> Params:
        """The rates in use: the prior's, moved by what this storm has taught."""
        return self._st.params

    @property
    def prior_params(self) -> Params:
        return self._st.prior_params

    @property
    def rates(self) -> StormRates:
        return self._st.rates

    @property
    def now(self) -> float:
        return self._st.now

    @property
    def events(self) -> int:
        """How many events have been taken in."""
        return self._st.events

    def scada_opened_at(self, element: int) -> float:
        """When SCADA showed ``element`` open (infinity if it has not, or has closed since).

        >>> from powerdesk.engine.model.network import Network
        >>> net = Network.from_rows([("S", "", "source"), ("T", "S", "transformer")]
        ...     + [(f"C{i}", "T", "customer") for i in range(4)])
        >>> engine = OutageInference(net)
        >>> engine.ingest(600.0, "scada_open", "S")
        >>> engine.picture().outages[0].device, engine.scada_opened_at(net.index["S"])
        ('S', 600.0)
        >>> engine.scada_opened_at(net.index["T"])
        inf
        """
        return self._st.opened_at.get(element, math.inf)

    # -- taking events in ------------------------------------------------------------------
    def ingest(self, t: float, kind: str, target: str) -> None:
        """Take one event (the contract's types, without ``checkpoint``).

        Events with the same time are applied together, in a fixed order (power restored
        first, then reports, then openings; by element within a type), so that the order they
        arrived in does not matter.

        >>> from powerdesk.engine.model.network import Network
        >>> net = Network.from_rows([("S", "", "source"), ("T", "S", "transformer")]
        ...     + [(f"C{i}", "T", "customer") for i in range(4)])
        >>> engine = OutageInference(net)
        >>> engine.ingest(600.0, "call", "C0")
        >>> engine.ingest(600.0, "ami_off", "C1")  # (the same time: applied together)
        >>> engine.events
        2
        """
        take(self._st, t, kind, target)

    # -- the picture -----------------------------------------------------------------------
    def picture(self, now: float | None = None) -> Picture:
        """The devices believed open now, top-most first within each feeder.

        >>> from powerdesk.engine.model.network import Network
        >>> net = Network.from_rows([("S", "", "source"), ("T", "S", "transformer")]
        ...     + [(f"C{i}", "T", "customer") for i in range(4)])
        >>> engine = OutageInference(net)
        >>> for i in range(3):  # three of T's four customers call, ten minutes apart
        ...     engine.ingest(600.0 * (i + 1), "call", f"C{i}")
        >>> picture = engine.picture(2400.0)
        >>> [(o.device, o.customers) for o in picture.outages], picture.customers_out
        ([('T', 4)], 4)
        """
        st = self._st
        flush(st)
        now = st.now if now is None else max(now, st.now)
        st.now = now
        if (st.expiries and st.expiries[0][0] <= now) or st.settling:
            catch_up(st, now)  # (areas still watched may have stayed dark)
        learn(st)
        outages = extract(st, solve(st, now))
        index = st.network.index
        st.named = {index[o.device] for o in outages if o.customers > 1}
        st.named_t = now
        return Picture(t=now, outages=outages, customers_out=count_out(st, outages))

    # -- pings -------------------------------------------------------------------------------
    def pings(self, now: float | None = None, most: int = 10) -> list[PingRequest]:
        """The meters worth pinging now (at most ``most``), the likeliest to change the picture
        first (see ``pings``); the engine remembers that it asked, and when. A head-end's
        answer comes in as an ``ami_on``; a meter that has not answered within
        ``Params.ping_wait_minutes`` is taken as silent.

        >>> from powerdesk.engine.model.network import Network
        >>> net = Network.from_rows(
        ...     [("S", "", "source"), ("F", "S", "fuse"), ("T", "F", "transformer")]
        ...     + [(f"C{i}", "T", "customer") for i in range(3)], ami=[-1] * 3 + [0, 1, 1])
        >>> engine = OutageInference(net)
        >>> engine.ingest(600.0, "call", "C0")  # one call: the customer's own fault, or F?
        >>> [(r.customer, r.device) for r in engine.pings(1200.0, most=2)]
        [('C1', 'F'), ('C2', 'F')]
        >>> [o.device for o in engine.picture(1790.0).outages]  # (waiting for the answers)
        ['C0']
        >>> [o.device for o in engine.picture(1800.0).outages]  # ten minutes, no answer: dark
        ['F']
        >>> answered = OutageInference(net)
        >>> answered.ingest(600.0, "call", "C0")
        >>> _ = answered.pings(1200.0, most=2)
        >>> answered.ingest(1230.0, "ami_on", "C1")  # C1 answers: power is on below F
        >>> [o.device for o in answered.picture(1800.0).outages]
        ['C0']
        """
        st = self._st
        flush(st)
        now = st.now if now is None else max(now, st.now)
        st.now = now
        if (st.expiries and st.expiries[0][0] <= now) or st.settling:
            catch_up(st, now)
        learn(st)
        requests = choose_pings(st, solve(st, now), now, most)
        record_pings(st, requests, now)
        return requests

    def record_ping(self, t: float, customer: str) -> bool:
        """Note a ping asked at ``t`` of ``customer``'s meter, as ``pings`` would have (a
        rebuild replays the requests stored): False, and nothing noted, if the engine knows of
        a request of that meter at ``t`` or later already.

        >>> from powerdesk.engine.model.network import Network
        >>> net = Network.from_rows(
        ...     [("S", "", "source"), ("F", "S", "fuse"), ("T", "F", "transformer")]
        ...     + [(f"C{i}", "T", "customer") for i in range(3)], ami=[-1] * 3 + [0, 1, 1])
        >>> live, rebuilt = OutageInference(net), OutageInference(net)
        >>> live.ingest(600.0, "call", "C0"); rebuilt.ingest(600.0, "call", "C0")
        >>> asked = live.pings(1200.0, most=2)
        >>> [rebuilt.record_ping(1200.0, r.customer) for r in asked]
        [True, True]
        >>> rebuilt.record_ping(1200.0, "C1")  # (once)
        False
        >>> [o.device for o in rebuilt.picture(1800.0).outages] == [
        ...     o.device for o in live.picture(1800.0).outages]
        True
        """
        st = self._st
        node = st.network.index.get(customer)
        if node is None:
            raise UnknownElement(f"{customer!r} is not a customer of the network")
        number = int(st.customer_number[node])
        if number < 0:
            raise UnknownElement(f"{customer!r} is not a customer of the network")
        if st.pinged.get(number, -math.inf) >= t:
            return False
        st.pinged[number] = t
        return True

    # -- explanations ----------------------------------------------------------------------
    def explain(self, element_id: str, now: float | None = None) -> dict[str, Any]:
        """The evidence behind the belief about one device, for people to read.

        >>> from powerdesk.engine.model.network import Network
        >>> net = Network.from_rows([("S", "", "source"), ("T", "S", "transformer")]
        ...     + [(f"C{i}", "T", "customer") for i in range(4)])
        >>> engine = OutageInference(net)
        >>> for i in range(3):
        ...     engine.ingest(600.0 * (i + 1), "call", f"C{i}")
        >>> why = engine.explain("T", 2400.0)
        >>> why["customers"], why["calls"], why["evidence_log_ratio"] > 0
        (4, 3, True)
        """
        st = self._st
        flush(st)
        now = st.now if now is None else now
        node = st.network.index.get(element_id)
        if node is None:
            raise UnknownElement(f"{element_id!r} is not an element of the network")
        net, state = st.network, st.evidence
        forced = st.forced[node]
        learn(st)
        if state.is_candidate[node]:
            counts = {name: state.count(node, c) for c, name in CATEGORY_NAMES.items()}
        else:  # (a pole: its customers are counted in the devices below it, not in it)
            found = np.bincount(
                np.frombuffer(state.category, dtype=np.uint8)[state.first[node] : state.endc[node]],
                minlength=CATEGORIES,
            )
            counts = {name: int(found[c]) for c, name in CATEGORY_NAMES.items()}
        return {
            "device": element_id,
            "kind": net.kind_name(node),
            "customers": state.endc[node] - state.first[node],
            "reporting_meters": state.meters[node],
            **counts,
            "lightning_zone": bool(net.lightning_zone[node]),
            "install_year": int(net.install_year[node]) or None,
            "prior_log_odds": st.prior[node],
            "evidence_log_ratio": device_score(st, node, now) if state.is_candidate[node] else None,
            "forced": {FORCED_OPEN: "open", FORCED_CLOSED: "closed"}.get(forced),
        }
