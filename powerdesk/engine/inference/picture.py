"""Reading the solved tree: the outages of a picture, their confidence, customers out."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from powerdesk.engine.errors import UnknownElement
from powerdesk.engine.inference.solution import Solution

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState

FREE, FORCED_OPEN, FORCED_CLOSED = 0, 1, 2

__all__ = ["Outage", "Picture", "UnknownElement", "count_out", "extract"]


@dataclass(frozen=True)
class Outage:
    device: str
    status: str  # "predicted" or "confirmed"
    customers: int
    confidence: float

    def as_dict(self) -> dict[str, Any]:
        """The outage as OUT.json writes it.

        >>> Outage("F1", "predicted", 12, 0.912345).as_dict()
        {'device': 'F1', 'status': 'predicted', 'customers': 12, 'confidence': 0.9123}
        """
        return {
            "device": self.device,
            "status": self.status,
            "customers": self.customers,
            "confidence": round(self.confidence, 4),
        }


@dataclass
class Picture:
    t: float
    outages: list[Outage] = field(default_factory=list)
    customers_out: int = 0


def extract(st: InferenceState, solved: Solution) -> list[Outage]:
    """The outages of a solution, top-most first within each feeder, then the devices crews or
    SCADA reported open that it did not name.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called at 600, 1200, 1800 s
    >>> from powerdesk.engine.inference.solve import solve
    >>> [(o.device, o.customers) for o in extract(st, solve(st, 2400.0))]
    [('T', 4)]
    """
    open_scores, alternatives = solved.open_scores, solved.alternatives
    children, singles = solved.children, solved.singles
    ids = st.network.ids
    state = st.evidence
    outages: list[Outage] = []
    emitted: set[int] = set()
    stack = list(reversed(solved.roots))
    while stack:
        node = stack.pop()
        opened, alternative = open_scores[node], alternatives[node]
        if opened > 0 and opened >= alternative:
            confirmed = st.forced[node] == FORCED_OPEN
            margin = opened - alternative if alternative > 0 else opened
            outages.append(
                Outage(
                    ids[node],
                    "confirmed" if confirmed else "predicted",
                    state.endc[node] - state.first[node],
                    1.0 if confirmed else _sigmoid(margin),
                )
            )
            emitted.add(node)
            continue
        for element, score in sorted(singles.get(node, [])):
            confirmed = st.forced[element] == FORCED_OPEN
            outages.append(
                Outage(
                    ids[element],
                    "confirmed" if confirmed else "predicted",
                    1,
                    1.0 if confirmed else _sigmoid(score),
                )
            )
            emitted.add(element)
        stack.extend(sorted(children.get(node, []), reverse=True))
    within = solved.within
    forced = st.forced_open - emitted
    if within is not None:
        end = int(st.network.end[within])
        forced = {e for e in forced if within <= e < end}
    for element in sorted(forced):
        customers = (
            1 if st.customer_number[element] >= 0 else (state.endc[element] - state.first[element])
        )
        outages.append(Outage(ids[element], "confirmed", customers, 1.0))
    return outages


def count_out(st: InferenceState, outages: list[Outage]) -> int:
    """How many customers ``outages`` leave without power (each counted once).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called at 600, 1200, 1800 s
    >>> from powerdesk.engine.inference.solve import solve
    >>> count_out(st, extract(st, solve(st, 2400.0)))
    4
    """
    state = st.evidence
    ranges = []
    for outage in outages:
        element = st.network.index[outage.device]
        number = st.customer_number[element]
        ranges.append(
            (number, number + 1) if number >= 0 else (state.first[element], state.endc[element])
        )
    total, reach = 0, -1
    for start, stop in sorted(ranges):
        if stop <= reach:
            continue
        total += stop - max(start, reach)
        reach = stop
    return total


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)
