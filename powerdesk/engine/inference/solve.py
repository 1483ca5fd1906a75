"""The best explanation of the evidence: an exact dynamic programme over the tree.

Each device with evidence below it is either open (every customer below is out, and the evidence
below is scored against its prior) or closed, in which case the best explanations of its
children and of its own customers hold. Branches whose signs began well before the others' keep
their own explanation inside a larger outage (they were already out when it began), and the
clock of a device's calls starts when the signs began in most of its branches, so that an older
outage or a stray call below does not date a new, larger one. Crews report their repairs, so
an outage (or a customer's own fault) that would have gone unrepaired for many hours grows less
likely: a lone call long unanswered by a repair was most likely a problem in the house. Reports
of power being on speak against an outage unless it began after them (callbacks about an earlier
outage, just before a recloser above trips): a device is scored both ways and keeps the better.
``OutageInference.picture`` calls ``solve``.
"""

from __future__ import annotations

import bisect
import math
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
    counter,
)
from powerdesk.engine.inference.picture import FORCED_CLOSED, FORCED_OPEN, FREE
from powerdesk.engine.inference.solution import Solution, Tally

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState
    from powerdesk.engine.model.params import Params

# A device SCADA or a crew reported open scores far above any evidence, yet finitely, so that a
# device above it can be open too.
CONFIRMED = 1e9


def _tally(st: InferenceState, node: int) -> Tally:
    """The counts ``_device_score`` weighs, for the customers below ``node``."""
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
        tally = _tally(st, node)
    silent = tally.customers - tally.evidenced
    silent_metered = tally.meters - tally.evidenced_metered
    calls, meter_off, silent_after = tally.calls, tally.meter_off, tally.silent_after
    first = state.first_sign[node] if onset is None else onset
    minutes = (now - first) / 60.0 if first < INF else 0.0
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


def _open_score(
    st: InferenceState,
    node: int,
    now: float,
    confirmed: dict[int, float],
    onset: float,
    older: list[int],
    best: dict[int, float],
) -> float:
    forced = st.forced[node]
    if forced == FORCED_CLOSED:
        return -INF
    # A device confirmed open below this one is open whether or not this one is: both
    # explanations count it, prior and all.
    bonus = confirmed.get(node, 0.0) + (CONFIRMED if forced == FORCED_OPEN else 0.0)
    if forced == FREE and onset < INF:
        bonus += _unrepaired(st, now - onset)  # no restore reported yet
    state = st.evidence
    said_on = state.count(node, ON_AMI) + state.count(node, ON_CALL)
    if not older and not (said_on and onset < INF):
        return device_score(st, node, now, onset) + st.prior[node] + bonus
    tally = _tally(st, node)
    kept = 0.0
    # Branches whose signs began well before this outage would have: already out (or
    # reporting something else) when it began, they keep their own explanation.
    for child in older:
        tally = tally.without(_tally(st, child))
        # (The confirmed devices in it are counted in the bonus already.)
        within = confirmed.get(child, 0.0)
        if st.forced[child] == FORCED_OPEN:
            within += CONFIRMED + st.prior[child]
        kept += best.get(child, 0.0) - within if within else max(0.0, best.get(child, 0.0))
    score = device_score(st, node, now, onset, tally)
    if said_on and onset < INF:
        reports, metered = _on_before(st, node, onset, older)
        if reports:
            # Or the outage began after those customers said power was on: their reports
            # say nothing against it, and they count as silent since (a meter that would
            # have sent a last gasp); so do the meters that stayed silent after power came
            # back above (under this hypothesis power did come back to them).
            tally = tally.as_silent_since_on(reports, metered)
            score = max(score, device_score(st, node, now, onset, tally))
    return score + kept + st.prior[node] + bonus


def _on_before(st: InferenceState, node: int, cutoff: float, older: list[int]) -> tuple[int, int]:
    """How many reports of power being on below ``node`` (not in ``older``) were made
    before ``cutoff``, and how many of them by customers whose meter reports."""
    if st.on_reports is None:
        state = st.evidence
        numbers = sorted(
            {number for _, number in st.expiries if state.category[number] in (ON_AMI, ON_CALL)}
        )
        times = [state.signal_t[n] for n in numbers]
        st.on_reports = (numbers, times)
    numbers, times = st.on_reports
    state = st.evidence
    lo = bisect.bisect_left(numbers, state.first[node])
    hi = bisect.bisect_left(numbers, state.endc[node], lo)
    reports = metered = 0
    for i in range(lo, hi):
        if times[i] < cutoff:
            number = numbers[i]
            if older and any(state.first[c] <= number < state.endc[c] for c in older):
                continue
            reports += 1
            metered += state.metered[number]
    return reports, metered


def _unrepaired(st: InferenceState, seconds: float) -> float:
    """Log-probability that a fault open ``seconds`` ago has had neither a repair (log-normal
    times) nor a crew's confirmation (which comes some time before the repair, for the
    share of outages crews confirm)."""
    if seconds <= 0.0:
        return 0.0
    confirms = st.params.crew_confirms
    survival = (1.0 - confirms) * repair_survival(st, seconds) + confirms * repair_survival(
        st, seconds + st.confirm_lead
    )
    return math.log(max(1e-300, survival))


def repair_survival(st: InferenceState, seconds: float) -> float:
    z = math.log(seconds / st.repair_median) / st.params.repair_spread
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def _customer_score(st: InferenceState, number: int, now: float) -> float:
    element = st.evidence.customer_element[number]
    if st.forced[element] == FORCED_OPEN:
        return CONFIRMED + st.customer_prior
    state = st.evidence
    category = state.category[number]
    if category == CALL:
        # Or nothing (a wrong account, a problem in the house): what such calls turn out to
        # be, by how long this one has gone unanswered (see ``Params.lone_call_llr``).
        called = st.lone_pending.get(number, state.signal_t[number])
        return st.params.lone_call_llr(now - called)
    return st.llr[category] + st.customer_prior


def solve(
    st: InferenceState,
    now: float,
    within: int | None = None,
    nodes: set[int] | None = None,
    closed_since: float | None = None,
) -> Solution:
    """Best explanation of all the evidence, or only of that below ``within``.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called at 600, 1200, 1800 s
    >>> solution = solve(st, 2400.0)
    >>> [st.network.ids[n] for n in solution.roots]
    ['S']

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers()  # S ─ T ─ C0..C3, nothing heard yet
    >>> round(repair_survival(st, st.repair_median), 2)  # half are repaired by the median
    0.5
    """
    state, params = st.evidence, st.params
    st.on_reports = None  # built when first needed
    cparent = state.cparent
    # The calls below each device that nothing but their callers' own faults explains:
    # (count, sum of times, first time); see ``Params.call_timing_llr``.
    # (Not when settling a restored area: what its calls have in common is the outage
    # just restored.)
    lone = _direct_calls(st) if within is None else {}
    lift_below: dict[int, float] = {}
    confirmed_below: dict[int, float] = {}
    forced_open = st.forced_open
    if within is None:
        nodes = set(state.active)
        single_customers = set(state.offs)
    else:
        evidence_nodes, single_customers = _evidence_within(st, within)
        if nodes is None:
            nodes = evidence_nodes
        else:  # with their ancestors up to ``within``, for the programme's sake
            for node in list(nodes):
                node = cparent[node]
                while node >= within and node not in nodes:
                    nodes.add(node)
                    node = cparent[node]
        end = int(st.network.end[within])
        forced_open = {e for e in forced_open if within <= e < end}
    for element in forced_open:
        number = st.customer_number[element]
        if number >= 0:
            single_customers.add(number)
            weight = CONFIRMED + st.customer_prior
        else:
            nodes.add(element)
            weight = CONFIRMED + st.prior[element]
        node = cparent[element]
        while node >= 0 and (within is None or node >= within):
            nodes.add(node)
            confirmed_below[node] = confirmed_below.get(node, 0.0) + weight
            node = cparent[node]
    singles: dict[int, list[tuple[int, float]]] = {}
    single_sum: dict[int, float] = {}
    # When the outage of each device would have begun: the lower median of when the signs
    # began in each branch below it (its own customers together being one branch), so that
    # an older outage or a stray call below does not date a new, larger one.
    onsets: dict[int, list[tuple[float, int]]] = {}
    signal_t = state.signal_t
    for number in single_customers:
        score = _customer_score(st, number, now)
        if score > 0:
            element = state.customer_element[number]
            parent = cparent[element]
            singles.setdefault(parent, []).append((element, score))
            single_sum[parent] = single_sum.get(parent, 0.0) + score
            first = onsets.get(parent)
            if first is None:
                onsets[parent] = [(signal_t[number], -1)]
            elif signal_t[number] < first[0][0]:
                first[0] = (signal_t[number], -1)
            node = parent
            while node >= 0 and node not in nodes and (within is None or node >= within):
                nodes.add(node)
                node = cparent[node]
    child_sum: dict[int, float] = {}
    children: dict[int, list[int]] = {}
    open_scores: dict[int, float] = {}
    alternatives: dict[int, float] = {}
    first_sign = state.first_sign
    best_scores: dict[int, float] = {}
    older: list[int] = []
    older_below: dict[int, list[int]] = {}
    onset_of: dict[int, float] = {}
    for node in sorted(nodes, reverse=True):  # children come after parents in pre-order
        branches = onsets.get(node)
        if branches:
            branches.sort()
            onset = max(branches[(len(branches) - 1) // 2][0], first_sign[node])
            older = []
            for o, c in branches:
                if c < 0:
                    continue
                if o < onset - st.older:
                    older.append(c)
                elif c in older_below:
                    older.extend(older_below[c])
            if older:
                older_below[node] = older
        else:
            onset = first_sign[node]
            older = []
        parent = cparent[node]
        if onset < INF and parent >= 0:
            above = onsets.get(parent)
            if above is None:
                onsets[parent] = [(onset, node)]
            else:
                above.append((onset, node))
        if (
            closed_since is not None and st.restored_at.get(node, -INF) >= closed_since
        ) or _closed_by_restore(st, node):
            opened = -INF
        else:
            opened = _open_score(st, node, now, confirmed_below, onset, older, best_scores)
        onset_of[node] = onset
        alternative = child_sum.get(node, 0.0) + single_sum.get(node, 0.0)
        kids = children.get(node)
        if kids is not None and len(kids) > 1 and opened > -INF:
            # As many unrelated failures beginning together are unlikely (see ``_together``).
            alternative -= _together(st, kids, onset, older, open_scores, alternatives, onset_of)
        calls = lone.get(node)
        raw = opened
        lifted = -INF
        if calls is not None and -INF < opened < alternative:
            # Calls that otherwise only as many unrelated faults (customers' own, wrong
            # accounts) explain: when they came says how much likelier one outage is. The
            # timing weighs the device against those alone, so it can lift the device up
            # to them, never above (what the explanation is worth above stays the same),
            # and only if it is likelier so than the devices below lifted by the same calls.
            lifted = opened + _timing(params, calls, now) if len(calls) > 1 else opened
            below = lift_below.get(node, -INF)
            if lifted >= alternative and lifted >= below:
                opened = alternative
            lifted = max(lifted, below)
        open_scores[node] = opened
        alternatives[node] = alternative
        best = max(opened, alternative)
        best_scores[node] = best
        if calls is not None and parent >= 0 and not (raw > 0 and raw >= alternative):
            # Not open on its own evidence: its calls go up to be weighed there too.
            above_calls = lone.get(parent)
            if above_calls is None:
                lone[parent] = calls
            else:
                above_calls.extend(calls)
            if lifted > lift_below.get(parent, -INF):
                lift_below[parent] = lifted
        if parent >= 0 and best > 0:
            child_sum[parent] = child_sum.get(parent, 0.0) + best
            children.setdefault(parent, []).append(node)
    if within is None:
        roots = sorted(n for n in open_scores if cparent[n] < 0)
    else:  # the restored device itself is closed: look below it
        roots = [within] if within in open_scores else []
        if roots:
            open_scores[within] = -INF
    return Solution(
        within=within,
        open_scores=open_scores,
        alternatives=alternatives,
        children=children,
        singles=singles,
        roots=roots,
    )


def _closed_by_restore(st: InferenceState, node: int) -> bool:
    """Whether ``node`` was restored (a crew closed it, or staff said power is on below it)
    and nothing below has said power is off since: the restore is the evidence that it is
    closed. Meters silent after it, and signs from before it, speak of devices below (the
    watch after the restore keeps those), not of the restored device opening again; a call
    or a last gasp since may.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> from powerdesk.engine.inference.restoration import energised
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called at 600, 1200, 1800 s
    >>> T = st.network.index["T"]
    >>> energised(st, T, 3000.0); _closed_by_restore(st, T)
    True
    >>> _ = st.evidence.set_category(3, CALL, 3600.0)  # C3 calls since
    >>> _closed_by_restore(st, T)
    False
    """
    restored = st.restored_at.get(node)
    if restored is None or st.forced[node] != FREE:
        return False
    state = st.evidence
    first_sign = state.first_sign[node]
    if first_sign >= INF:
        return True
    if first_sign >= restored:
        return False
    # Signs from before the restore kept for a device below it: is any of them newer?
    first, last = state.first[node], state.endc[node]
    categories = np.frombuffer(state.category, dtype=np.uint8)[first:last]
    times = np.frombuffer(state.signal_t, dtype=np.float64)[first:last]
    fresh = ((categories == CALL) | (categories == AMI_OFF)) & (times >= restored)
    return not bool(fresh.any())


def _together(
    st: InferenceState,
    kids: list[int],
    onset: float,
    older: list[int],
    open_scores: dict[int, float],
    alternatives: dict[int, float],
    onset_of: dict[int, float],
) -> float:
    """Log-ratio of when the devices below that would be open on their own began: from one
    outage of this device, together; as as many unrelated failures, each anywhere in the
    coincidence window. It weighs against the unrelated failures (the explanation that the
    device is closed), so that several branches whose meters or calls differ a little are not
    each named (their own shares fit better) instead of the one device above; the devices
    above weigh their own branches the same way."""
    if onset >= INF:
        return 0.0
    lead = st.together
    together = sum(
        1
        for kid in kids
        if open_scores.get(kid, -INF) >= alternatives.get(kid, 0.0)
        and kid not in older
        and abs(onset_of.get(kid, INF) - onset) <= lead
    )
    if together < 2:
        return 0.0
    return (together - 1) * st.together_llr


def _direct_calls(st: InferenceState) -> dict[int, list[float]]:
    """For each device, the times of its own customers' calls."""
    state = st.evidence
    calls: dict[int, list[float]] = {}
    category, signal_t = state.category, state.signal_t
    cparent, elements = state.cparent, state.customer_element
    epoch = state.epoch
    for number in state.offs:
        if category[number] == CALL:
            node = cparent[elements[number]]
            if node >= 0 and epoch[node] >= signal_t[number]:
                continue  # power came back since: the call was about that outage
            found = calls.get(node)
            if found is None:
                calls[node] = [signal_t[number]]
            else:
                found.append(signal_t[number])
    return calls


def _evidence_within(st: InferenceState, element: int) -> tuple[set[int], set[int]]:
    """Devices with evidence and customers with off-signals below ``element``."""
    state = st.evidence
    end = int(st.network.end[element])
    evidence = np.frombuffer(state.evidence, dtype=np.int32)[element:end]
    candidate = state.candidate_mask[element:end]
    nodes = set((np.flatnonzero((evidence > 0) & candidate) + element).tolist())
    first, last = state.first[element], state.endc[element]
    categories = np.frombuffer(state.category, dtype=np.uint8)[first:last]
    offs = np.flatnonzero((categories == CALL) | (categories == AMI_OFF)) + first
    return nodes, set(offs.tolist())


def _timing(params: Params, times: list[float], now: float) -> float:
    """The best timing log-ratio of the calls at ``times`` over the onsets they allow (each
    call in turn taken as the first of the outage, the earlier ones left out as unrelated),
    and never below nothing: a stray call hours before does not hide the burst after it."""
    times.sort()
    best = 0.0
    suffix = 0.0
    for k, t in enumerate(reversed(times), start=1):
        suffix += t
        if k > 1:
            score = params.call_timing_llr(k, suffix - k * t, (now - t) / 60.0)
            if score > best:
                best = score
    return best
