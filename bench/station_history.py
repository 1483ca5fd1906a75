"""A station's history of lone calls, for the benchmarks: what its past storms' calls that no
larger outage explained turned out to be (``past_lone_calls``), and the engine's prior shares set
from them (``history_lone_calls``).

    python3 -m uv run python bench/multi_errors.py --seeds 1-40 --meters 0 --singles --history 3

Tried as a station's prior for the share of lone calls that are own faults (issue 17, round 9)
and left out of the engine: on seeds 1-80 it raised the household-day storms' F1 with calls
only by 0.07 and lowered the project's by up to 0.04 (docs/outage-rounds/rounds-08-16.md,
round 9). Kept here to measure it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from powerdesk.engine.model.network import Network
from powerdesk.engine.model.params import Params

__all__ = ["PastLoneCalls", "history_lone_calls", "past_lone_calls"]


@dataclass(frozen=True, slots=True)
class PastLoneCalls:
    """What a station's past calls that no larger outage explained turned out to be."""

    own: int = 0  # the customer's own fault: a crew repaired the customer's supply
    said_on: int = 0  # not one, and the customer said power is on
    silent: int = 0  # not one, and nothing followed

    def __add__(self, other: PastLoneCalls) -> PastLoneCalls:
        return PastLoneCalls(
            self.own + other.own, self.said_on + other.said_on, self.silent + other.silent
        )


def past_lone_calls(
    network: Network, events: Iterable[Mapping[str, object]], *, window_hours: float = 24.0
) -> PastLoneCalls:
    """What the calls of a past storm that no larger outage explains turned out to be, from the
    station's records.

    ``events`` is that storm's stream in the contract's form (``type``, ``t``, and ``customer``
    or ``device``). Within ``window_hours`` after a call, whichever comes first of these says
    what it was: a restore of the customer's own supply (a crew's repair: an own fault), the
    customer saying power is on (``call_on``: not one), a restore of a device above (or SCADA
    seeing it close: a larger outage's call, left out). A call that none of them followed was
    not an own fault either (a wrong account, the house, nothing).

    >>> from powerdesk.engine.model.network import Network
    >>> net = Network.from_rows([("S", "", "source"), ("T", "S", "transformer"),
    ...     ("C1", "T", "customer"), ("C2", "T", "customer"), ("C3", "T", "customer")])
    >>> past_lone_calls(net, [
    ...     {"t": 0.0, "type": "call", "customer": "C1"},        # repaired: an own fault
    ...     {"t": 10.0, "type": "call", "customer": "C2"},       # said on: not one
    ...     {"t": 1800.0, "type": "call_on", "customer": "C2"},
    ...     {"t": 3600.0, "type": "restore", "device": "C1"},
    ...     {"t": 4000.0, "type": "call", "customer": "C3"},     # the transformer's outage
    ...     {"t": 9000.0, "type": "restore", "device": "T"}])
    PastLoneCalls(own=1, said_on=1, silent=0)
    """
    index = network.index
    window = window_hours * 3600.0
    calls: list[tuple[float, int]] = []
    closed: dict[int, list[float]] = {}  # element -> times it was restored (or closed)
    said_on: dict[int, list[float]] = {}  # customer -> times they said power is on
    for event in events:
        kind = event.get("type")
        t = float(event.get("t", 0.0))  # type: ignore[arg-type]
        key = "customer" if kind in ("call", "call_on") else "device"
        element = index.get(str(event.get(key)))
        if element is None:
            continue
        if kind == "call":
            calls.append((t, element))
        elif kind == "call_on":
            said_on.setdefault(element, []).append(t)
        elif kind in ("restore", "scada_close"):
            closed.setdefault(element, []).append(t)

    def first(times: Iterable[float], after: float) -> float:
        return min((w for w in times if after < w <= after + window), default=math.inf)

    own = said = silent = 0
    for t, element in calls:
        repaired = first(closed.get(element, ()), t)
        on = first(said_on.get(element, ()), t)
        above = min(
            (first(closed.get(node, ()), t) for node in network.ancestors(element)),
            default=math.inf,
        )
        if repaired < min(on, above):
            own += 1
        elif on < above:
            said += 1
        elif above == math.inf:
            silent += 1
    return PastLoneCalls(own, said, silent)


def history_lone_calls(
    past: PastLoneCalls,
    prior: Params | None = None,
    *,
    strength: float = 4.0,
    most: float = math.inf,
    own_share: bool = True,
    said_on_share: bool = True,
) -> Params:
    """``prior`` with what the station's past lone calls were (``past_lone_calls`` over its past
    storms) in place of its shares: of those calls, the share that were own faults
    (``own_fault_share``), and of the others, the share said on (``said_on_share``), each the
    posterior mean of a Beta whose prior is ``prior``'s share worth ``strength`` calls. They are
    this storm's priors, as weak as before (``lone_call_strength``, ``said_on_strength``): the
    storm's own calls soon outweigh them. A history of more than ``most`` calls counts as
    ``most`` calls (in the same shares).

    >>> history_lone_calls(PastLoneCalls()) == Params()
    True
    >>> p = history_lone_calls(PastLoneCalls(own=2, said_on=18, silent=0))
    >>> round(p.own_fault_share, 3), round(p.said_on_share, 3)
    (0.167, 0.909)
    """
    p = prior or Params()
    calls = past.own + past.said_on + past.silent
    if calls <= 0:
        return p
    scale = min(1.0, most / calls)
    own, said_on, others = (
        past.own * scale,
        past.said_on * scale,
        (past.said_on + past.silent) * scale,
    )
    if own_share:
        q = (own + strength * p.own_fault_share) / (own + others + strength)
        p = replace(p, own_fault_share=q)
    if said_on_share and others > 0:
        r = (said_on + strength * p.said_on_share) / (others + strength)
        p = replace(p, said_on_share=r)
    return p
