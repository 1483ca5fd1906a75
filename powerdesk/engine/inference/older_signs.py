"""The older-signs gate: which off-signals below a restored device, older than its outage, its
restore leaves standing.

With no SCADA opening known, a restore dates its device's outage from the last gasps of the
meters below it (``older_than_outage``, as ``solve`` dates an outage); the off-signals below it
from before that date and since power last came back to them (``unanswered_before``) were about
something else below (a fuse out before the recloser above it tripped). ``gate_older`` weighs
them: those with evidence of a device still out below stand (``InferenceState.kept_older``),
a lone older sign is made stale like the rest. Where SCADA saw the device open,
``unanswered_before`` notes the signs from before it opened (``InferenceState.before_opened``).
``restoration.energised`` calls them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from powerdesk.engine.inference.evidence import AMI_OFF, CALL, INF, OFF
from powerdesk.engine.model.network import KIND_CODES

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState


def older_than_outage(st: InferenceState, element: int, t: float) -> float:
    """The time before which the off-signals below ``element`` (restored at ``t``, with no
    SCADA opening known) are older than its outage, as its meters' last gasps date it:
    ``Params.branch_lead_minutes`` (or ``restore_gasp_lead_minutes``) before the lower median
    of when the last gasps began in each branch below it (each device just below, and its own
    customers together), as
    ``solve`` dates an outage; or -infinity where no branch's last gasps began that much
    before it, or fewer than three branches sent one. Only last gasps date it: a meter sends
    one as power goes, a customer calls minutes to an hour later. Where the last gasps do not
    date it and ``Params.restore_call_lead_minutes`` is above 0, the branches' first signs,
    calls too, date it with that lead instead (``_dated_by_calls``).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called at 600, 1200, 1800 s
    >>> older_than_outage(st, st.network.index["S"], 3000.0)  # no last gasp: nothing older
    -inf
    """
    state = st.evidence
    first, last = state.first[element], state.endc[element]
    if last - first < 3:
        return -INF
    categories = np.frombuffer(state.category, dtype=np.uint8)[first:last]
    times = np.frombuffer(state.signal_t, dtype=np.float64)[first:last]
    gasps = np.flatnonzero((categories == AMI_OFF) & (times <= t))
    gasp_lead = st.params.restore_gasp_lead_minutes * 60.0
    dated = _dated(st, element, gasps, times, gasp_lead if gasp_lead > 0.0 else st.older)
    if dated == -INF and st.params.restore_call_lead_minutes > 0.0:
        dated = _dated_by_calls(st, element, t)
    return dated


def dated_by_calls(st: InferenceState, element: int, t: float) -> bool:
    """Whether ``older_than_outage`` dates ``element``'s outage by its branches' calls (its
    last gasps do not date it, and ``Params.restore_call_lead_minutes`` is above 0)."""
    if st.params.restore_call_lead_minutes <= 0.0:
        return False
    state = st.evidence
    first, last = state.first[element], state.endc[element]
    categories = np.frombuffer(state.category, dtype=np.uint8)[first:last]
    times = np.frombuffer(state.signal_t, dtype=np.float64)[first:last]
    gasps = np.flatnonzero((categories == AMI_OFF) & (times <= t))
    gasp_lead = st.params.restore_gasp_lead_minutes * 60.0
    lead = gasp_lead if gasp_lead > 0.0 else st.older
    return last - first < 3 or _dated(st, element, gasps, times, lead) == -INF


def _dated_by_calls(st: InferenceState, element: int, t: float) -> float:
    """``older_than_outage`` by every branch's first off-signal, call or last gasp, where the
    last gasps alone do not date the outage: ``Params.restore_call_lead_minutes`` before the
    lower median of the branches' first signs (at least three branches). A call comes minutes
    to an hour after power goes, so the lead is set for the spread of the calls' delays; a
    branch whose first sign leads the others' by more was out before the device above (a fuse
    that blew before it, its sign made then), and the restore does not answer it.

    >>> from dataclasses import replace
    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3: one branch below S, not three
    >>> st.params = replace(st.params, restore_call_lead_minutes=30.0)
    >>> _dated_by_calls(st, st.network.index["S"], 3000.0)
    -inf
    """
    state = st.evidence
    first, last = state.first[element], state.endc[element]
    categories = np.frombuffer(state.category, dtype=np.uint8)[first:last]
    times = np.frombuffer(state.signal_t, dtype=np.float64)[first:last]
    signs = np.flatnonzero(((categories == AMI_OFF) | (categories == CALL)) & (times <= t))
    lead = st.params.restore_call_lead_minutes * 60.0
    return _dated(st, element, signs, times, lead, two=st.params.restore_call_two_branches > 0)


def _dated(
    st: InferenceState,
    element: int,
    signs: npt.NDArray[np.intp],
    times: npt.NDArray[np.float64],
    lead: float,
    *,
    two: bool = False,
) -> float:
    """``lead`` before the lower median of the first of ``signs`` (customer offsets below
    ``element``, at ``times``) in each branch below ``element``, where at least three branches
    have one and the earliest leads that median by more than ``lead``; else -infinity. With
    ``two``, two branches date it too, by the later one's first sign (the other branch's)."""
    if len(signs) < (2 if two else 3):
        return -INF
    network, state = st.network, st.evidence
    first = state.first[element]
    end = int(network.end[element])
    nodes = np.arange(element + 1, end)
    children = nodes[
        (network.candidate_parent[element + 1 : end] == element)
        & state.candidate_mask[element + 1 : end]
    ]
    # Each sign's branch: the device just below whose customers it is among (their ranges
    # are consecutive in pre-order), or -1 for the device's own customers.
    if len(children) < (1 if two else 2):
        return -INF
    lo = network.first_customer[children] - first
    hi = network.end_customer[children] - first
    at = np.searchsorted(lo, signs, side="right") - 1
    inside = (at >= 0) & (signs < hi[np.maximum(at, 0)])
    branch = np.where(inside, at, -1)
    order = np.lexsort((times[signs], branch))
    branch, when = branch[order], times[signs][order]
    starts = np.flatnonzero(np.concatenate(([True], branch[1:] != branch[:-1])))
    firsts = sorted(when[starts].tolist())
    if len(firsts) < 3:
        if not two or len(firsts) < 2:
            return -INF
        onset = firsts[1]
    else:
        onset = firsts[(len(firsts) - 1) // 2]
    return float(onset - lead) if firsts[0] < onset - lead else -INF


def gate_older(
    st: InferenceState,
    element: int,
    opened: float,
    older: dict[int, float],
    signs: int | None = None,
) -> tuple[dict[int, float], list[int]]:
    """Which of the ``older`` off-signals below ``element`` (customer number -> time; older
    than its outage, which ``older_than_outage`` dated to ``opened``) its restore leaves
    standing, and which it makes stale like the rest: those under a device below ``element``
    of at most ``Params.kept_older_most`` customers holding ``Params.kept_older_signs`` of them
    or more (a fuse out before the trip, with signs of its own) stand, as does a last gasp
    older than the outage by ``Params.kept_older_lead_minutes``; a lone older sign is likelier
    a customer's own fault, or a wrong account, than a fuse out. ``kept_older_signs`` 1 keeps
    them all; ``signs`` replaces it (``Params.restore_call_kept_signs`` where calls dated the
    outage).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=2)  # S ─ T ─ C0..C3; C0, C1 called at 600, 1200 s
    >>> st.params = st.params.__class__(kept_older_signs=2)
    >>> kept, dropped = gate_older(st, st.network.index["S"], 2000.0, {0: 600.0, 1: 1200.0})
    >>> sorted(kept), dropped  # two signs under T: a device out before S's outage
    ([0, 1], [])
    >>> gate_older(st, st.network.index["S"], 2000.0, {0: 600.0})  # one: made stale
    ({}, [0])
    """
    params = st.params
    enough = params.kept_older_signs if signs is None else signs
    if enough <= 1 or not older:
        return older, []
    state, network = st.evidence, st.network
    cparent, elements = state.cparent, state.customer_element
    most = params.kept_older_most
    kinds = network.kind
    switch = KIND_CODES["switch"] if params.kept_older_protective else -1
    paths: dict[int, list[int]] = {}
    counts: dict[int, int] = {}
    for number in older:
        path: list[int] = []
        device = cparent[elements[number]]
        while device > element:
            if network.customers_below(device) <= most and kinds[device] != switch:
                path.append(device)
                counts[device] = counts.get(device, 0) + 1
            device = cparent[device]
        paths[number] = path
    lead_before = opened + st.older - params.kept_older_lead_minutes * 60.0
    kept: dict[int, float] = {}
    dropped: list[int] = []
    for number, when in older.items():
        alone = state.category[number] == AMI_OFF and when < lead_before
        if alone or any(counts[d] >= enough for d in paths[number]):
            kept[number] = when
        else:
            dropped.append(number)
    return kept, dropped


def unanswered_before(
    st: InferenceState,
    element: int,
    opened: float,
    into: dict[int, float],
    *,
    answered_too: bool = False,
) -> None:
    """Note in ``into`` the off-signals below ``element`` that came before it opened (SCADA saw
    it, or its branches' signs date it) and after power last came back to them: its close
    leaves them standing, unanswered (see ``InferenceState.before_opened`` and
    ``kept_older``); with ``answered_too``, also those from before power last came back to
    them that are still standing.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=2)  # C0, C1 called at 600 and 1200 s
    >>> into = {}
    >>> unanswered_before(st, st.network.index["T"], 1000.0, into); into  # T opened at 1000 s
    {0: 600.0}
    """
    state = st.evidence
    epoch, cparent, elements = state.epoch, state.cparent, state.customer_element
    signal_t, category = state.signal_t, state.category
    first, last = state.first[element], state.endc[element]
    for number in state.offs:
        if first <= number < last and category[number] in OFF:
            t = signal_t[number]
            parent = cparent[elements[number]]
            if t < opened and (answered_too or parent < 0 or t > epoch[parent]):
                into[number] = t
