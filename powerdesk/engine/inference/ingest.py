"""Taking events in: each event updates the evidence of the customer or device it names.

Events with the same time are held and applied together, in a fixed order (power restored
first, then reports, then openings; by element within a type), so that the order they arrived
in does not matter. Customers' events move the customer between evidence categories
(``customer_signs``); restores and SCADA closes re-categorise the area below (``restoration``);
each restore and each answered call teaches the storm's rates (``lessons``, ``learning``).
``learn``, ``learn_lone_calls`` and ``learn_repairs`` are ``lessons``' (named here too, as
before).

>>> from powerdesk.engine.inference.state import new_state
>>> from powerdesk.engine.model.network import Network
>>> st = new_state(Network.from_rows(
...     [("S", "", "source"), ("T", "S", "transformer"), ("C", "T", "customer")]))
>>> take(st, 60.0, "call", "C"); flush(st)
>>> from powerdesk.engine.inference.evidence import CALL
>>> st.evidence.count(st.network.index["T"], CALL)
1
"""

from __future__ import annotations

from powerdesk.engine.errors import EngineError, UnknownElement
from powerdesk.engine.inference.customer_signs import CUSTOMER_SIGNS, customer_event
from powerdesk.engine.inference.dark import keep_all
from powerdesk.engine.inference.lessons import learn, learn_lone_calls, learn_repairs, learn_restore
from powerdesk.engine.inference.picture import FORCED_CLOSED, FORCED_OPEN, FREE
from powerdesk.engine.inference.restoration import catch_up, energised
from powerdesk.engine.inference.state import InferenceState
from powerdesk.engine.model.events import EventType

__all__ = ["flush", "learn", "learn_lone_calls", "learn_repairs", "take"]

# Events with the same time are applied in this order: power restored first, then reports,
# then openings.
_ORDER: dict[str, int] = {
    kind: rank
    for rank, kind in enumerate(
        (
            EventType.RESTORE,
            EventType.REJECT,
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


def take(st: InferenceState, t: float, kind: str, target: str) -> None:
    """Hold one event (the contract's types, without ``checkpoint``) until the time moves on;
    raises ``UnknownElement`` or ``EngineError`` for an event that cannot be applied.

    >>> from powerdesk.engine.inference.state import new_state
    >>> from powerdesk.engine.model.network import Network
    >>> st = new_state(Network.from_rows([("S", "", "source"), ("T", "S", "transformer")]
    ...     + [(f"C{i}", "T", "customer") for i in range(4)]))
    >>> for i in range(3):
    ...     take(st, 600.0 * (i + 1), "call", f"C{i}")
    >>> flush(st)
    >>> st.events, st.now
    (3, 1800.0)
    """
    element = st.network.index.get(target)
    if element is None:
        raise UnknownElement(f"{target!r} is not an element of the network")
    order = _ORDER.get(kind)
    if order is None:
        raise EngineError(f"unknown event type {kind!r}")
    if kind in CUSTOMER_SIGNS and st.customer_number[element] < 0:
        raise UnknownElement(f"{kind} names {target!r}, which is not a customer")
    if t != st.pending_t:
        flush(st)
        st.pending_t = t
    st.pending.append((order, element, kind))
    st.events += 1


def flush(st: InferenceState) -> None:
    """Apply the events held for the latest time.

    >>> from powerdesk.engine.inference.state import new_state
    >>> from powerdesk.engine.model.network import Network
    >>> st = new_state(Network.from_rows([("S", "", "source"), ("T", "S", "transformer")]
    ...     + [(f"C{i}", "T", "customer") for i in range(4)]))
    >>> for i in range(3):
    ...     take(st, 600.0 * (i + 1), "call", f"C{i}")
    >>> flush(st)
    >>> st.pending
    []
    """
    if not st.pending:
        return
    t = st.pending_t
    st.now = t
    if (st.expiries and st.expiries[0][0] <= t) or (st.settling and st.settling[0][0] <= t):
        catch_up(st, t)
    pending = st.pending
    if len(pending) > 1:
        pending.sort()
    for _order, element, kind in pending:
        _apply(st, t, kind, element)
    pending.clear()


def _apply(st: InferenceState, t: float, kind: str, element: int) -> None:
    if kind in CUSTOMER_SIGNS:
        customer_event(st, t, kind, element)
    elif kind in (EventType.SCADA_OPEN, EventType.CONFIRM_OPEN):
        if kind == EventType.SCADA_OPEN:
            _reclosed(st, element, t)
            st.opened_at.setdefault(element, t)
        _force(st, element, FORCED_OPEN)
    elif kind == EventType.SCADA_CLOSE:
        learn_restore(st, element, None)
        _force(st, element, FORCED_CLOSED)
        energised(st, element, t)
    elif kind == EventType.REJECT:
        _reject(st, t, element)
    else:  # restore
        confirmed = st.forced[element] == FORCED_OPEN
        if confirmed:
            _force(st, element, FREE)
        learn_restore(st, element, confirmed)
        st.rejected.discard(element)
        energised(st, element, t)


def _reclosed(st: InferenceState, element: int, t: float) -> None:
    """SCADA shows ``element`` open again at ``t``, before the watch after its close ended: a
    reclose onto the fault, one outage with the first. It began when SCADA first saw it open,
    and the signs its close made stale stand again (``dark.keep_all``): they tell of this
    outage, not of something else below that was out before it.

    >>> from powerdesk.engine.inference.evidence import CALL
    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called at 600, 1200, 1800 s
    >>> S = st.network.index["S"]
    >>> take(st, 300.0, "scada_open", "S"); take(st, 2000.0, "scada_close", "S")
    >>> take(st, 2060.0, "scada_open", "S"); flush(st)
    >>> st.opened_at[S], st.evidence.count(st.network.index["T"], CALL)
    (300.0, 3)
    """
    closed = st.scada_closed.pop(element, None)
    if closed is None or t - closed[1] > st.grace or st.restored_at.get(element) != closed[1]:
        return
    st.opened_at.setdefault(element, closed[0])
    keep_all(st, element, closed[1])
    st.dark.pop(element, None)  # (SCADA shows it open: no dark area to keep closed)


def _reject(st: InferenceState, t: float, element: int) -> None:
    """Staff say the outage named at ``element`` is not one: power is on below it as far as
    anyone knows. Unlike a restore, it teaches nothing about outages (its few callers are
    not the share of an outage's customers who call); a customer named on their own has
    power, which says their call was not their own fault."""
    number = st.customer_number[element]
    if number >= 0:
        customer_event(st, t, EventType.CALL_ON, element)
        return
    st.rates.rejections += 1
    if st.forced[element] == FORCED_OPEN:
        _force(st, element, FREE)
    st.rejected.add(element)
    energised(st, element, t)


def _force(st: InferenceState, element: int, state: int) -> None:
    st.forced[element] = state
    if state == FORCED_OPEN:
        st.forced_open.add(element)
    else:
        st.forced_open.discard(element)
