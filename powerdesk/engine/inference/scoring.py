"""How well one explanation fits the evidence: the scores the programme in ``solve`` weighs.

A device's score is the log-likelihood ratio of the evidence below it (calls, last gasps,
reports of power on, meters silent after a restore), open against closed, plus its prior; a
customer's own score weighs its signal alone. Branches whose signs began well before the
device's outage keep their own explanation, and reports of power on made before the outage
began say nothing against it (a device is scored both ways and keeps the better). So is a
device that may have stayed open when power came back above it: the meters below that never
said power was back then count as silent after that restore. Crews report their repairs, so an
outage that would have gone unrepaired for many hours grows less likely.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from powerdesk.engine.inference.evidence import (
    AFTER_RESTORE,
    AMI_OFF,
    CALL,
    CATEGORIES,
    INF,
    ON_AMI,
    ON_CALL,
    STALE,
    UNHEARD,
    counter,
)
from powerdesk.engine.inference.picture import FORCED_CLOSED, FORCED_OPEN, FREE
from powerdesk.engine.inference.repairs import repair_survival
from powerdesk.engine.inference.repairs import unrepaired as _unrepaired
from powerdesk.engine.inference.solution import Tally
from powerdesk.engine.inference.unheard import lanes as _lanes
from powerdesk.engine.inference.unheard import on_before as _on_before

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState

__all__ = [
    "CONFIRMED",
    "customer_score",
    "device_score",
    "open_score",
    "repair_survival",
    "tally_below",
]

# A device SCADA or a crew reported open scores far above any evidence, yet finitely, so that a
# device above it can be open too.
CONFIRMED = 1e9
_UNHEARD_METERED = counter(UNHEARD, 1)


def tally_below(st: InferenceState, node: int) -> Tally:
    """The counts ``_device_score`` weighs, for the customers below ``node``.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called
    >>> tally = tally_below(st, st.network.index["T"])
    >>> tally.customers, tally.calls, tally.meters
    (4, 3, 0)
    """
    state = st.evidence
    counts = state.counts
    return Tally(
        customers=state.endc[node] - state.first[node],
        meters=state.meters[node],
        evidenced=state.evidence[node],
        evidenced_metered=sum(counts[counter(c, 1)][node] for c in range(1, CATEGORIES)),
        calls=state.count(node, CALL),
        meter_off=counts[counter(AMI_OFF, 1)][node],
        said_on=state.count(node, ON_AMI) + state.count(node, ON_CALL),
        stale_unmetered=counts[counter(STALE, 0)][node],
        silent_after=counts[counter(STALE, 1)][node] + state.count(node, AFTER_RESTORE),
    )


def customer_tally(st: InferenceState, element: int) -> Tally:
    """The counts ``tally_below`` gives, for one customer (``element`` its row): the devices'
    counters hold none for customers themselves.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=1)  # S ─ T ─ C0..C3; C0 called
    >>> customer_tally(st, st.network.index["C0"]).calls
    1
    """
    state = st.evidence
    number = int(st.customer_number[element])
    category = state.category[number]
    metered = state.metered[number]
    return Tally(
        customers=1,
        meters=metered,
        evidenced=int(CALL <= category <= AFTER_RESTORE),
        evidenced_metered=int(metered and category >= CALL),
        calls=int(category == CALL),
        meter_off=int(metered and category == AMI_OFF),
        said_on=int(category in (ON_AMI, ON_CALL)),
        stale_unmetered=int(not metered and category == STALE),
        silent_after=int((metered and category == STALE) or category == AFTER_RESTORE),
    )


def device_score(
    st: InferenceState,
    node: int,
    now: float,
    onset: float | None = None,
    tally: Tally | None = None,
) -> float:
    """Log-likelihood ratio of the evidence below ``node``, open against closed, for an
    outage that began at ``onset`` (by default, at the first off-signal below); ``tally``
    replaces the node's own counts (some branches left out).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called at 600, 1200, 1800 s
    >>> device_score(st, st.network.index["T"], 2400.0) > 0  # the calls speak for it
    True
    """
    state, params, llr = st.evidence, st.params, st.llr
    if tally is None:
        tally = tally_below(st, node)
    silent = tally.customers - tally.evidenced
    silent_metered = tally.meters - tally.evidenced_metered
    calls, meter_off, silent_after = tally.calls, tally.meter_off, tally.silent_after
    first = state.first_sign[node] if onset is None else onset
    # The first sign is no onset: power went some time before it, and a call or a last gasp
    # at once says so. Judged at the very moment of the first call, three calls in a second
    # would be "too many, too soon" for an outage and name nothing: at least a minute, as
    # ``Params.call_timing_llr`` counts it.
    minutes = max(1.0, (now - first) / 60.0) if first < INF else 0.0
    score = params.call_pattern_llr(calls, calls + silent, minutes)
    score += params.meter_pattern_llr(meter_off, meter_off + silent_metered)
    score += tally.said_on * llr[ON_AMI]
    score += tally.stale_unmetered * llr[STALE]
    if silent_after:
        since = now - state.epoch[node]
        reported, others_silent = _restored_area(st, node, tally)
        # (Within the watch, the silence counts as the messages come in.)
        score += params.silent_after_restore_llr(
            silent_after,
            None if since >= st.grace else since,
            reported=reported,
            others_silent=others_silent,
        )
    return score


def _restored_area(st: InferenceState, node: int, tally: Tally) -> tuple[int, int]:
    """The other reporting meters of the area restored with ``node`` (below the device whose
    restore re-energised it): how many sent a power-on message since, and how many are
    silent. They say how well this area's messages get through."""
    state = st.evidence
    epoch, cparent = state.epoch, state.cparent
    area = node
    parent = cparent[area]
    while parent >= 0 and epoch[parent] == epoch[node]:
        area = parent
        parent = cparent[area]
    counts = state.counts
    reported = counts[counter(ON_AMI, 1)][area] - counts[counter(ON_AMI, 1)][node]
    silent = counts[counter(STALE, 1)][area] + state.count(area, AFTER_RESTORE)
    return max(0, reported), max(0, silent - tally.silent_after)


def open_score(
    st: InferenceState,
    node: int,
    now: float,
    confirmed: dict[int, float],
    onset: float,
    older: list[int],
    best: dict[int, float],
    apart: list[int] | None = None,
) -> float:
    """``node``'s score open (evidence, prior, confirmed devices below, time unrepaired), the
    branches in ``older`` keeping their own explanation; the customers in ``apart`` (reported
    out on their own, ``Params.confirmed_customers_apart``) are left out of its evidence.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called at 600, 1200, 1800 s
    >>> T, C0, C1 = (st.network.index[name] for name in ("T", "C0", "C1"))
    >>> opened = open_score(st, T, 2400.0, {}, 600.0, [], {})
    >>> opened > 0  # three calls of four customers: T open explains them, prior and all
    True
    >>> open_score(st, T, 2400.0, {}, 600.0, [], {}, apart=[C0, C1]) < opened  # one call left
    True
    >>> st.forced[T] = FORCED_CLOSED  # (SCADA or a crew said it is closed)
    >>> open_score(st, T, 2400.0, {}, 600.0, [], {})
    -inf
    """
    forced = st.forced[node]
    if forced == FORCED_CLOSED:
        return -INF
    # A device confirmed open below this one is open whether or not this one is: both
    # explanations count it, prior and all.
    bonus = confirmed.get(node, 0.0) + (CONFIRMED if forced == FORCED_OPEN else 0.0)
    since_bonus = bonus  # (its own time without a repair: see ``_open_since_before``)
    if forced == FREE and onset < INF:
        bonus += _unrepaired(st, now - onset)  # no restore reported yet
    state = st.evidence
    said_on = state.count(node, ON_AMI) + state.count(node, ON_CALL)
    pinged = 0.0
    if st.ping_evidence is not None:  # (meters the engine asked to be pinged: ``pings``)
        pinged = _ping_terms(st, node, onset, older)
    if apart:
        # (Their tallies come out below, their bonus is counted; one inside an older branch is
        # out with it already.)
        end = st.network.end
        apart = [c for c in apart if not any(o <= c < end[o] for o in older)]
        older = [*apart, *older]
    if not older and not (said_on and onset < INF):
        evidence = device_score(st, node, now, onset) + st.prior[node]
        score = evidence + bonus + pinged
        if forced == FREE:
            # (Or open since before power last came back above: see ``_open_since_before``.)
            since = _open_since_before(st, node, now, onset)
            score = max(score, evidence + since_bonus + since)
        return score
    tally = tally_below(st, node)
    kept = 0.0
    # Branches whose signs began well before this outage would have: already out (or
    # reporting something else) when it began, they keep their own explanation.
    for child in older:
        if apart and child in apart:
            tally = tally.without(customer_tally(st, child))
            continue  # (its CONFIRMED and prior are in the bonus already)
        tally = tally.without(tally_below(st, child))
        # (The confirmed devices in it are counted in the bonus already.)
        within = confirmed.get(child, 0.0)
        if st.forced[child] == FORCED_OPEN:
            within += CONFIRMED + st.prior[child]
        kept += best.get(child, 0.0) - within if within else max(0.0, best.get(child, 0.0))
    score = device_score(st, node, now, onset, tally)
    since_before = -INF
    if forced == FREE:
        since_before = score + kept + st.prior[node] + since_bonus
        since_before += _open_since_before(st, node, now, onset, older)
    if said_on and onset < INF:
        reports, metered = _on_before(st, node, onset, older)
        if reports:
            # Or the outage began after those customers said power was on: their reports
            # say nothing against it, and they count as silent since (a meter that would
            # have sent a last gasp); so do the meters that stayed silent after power came
            # back above (under this hypothesis power did come back to them).
            tally = tally.as_silent_since_on(reports, metered)
            score = max(score, device_score(st, node, now, onset, tally))
    return max(score + kept + st.prior[node] + bonus + pinged, since_before)


def _ping_terms(st: InferenceState, node: int, onset: float, older: list[int]) -> float:
    """The pings' log-ratio below ``node`` (not in ``older``), open against closed, for an
    outage that began at ``onset`` (``ping_evidence``). Open since before power last came
    back above, its pinged meters' silence counts in their lanes instead (``_lanes``)."""
    pings = st.ping_evidence
    assert pings is not None
    state = st.evidence
    skip = [(state.first[c], state.endc[c]) for c in older]
    # (An answer after the first sign below: the outage cannot have begun before it.)
    return pings.terms(
        state.first[node], state.endc[node], min(onset, state.first_sign[node]), skip
    )


def _open_since_before(
    st: InferenceState, node: int, now: float, onset: float, older: list[int] | None = None
) -> float:
    """What ``node``'s score gains, beyond its evidence and prior, if it has been open since
    before power last came back above it (it stayed open when the device above was closed: a
    fuse that blew before the breaker above tripped, or while it was open). Its meters that
    stayed silent through the watch after that restore (unheard) are then silent because power
    never came back to them, and they weigh as in the watch; delivery differs from lane to
    lane (a device's own customers), so they weigh lane by lane (``_lanes``): the same silence
    for a device as for the devices below it, which then differ by their priors and calls, not
    by how finely their meters are cut. Meters below that showed power since (a power-on
    message, or a last gasp: it had come back, to be lost) weigh as reports of power on;
    customers saying so weigh only while their report is fresh, as against any outage (a call
    logged on the wrong account is called back and says power is on). The outage is older,
    so likelier repaired by now. -infinity where the hypothesis does not apply: no meter below
    unheard, power last came back with this device's own restore, or the restore above brought
    no power back (``dark``: the silence is that device's).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; nothing restored above T
    >>> _open_since_before(st, st.network.index["T"], 2400.0, 600.0)
    -inf
    """
    state = st.evidence
    epoch = state.epoch[node]
    if (
        epoch == -INF
        or st.restored_at.get(node, -INF) >= epoch
        or not state.counts[_UNHEARD_METERED][node]
    ):
        return -INF
    if st.dark:
        above = state.cparent[node]
        while above >= 0:
            if st.dark.get(above) == epoch:
                return -INF
            above = state.cparent[above]
    end = st.network.end
    lanes = _lanes(st)
    seen = st.meter_seen
    silence = lanes[end[node]] - lanes[node]
    lit = int(np.count_nonzero(seen[state.first[node] : state.endc[node]] >= epoch))
    lit -= state.count(node, ON_AMI)  # (not yet faded: in its evidence already)
    for child in older or ():
        silence -= lanes[end[child]] - lanes[child]
        lit -= int(np.count_nonzero(seen[state.first[child] : state.endc[child]] >= epoch))
        lit += state.count(child, ON_AMI)
    return float(silence) + max(0, lit) * st.llr[ON_AMI] + _unrepaired(st, now - min(onset, epoch))


def customer_score(st: InferenceState, number: int, now: float) -> float:
    """Log-odds of customer ``number``'s own explanation of its sign: its own fault against
    nothing (a lone call, by how long it has gone unanswered) or against having power.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=1)  # C0 called at 600 s
    >>> customer_score(st, 0, 1200.0) > customer_score(st, 0, 12 * 3600.0)  # fades unrepaired
    True
    """
    element = st.evidence.customer_element[number]
    if st.forced[element] == FORCED_OPEN:
        return CONFIRMED + st.customer_prior
    state = st.evidence
    category = state.category[number]
    if category == CALL:
        # Or nothing (a wrong account, a problem in the house): what such calls turn out to
        # be, by how long this one has gone unanswered (see ``Params.lone_call_llr``).
        called = st.lone_pending.get(number, state.signal_t[number])
        score = st.params.lone_call_llr(now - called)
        if st.ping_evidence is not None:  # (the caller's meter pinged and silent: dark)
            score += st.ping_evidence.silent_terms(number, number + 1, [])
        return score
    return st.llr[category] + st.customer_prior
