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

from typing import TYPE_CHECKING

import numpy as np

from powerdesk.engine.inference import ping_evidence
from powerdesk.engine.inference.coincidence import branches_together, direct_calls, timing_llr
from powerdesk.engine.inference.dark import dark_areas
from powerdesk.engine.inference.evidence import AMI_OFF, CALL, INF
from powerdesk.engine.inference.picture import FREE
from powerdesk.engine.inference.scoring import CONFIRMED, customer_score, device_score, open_score
from powerdesk.engine.inference.solution import Solution

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState

__all__ = ["device_score", "solve"]  # (``device_score`` from ``scoring``, as before)


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

    """
    state, params = st.evidence, st.params
    st.on_reports = None  # built when first needed
    st.lanes = None
    st.ping_evidence = ping_evidence.build(st, now)
    cparent = state.cparent
    # The calls below each device that nothing but their callers' own faults explains:
    # (count, sum of times, first time); see ``Params.call_timing_llr``.
    # (Not when settling a restored area: what its calls have in common is the outage
    # just restored.)
    lone = direct_calls(st) if within is None else {}
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
    apart: dict[int, list[int]] = {}  # (``Params.confirmed_customers_apart``)
    keep_apart = params.confirmed_customers_apart > 0.0
    for element in forced_open:
        number = st.customer_number[element]
        if number >= 0:
            single_customers.add(number)
            weight = CONFIRMED + st.customer_prior
            if keep_apart:
                node = cparent[element]
                while node >= 0 and (within is None or node >= within):
                    apart.setdefault(node, []).append(element)
                    node = cparent[node]
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
        score = customer_score(st, number, now)
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
    dark = dark_areas(st)  # (closed: their signs are about a device above)
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
            (closed_since is not None and st.restored_at.get(node, -INF) >= closed_since)
            or _closed_by_restore(st, node)
            or (dark and st.forced[node] == FREE and any(lo <= node < hi for lo, hi in dark))
        ):
            opened = -INF
        else:
            opened = open_score(
                st, node, now, confirmed_below, onset, older, best_scores, apart.get(node)
            )
        onset_of[node] = onset
        alternative = child_sum.get(node, 0.0) + single_sum.get(node, 0.0)
        kids = children.get(node)
        if kids is not None and len(kids) > 1 and opened > -INF:
            # As many unrelated failures beginning together are unlikely
            # (see ``branches_together``).
            alternative -= branches_together(
                st, kids, onset, older, open_scores, alternatives, onset_of
            )
        calls = lone.get(node)
        raw = opened
        lifted = -INF
        if calls is not None and -INF < opened < alternative:
            # Calls that otherwise only as many unrelated faults (customers' own, wrong
            # accounts) explain: when they came says how much likelier one outage is. The
            # timing weighs the device against those alone, so it can lift the device up
            # to them, never above (what the explanation is worth above stays the same),
            # and only if it is likelier so than the devices below lifted by the same calls.
            lifted = opened + timing_llr(params, calls, now) if len(calls) > 1 else opened
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
