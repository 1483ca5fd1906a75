"""A customer's own events: a call, a meter's last gasp or power-on message, a callback saying
power is on. Each moves the customer between evidence categories (in O(depth)); a call nothing
explains waits to be learnt from (``lone_calls``), an answer to a ping the engine asked for
ends it, and a sign of power clears the old off-signals of the device it hangs from.

>>> from powerdesk.engine.inference.examples import four_customers
>>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called at 600, 1200, 1800 s
>>> customer_event(st, 2400.0, EventType.CALL_ON, st.network.index["C0"])
>>> st.evidence.count(st.network.index["T"], CALL)
2
"""

from __future__ import annotations

import math

from powerdesk.engine.inference.evidence import AMI_OFF, CALL, OFF, ON, ON_AMI, ON_CALL, SILENT
from powerdesk.engine.inference.lessons import answered
from powerdesk.engine.inference.picture import FORCED_OPEN
from powerdesk.engine.inference.state import InferenceState
from powerdesk.engine.model.events import EventType

__all__ = ["CUSTOMER_SIGNS", "customer_event"]

# The customers' events: the category each moves the customer to, and whether it shows that
# the customer's meter reports (None: it says nothing of the meter).
CUSTOMER_SIGNS: dict[str, tuple[int, bool | None]] = {
    EventType.CALL: (CALL, None),
    EventType.AMI_OFF: (AMI_OFF, True),
    EventType.AMI_ON: (ON_AMI, True),
    EventType.CALL_ON: (ON_CALL, None),
}


def customer_event(st: InferenceState, t: float, kind: str, element: int) -> None:
    """Apply customer ``element``'s event of type ``kind`` (one of ``CUSTOMER_SIGNS``) at
    ``t``.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers()
    >>> customer_event(st, 600.0, "call", st.network.index["C1"])
    >>> st.lone_pending, st.evidence.category[1] == CALL  # a lone call, waiting for its answer
    ({1: 600.0}, True)
    >>> customer_event(st, 900.0, "call_on", st.network.index["C1"])  # "power is on now"
    >>> st.lone_pending, st.evidence.category[1] == ON_CALL
    ({}, True)
    """
    category, metered = CUSTOMER_SIGNS[kind]
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
        answered(st, number, t, own_fault=False)
    elif category in ON and old == AMI_OFF:
        st.lone_pending.pop(number, None)  # (power back, unrecorded: nothing learnt)
    state.set_category(number, category, t, metered=metered)
    if kind == EventType.AMI_OFF:  # (power was on until just before)
        st.power_seen[number] = max(st.power_seen[number], math.nextafter(t, -math.inf))
        st.meter_seen[number] = st.power_seen[number]
    elif category in ON:
        st.power_seen[number] = t
        if category == ON_AMI:
            st.meter_seen[number] = t
    if category in ON:
        st.expiries.append((t + st.on_memory, number))
        _power_seen(st, element, t, meter=category == ON_AMI)


def _power_seen(st: InferenceState, element: int, t: float, *, meter: bool = False) -> None:
    """A customer has power at ``t``, and so has the device they hang from: if several of
    its customers' off-signals are well older (meters report late, so by more than the
    watch after a restore), they were about an outage of it now over (a restore whose meters
    stayed silent and so was taken as failed, say). They are cleared. So are, on a ``meter``'s
    word, even one, the signs a restore above left standing as older than its outage
    (``InferenceState.kept_older``): power came back to their lane since."""
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
    if len(older) < 2 and meter and st.kept_older:
        kept = st.kept_older
        for number in older:
            if kept.get(number) == signal_t[number]:
                state.set_category(number, SILENT, t)
        return
    if len(older) >= 2:
        for number in older:
            state.set_category(number, SILENT, t)
