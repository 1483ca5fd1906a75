"""Callers whose meter should have spoken: a call from a customer whose meter reports, and
last showed power after power last came back above them, with no last gasp since.

Out with a device above (or with their own fault), that meter would have sent a last gasp as
often as the storm's meters deliver one (``StormRates.message_delivery``, learnt from the
storm's restored outages, a weak prior before them: empirical Bayes); with the power on (a call
logged on the wrong account, a problem in the house) it sends none. A meter sends its last
gasp within seconds of the power going, a customer calls minutes later, so by the call the
meter's silence is already evidence. ``Params.live_meter_callers`` weighs it: 1, such a
caller's meter counts as a silent meter in the meter pattern of every device above
(``scoring.device_score``); 2, also against the caller's own fault (``customer_score``).

A meter not known to have power when the call came says nothing: one whose latest message was
a last gasp (its power went with an earlier outage), or one that has sent nothing since power
last came back above it (its power-on message may have been lost, or the device below that
restore may have stayed open).

>>> from powerdesk.engine.inference.examples import four_customers
>>> st = four_customers(calls=0)  # S ─ T ─ C0..C3, no meters
>>> st.evidence.metered[0] = 1  # (C0's meter reports)
>>> _ = st.evidence.set_category(0, CALL, 600.0); note_sign(st, 0, "call", 600.0)
>>> count_below(st); st.live_below[st.network.index["T"]]
1
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from powerdesk.engine.inference.evidence import CALL
from powerdesk.engine.model.events import EventType

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState

__all__ = ["count_below", "live", "meter_known_live", "note_sign"]


def meter_known_live(st: InferenceState, number: int) -> bool:
    """Whether customer ``number``'s meter reports and is known to have had power since power
    last came back above it: it sent a power-on message since (or no restore came above at
    all: the storm began with power on), and no last gasp after that.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers()
    >>> meter_known_live(st, 0)  # (no reporting meter)
    False
    >>> st.evidence.metered[0] = 1
    >>> meter_known_live(st, 0)
    True
    >>> note_sign(st, 0, "ami_off", 300.0); meter_known_live(st, 0)
    False
    """
    state = st.evidence
    if not state.metered[number] or number in st.gasped:
        return False
    element = state.customer_element[number]
    return bool(st.meter_seen[number] >= state.epoch[element])


def note_sign(st: InferenceState, number: int, kind: str, t: float) -> None:
    """Customer ``number``'s event of type ``kind`` at ``t`` has been applied: keep the
    callers whose meter should have spoken up to date (a last gasp or a power-on message
    updates the meter's state; a call whose customer is now in the call category is a live
    meter's caller or not).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers()
    >>> st.evidence.metered[1] = 1
    >>> _ = st.evidence.set_category(1, CALL, 600.0); note_sign(st, 1, "call", 600.0)
    >>> st.live_callers
    {1: 600.0}
    >>> note_sign(st, 1, "call_on", 900.0); st.live_callers
    {}
    """
    if kind == EventType.AMI_OFF:
        st.gasped[number] = t
    elif kind == EventType.AMI_ON:
        st.gasped.pop(number, None)
    calling = kind == EventType.CALL and st.evidence.category[number] == CALL
    if calling and (number in st.live_callers or meter_known_live(st, number)):
        st.live_callers.setdefault(number, t)
    else:
        st.live_callers.pop(number, None)


def live(st: InferenceState, number: int) -> bool:
    """Whether customer ``number`` is one of the callers whose meter should have spoken
    (still in the call category: a restore above, a last gasp or power-on message since, or
    a report of power on ends it).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers()
    >>> st.evidence.metered[2] = 1
    >>> _ = st.evidence.set_category(2, CALL, 600.0); note_sign(st, 2, "call", 600.0)
    >>> live(st, 2), live(st, 3)
    (True, False)
    """
    return number in st.live_callers and st.evidence.category[number] == CALL


def count_below(st: InferenceState) -> None:
    """Count such callers below every device (``InferenceState.live_below``), dropping those
    whose call no longer stands (a restore above made it stale, say): O(callers × depth).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers()
    >>> count_below(st); st.live_below
    {}
    """
    below: dict[int, int] = {}
    if st.live_callers:
        state = st.evidence
        cparent, category, element_of = state.cparent, state.category, state.customer_element
        for number in list(st.live_callers):
            if category[number] != CALL:
                del st.live_callers[number]
                continue
            node = cparent[element_of[number]]
            while node >= 0:
                below[node] = below.get(node, 0) + 1
                node = cparent[node]
    st.live_below = below
