"""The small network the inference's docstring examples share: a source, a transformer below
it and four customers below that, three of whom have called.

>>> st = four_customers(calls=3)
>>> st.network.ids, st.events, st.now
(['S', 'T', 'C0', 'C1', 'C2', 'C3'], 3, 1800.0)
"""

from __future__ import annotations

from powerdesk.engine.inference.ingest import flush, take
from powerdesk.engine.inference.state import InferenceState, new_state
from powerdesk.engine.model.network import Network

__all__ = ["four_customers"]


def four_customers(*, calls: int = 0) -> InferenceState:
    """A fresh state of S ─ T ─ C0..C3 in which customers C0, C1, ... up to ``calls`` of them
    have called, ten minutes apart from t = 600 s, and the calls have been taken in.

    >>> four_customers().events
    0
    """
    st = new_state(
        Network.from_rows(
            [("S", "", "source"), ("T", "S", "transformer")]
            + [(f"C{i}", "T", "customer") for i in range(4)]
        )
    )
    for i in range(calls):
        take(st, 600.0 * (i + 1), "call", f"C{i}")
    if calls:
        flush(st)
    return st
