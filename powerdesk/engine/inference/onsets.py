"""A customer's first off-signal since power was last known back to them, and what a restore
above does with it (``Params.keep_onset_signs``).

A customer's state holds only the latest signal. Customers under a fuse that blew call; then a
device above fails too, and they call again: their latest signs are made while the device above
is out, and its restore or SCADA close makes them stale, though the first ones came before it
opened and were about something below it. ``note`` keeps each customer's first off-signal
(until it is answered: the customer says power is on, or a restore at or above the customer
makes the sign stale); ``revive`` puts it back, with its own time, before a restore whose device's
opening is known (SCADA saw it, or its last gasps date it) weighs the signs below: one from
before the opening is then left standing like any other sign older than that outage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from powerdesk.engine.inference.evidence import OFF, ON, STALE

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState

__all__ = ["forget", "note", "revive"]


def note(st: InferenceState, number: int, old: int, category: int, t: float) -> None:
    """Customer ``number`` moved from ``old`` to ``category`` at ``t``: keep the time of its
    first off-signal since it was last answered (the customer said power is on, or a restore
    made it stale: ``forget``).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> from powerdesk.engine.inference.evidence import CALL, ON_CALL, SILENT
    >>> st = four_customers()
    >>> note(st, 0, SILENT, CALL, 600.0); note(st, 0, CALL, CALL, 900.0); st.onset[0]
    (600.0, 1)
    >>> note(st, 0, CALL, ON_CALL, 1200.0); st.onset
    {}
    """
    if category in ON:
        st.onset.pop(number, None)
    elif category in OFF:
        if old in OFF or (old == STALE and st.params.keep_onset_signs >= 2):
            st.onset.setdefault(number, (t, category))
        else:
            st.onset[number] = (t, category)


def revive(st: InferenceState, element: int, opened: float) -> None:
    """Before ``element``'s restore weighs the signs below it: give each customer below whose
    first off-signal came before ``opened`` (its latest sign made since) that first signal
    again, with its own time.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> from powerdesk.engine.inference.evidence import CALL
    >>> st = four_customers(calls=2)  # C0, C1 called at 600 and 1200 s
    >>> st.onset = {0: (600.0, CALL), 1: (300.0, CALL)}
    >>> _ = st.evidence.set_category(1, CALL, 1500.0)  # C1 called again at 1500 s
    >>> revive(st, st.network.index["T"], 1000.0)
    >>> st.evidence.signal_t[0], st.evidence.signal_t[1]
    (600.0, 300.0)
    """
    state = st.evidence
    first, last = state.first[element], state.endc[element]
    for number, (t, category) in list(st.onset.items()):
        if not first <= number < last or t >= opened:
            continue
        now = state.category[number]
        stale = now == STALE and st.params.keep_onset_signs >= 2
        if (now in OFF or stale) and (state.signal_t[number] != t or now != category):
            state.set_category(number, category, t)


def forget(st: InferenceState, element: int) -> None:
    """``element`` was restored: the first off-signals of the customers below whose signs it
    made stale are answered (even where power did not come back: that restore may have been
    their outage's).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> from powerdesk.engine.inference.evidence import CALL
    >>> st = four_customers(calls=1)
    >>> st.onset = {0: (600.0, CALL), 1: (300.0, CALL)}
    >>> forget(st, st.network.index["T"]); st.onset  # C0's call stands, C1 has none
    {0: (600.0, 1)}
    """
    state = st.evidence
    first, last = state.first[element], state.endc[element]
    for number in [n for n in st.onset if first <= n < last]:
        if state.category[number] not in OFF:
            del st.onset[number]
