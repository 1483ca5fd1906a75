"""What the stream teaches as it comes: each restore and each answered call updates the storm's
rates (``learning``), and ``learn`` brings the scores up to them before a picture.

A restore of a device says its customers were out (how many called and how late, how many of
its meters sent a last gasp, whether a crew confirmed it first, how long it took to repair); a
restore of a customer, or the customer saying power is on, says what their lone call was
(``lone_calls``); the outages a crew or SCADA reported open and not yet restored have waited
at least their age (``repairs``).

>>> from powerdesk.engine.inference.examples import four_customers
>>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called at 600, 1200, 1800 s
>>> learn(st); st.params == st.prior_params  # nothing answered or restored yet
True
"""

from __future__ import annotations

import math

import numpy as np

from powerdesk.engine.inference.evidence import AMI_OFF, CALL, OFF, UNHEARD
from powerdesk.engine.inference.lone_calls import Waiting
from powerdesk.engine.inference.picture import FORCED_OPEN
from powerdesk.engine.inference.restoration import open_above
from powerdesk.engine.inference.state import InferenceState, use_params

__all__ = [
    "answered",
    "inside_named",
    "learn",
    "learn_lone_calls",
    "learn_repairs",
    "learn_restore",
    "unanswered",
]


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
    the repairs and so keep its own signs from fading.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> from powerdesk.engine.inference.ingest import flush, take
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called at 600, 1200, 1800 s
    >>> take(st, 2400.0, "confirm_open", "T"); take(st, 4000.0, "call", "C3"); flush(st)
    >>> learn_repairs(st); st.rates.repairs.waiting  # T, reported open, waits at its age
    1
    """
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
    yet named, are not lone calls long unanswered.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=1)  # C0 called at 600 s
    >>> st.named_t = 700.0  # (a picture after the call, naming nothing)
    >>> st.now = 4200.0; learn_lone_calls(st); st.rates.lone.waiting
    1
    """
    state, pending = st.evidence, st.lone_pending
    waiting: list[Waiting] = []
    done: list[int] = []
    now = st.now
    for number, t in pending.items():
        category = state.category[number]
        if category not in OFF or not unanswered(st, number, t):
            done.append(number)
        elif t <= st.named_t and not inside_named(st, number):
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


def answered(st: InferenceState, number: int, t: float, *, own_fault: bool) -> None:
    """A call of customer ``number`` that nothing had answered was answered at ``t``: by a
    restore of the customer (``own_fault``) or by the customer saying power is on.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=1)  # C0 (number 0) called at 600 s
    >>> answered(st, 0, 4200.0, own_fault=True)  # its own supply restored an hour later
    >>> st.lone_pending, st.rates.lone.own  # no longer waiting; one own fault learnt
    ({}, 1)
    """
    called = st.lone_pending.pop(number, None)
    if called is not None and unanswered(st, number, called) and not inside_named(st, number):
        # (Below a device named open, the call was taken for that outage's: its answer says
        # nothing of what calls from a customer alone turn out to be.)
        st.rates.lone.answered(own_fault=own_fault, seconds=t - called)


def inside_named(st: InferenceState, number: int) -> bool:
    """Whether customer ``number`` is below a device the last picture named open.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=1)
    >>> inside_named(st, 0)
    False
    >>> st.named = {st.network.index["T"]}; inside_named(st, 0)  # T named open above C0
    True
    """
    state, named = st.evidence, st.named
    node = state.cparent[state.customer_element[number]]
    while node >= 0:
        if node in named:
            return True
        node = state.cparent[node]
    return False


def unanswered(st: InferenceState, number: int, called: float) -> bool:
    """Whether no power has come back above customer ``number`` since their call at
    ``called``.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> unanswered(four_customers(calls=1), 0, 600.0)  # nothing restored since C0's call
    True
    """
    state = st.evidence
    device = state.cparent[state.customer_element[number]]
    return device < 0 or state.epoch[device] < called


def learn_restore(st: InferenceState, element: int, confirmed: bool | None) -> None:
    """A restore says what was below ``element`` was out: learn from its signs (``confirmed``:
    whether a crew had found it open first; None for a SCADA close).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called at 600, 1200, 1800 s
    >>> st.now = 3600.0; learn_restore(st, st.network.index["T"], False)
    >>> st.rates.outages, st.rates.repairs.repairs
    (1, 1)
    """
    state = st.evidence
    number = st.customer_number[element]
    if number >= 0:
        if state.category[number] in OFF:
            answered(st, number, st.now, own_fault=True)
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
