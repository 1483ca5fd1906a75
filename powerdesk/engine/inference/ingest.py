"""Taking events in: each event updates the evidence of the customer or device it names.

Events with the same time are held and applied together, in a fixed order (power restored
first, then reports, then openings; by element within a type), so that the order they arrived
in does not matter. Customers' events move the customer between evidence categories (in
O(depth)); restores and SCADA closes re-categorise the area below (``restoration``); each
restore and each answered call teaches the storm's rates (``learning``).

>>> from powerdesk.engine.inference.state import new_state
>>> from powerdesk.engine.model.network import Network
>>> st = new_state(Network.from_rows(
...     [("S", "", "source"), ("T", "S", "transformer"), ("C", "T", "customer")]))
>>> take(st, 60.0, "call", "C"); flush(st)
>>> st.evidence.count(st.network.index["T"], CALL)
1
"""

from __future__ import annotations

import math

import numpy as np

from powerdesk.engine.errors import EngineError, UnknownElement
from powerdesk.engine.inference.dark import keep_all
from powerdesk.engine.inference.evidence import (
    AMI_OFF,
    CALL,
    OFF,
    ON,
    ON_AMI,
    ON_CALL,
    SILENT,
    UNHEARD,
)
from powerdesk.engine.inference.lone_calls import Waiting
from powerdesk.engine.inference.picture import FORCED_CLOSED, FORCED_OPEN, FREE
from powerdesk.engine.inference.restoration import catch_up, energised, open_above
from powerdesk.engine.inference.state import InferenceState, use_params
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


# The customers' events by their rank: the category they move the customer to, and whether they
# show that the customer's meter reports.
_CUSTOMER_ORDERS: dict[int, tuple[int, bool | None]] = {
    _ORDER[EventType.CALL]: (CALL, None),
    _ORDER[EventType.AMI_OFF]: (AMI_OFF, True),
    _ORDER[EventType.AMI_ON]: (ON_AMI, True),
    _ORDER[EventType.CALL_ON]: (ON_CALL, None),
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
    if order in _CUSTOMER_ORDERS and st.customer_number[element] < 0:
        raise UnknownElement(f"{kind} names {target!r}, which is not a customer")
    if t != st.pending_t:
        flush(st)
        st.pending_t = t
    st.pending.append((order, element, kind))
    st.events += 1


def learn(st: InferenceState) -> None:
    """Bring the scores up to what the storm has taught so far (see ``learning``).

    >>> from powerdesk.engine.inference.state import new_state
    >>> from powerdesk.engine.model.network import Network
    >>> st = new_state(Network.from_rows([("S", "", "source"), ("T", "S", "transformer")]
    ...     + [(f"C{i}", "T", "customer") for i in range(4)]))
    >>> learn(st); st.params == st.prior_params  # nothing learnt yet
    True
    """
    learn_lone_calls(st)
    learn_repairs(st)
    rates = st.rates
    lone, repairs = rates.lone, rates.repairs
    seen = (
        rates.outages + rates.metered_outages + rates.restores,
        lone.own_share + lone.said_on_share,
        lone.own_repair_log + lone.said_on_log,
        repairs.mu + repairs.sd,
    )
    if seen != st.rates_seen:
        st.rates_seen = seen
        use_params(st, st.rates.params())


def learn_repairs(st: InferenceState) -> None:
    """Re-estimate the storm's repair times from the outages restored so far and those a crew
    or SCADA reported open and not yet restored (each since its first sign: the same clock the
    scores' time without a repair runs on; see ``repairs``). The devices a picture named and
    no one has reported are not counted as waiting: a false one would wait for ever, lengthen
    the repairs and so keep its own signs from fading."""
    state, now = st.evidence, st.now
    customer_number = st.customer_number
    waiting: list[float] = []
    for node in st.forced_open:
        if customer_number[node] >= 0:
            continue  # (a customer's own supply: not an outage of the network's)
        onset = min(state.first_sign[node], st.opened_at.get(node, math.inf))
        if onset < now:
            waiting.append(now - onset)
    repairs = st.rates.repairs
    if waiting or repairs.waiting or repairs.repairs:
        repairs.estimate(waiting)


def learn_lone_calls(st: InferenceState) -> None:
    """Re-estimate what lone calls turn out to be from those answered and those still waiting
    (calls that power coming back above has answered since, or that another signal replaced,
    leave the count; those below a device the last picture named are its outage's for now).
    Calls that came after the last picture wait for the next: a new outage's first calls, not
    yet named, are not lone calls long unanswered."""
    state, pending = st.evidence, st.lone_pending
    waiting: list[Waiting] = []
    done: list[int] = []
    now = st.now
    for number, t in pending.items():
        category = state.category[number]
        if category not in OFF or not _unanswered(st, number, t):
            done.append(number)
        elif t <= st.named_t and not _inside_named(st, number):
            element = state.customer_element[number]
            waiting.append(
                Waiting(
                    now - t, confirmed=st.forced[element] == FORCED_OPEN, off=category == AMI_OFF
                )
            )
    for number in done:
        del pending[number]
    lone = st.rates.lone
    # (A call answered before any picture counted it as waiting is news too.)
    if waiting or done or lone.waiting or lone.news:
        lone.estimate(waiting, st.params.crew_confirms)


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
    for order, element, kind in pending:
        _apply(st, t, kind, element, order)
    pending.clear()


def _apply(st: InferenceState, t: float, kind: str, element: int, order: int) -> None:
    customer_event = _CUSTOMER_ORDERS.get(order)
    if customer_event is not None:
        category, metered = customer_event
        number = st.customer_number[element]
        state = st.evidence
        old = state.category[number]
        answer = (
            st.pinged
            and category == ON_AMI
            and 0.0 <= t - st.pinged.get(number, math.inf) <= st.params.ping_wait_minutes * 60.0
        )
        if answer:
            # The answer to a ping the engine asked for (``pings``): power is on there. A call
            # it answers was not about an outage, but what such calls turn out to be is
            # learnt from their own answers, not from when the engine thought to ask.
            st.ping_answers[number] = t
            st.lone_pending.pop(number, None)
        elif category == CALL and old == AMI_OFF:
            category = AMI_OFF  # a call adds nothing to a last gasp already received
            # (but it is a call, whose power is known to be off: not one about nothing)
            st.lone_pending.setdefault(number, t)
        elif category == CALL and old != CALL:
            st.lone_pending[number] = t
        elif category in ON and old == CALL:
            # A call no restore has answered, and the customer says power is on: it was not
            # their own fault (a wrong account, a problem in the house, nothing).
            _answered(st, number, t, own_fault=False)
        elif category in ON and old == AMI_OFF:
            st.lone_pending.pop(number, None)  # (power back, unrecorded: nothing learnt)
        state.set_category(number, category, t, metered=metered)
        if customer_event[0] == AMI_OFF:  # (power was on until just before)
            st.power_seen[number] = max(st.power_seen[number], math.nextafter(t, -math.inf))
            st.meter_seen[number] = st.power_seen[number]
        elif category in ON:
            st.power_seen[number] = t
            if category == ON_AMI:
                st.meter_seen[number] = t
        if category in ON:
            st.expiries.append((t + st.on_memory, number))
            _power_seen(st, element, t)
    elif kind in (EventType.SCADA_OPEN, EventType.CONFIRM_OPEN):
        if kind == EventType.SCADA_OPEN:
            _reclosed(st, element, t)
            st.opened_at.setdefault(element, t)
        _force(st, element, FORCED_OPEN)
    elif kind == EventType.SCADA_CLOSE:
        _learn_restore(st, element, None)
        _force(st, element, FORCED_CLOSED)
        energised(st, element, t)
    elif kind == EventType.REJECT:
        _reject(st, t, element)
    else:  # restore
        confirmed = st.forced[element] == FORCED_OPEN
        if confirmed:
            _force(st, element, FREE)
        _learn_restore(st, element, confirmed)
        st.rejected.discard(element)
        energised(st, element, t)


def _reclosed(st: InferenceState, element: int, t: float) -> None:
    """SCADA shows ``element`` open again at ``t``, before the watch after its close ended: a
    reclose onto the fault, one outage with the first. It began when SCADA first saw it open,
    and the signs its close made stale stand again (``dark.keep_all``): they tell of this
    outage, not of something else below that was out before it.

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
        _apply(st, t, EventType.CALL_ON, element, _ORDER[EventType.CALL_ON])
        return
    st.rates.rejections += 1
    if st.forced[element] == FORCED_OPEN:
        _force(st, element, FREE)
    st.rejected.add(element)
    energised(st, element, t)


def _answered(st: InferenceState, number: int, t: float, *, own_fault: bool) -> None:
    """A call of customer ``number`` that nothing had answered was answered at ``t``: by a
    restore of the customer (``own_fault``) or by the customer saying power is on."""
    called = st.lone_pending.pop(number, None)
    if called is not None and _unanswered(st, number, called) and not _inside_named(st, number):
        # (Below a device named open, the call was taken for that outage's: its answer says
        # nothing of what calls from a customer alone turn out to be.)
        st.rates.lone.answered(own_fault=own_fault, seconds=t - called)


def _inside_named(st: InferenceState, number: int) -> bool:
    """Whether customer ``number`` is below a device the last picture named open."""
    state, named = st.evidence, st.named
    node = state.cparent[state.customer_element[number]]
    while node >= 0:
        if node in named:
            return True
        node = state.cparent[node]
    return False


def _unanswered(st: InferenceState, number: int, called: float) -> bool:
    """Whether no power has come back above customer ``number`` since their call at
    ``called``."""
    state = st.evidence
    device = state.cparent[state.customer_element[number]]
    return device < 0 or state.epoch[device] < called


def _learn_restore(st: InferenceState, element: int, confirmed: bool | None) -> None:
    """A restore says what was below ``element`` was out: learn from its signs."""
    state = st.evidence
    number = st.customer_number[element]
    if number >= 0:
        if state.category[number] in OFF:
            _answered(st, number, st.now, own_fault=True)
        return
    if open_above(st, element):
        return  # power has not really come back: the restore above will tell
    onset = min(state.first_sign[element], st.opened_at.get(element, math.inf))
    if onset < st.now:
        st.rates.repairs.repaired(st.now - onset)
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
    # (Meters unheard since an earlier restore may have been out already: not counted.)
    unheard = int((categories == UNHEARD).sum())
    st.rates.outage_restored(
        # (A call adds nothing to a last gasp, and is not kept: the share who call is
        # taken among the customers whose meter did not speak for them.)
        customers=last - first - last_gasps,
        calls=calls,
        delays_sum=delays,
        meters=state.meters[element] - unheard,
        last_gasps=last_gasps,
        confirmed=confirmed,
    )


def _power_seen(st: InferenceState, element: int, t: float) -> None:
    """A customer has power at ``t``, and so has the device they hang from: if several of
    its customers' off-signals are well older (meters report late, so by more than the
    watch after a restore), they were about an outage of it now over (a restore whose meters
    stayed silent and so was taken as failed, say). They are cleared."""
    state = st.evidence
    device = state.cparent[element]
    if device < 0 or st.forced[device] == FORCED_OPEN:
        return
    first, last = state.first[device], state.endc[device]
    categories = state.category[first:last]
    if CALL not in categories and AMI_OFF not in categories:
        return
    signal_t = state.signal_t
    # Only signs from before power last came back above the device (a restore whose meters
    # stayed silent, so that the settling kept them): one customer saying power is on does
    # not clear a fresh outage's signs, which no restore has answered (a wrong account called
    # back, say); that report is weighed with the rest.
    # Nor signs that came before a device above opened and that its SCADA close left
    # standing: power coming back there never answered them.
    cutoff = min(t - st.grace, state.epoch[device])
    kept = st.before_opened
    older = [
        first + i
        for i, category in enumerate(categories)
        if category in OFF
        and signal_t[first + i] < cutoff
        and kept.get(first + i) != signal_t[first + i]
    ]
    if len(older) >= 2:
        for number in older:
            state.set_category(number, SILENT, t)


def _force(st: InferenceState, element: int, state: int) -> None:
    st.forced[element] = state
    if state == FORCED_OPEN:
        st.forced_open.add(element)
    else:
        st.forced_open.discard(element)
