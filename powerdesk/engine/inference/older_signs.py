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

from powerdesk.engine.inference.evidence import AMI_OFF, INF, OFF
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
    one as power goes, a customer calls minutes to an hour later.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called at 600, 1200, 1800 s
    >>> older_than_outage(st, st.network.index["S"], 3000.0)  # no last gasp: nothing older
    -inf
    """
    state, network = st.evidence, st.network
    first, last = state.first[element], state.endc[element]
    if last - first < 3:
        return -INF
    categories = np.frombuffer(state.category, dtype=np.uint8)[first:last]
    times = np.frombuffer(state.signal_t, dtype=np.float64)[first:last]
    gasps = np.flatnonzero((categories == AMI_OFF) & (times <= t))
    if len(gasps) < 3:
        return -INF
    end = int(network.end[element])
    nodes = np.arange(element + 1, end)
    children = nodes[
        (network.candidate_parent[element + 1 : end] == element)
        & state.candidate_mask[element + 1 : end]
    ]
    # Each last gasp's branch: the device just below whose customers it is among (their
    # ranges are consecutive in pre-order), or -1 for the device's own customers.
    if len(children) < 2:
        return -INF
    lo = network.first_customer[children] - first
    hi = network.end_customer[children] - first
    at = np.searchsorted(lo, gasps, side="right") - 1
    inside = (at >= 0) & (gasps < hi[np.maximum(at, 0)])
    branch = np.where(inside, at, -1)
    order = np.lexsort((times[gasps], branch))
    branch, when = branch[order], times[gasps][order]
    starts = np.flatnonzero(np.concatenate(([True], branch[1:] != branch[:-1])))
    firsts = sorted(when[starts].tolist())
    if len(firsts) < 3:
        return -INF
    onset = firsts[(len(firsts) - 1) // 2]
    gasp_lead = st.params.restore_gasp_lead_minutes * 60.0
    lead = gasp_lead if gasp_lead > 0.0 else st.older
    return float(onset - lead) if firsts[0] < onset - lead else -INF


def gate_older(
    st: InferenceState, element: int, opened: float, older: dict[int, float]
) -> tuple[dict[int, float], list[int]]:
    """Which of the ``older`` off-signals below ``element`` (customer number -> time; older
    than its outage, which ``older_than_outage`` dated to ``opened``) its restore leaves
    standing, and which it makes stale like the rest: those under a device below ``element``
    of at most ``Params.kept_older_most`` customers holding ``Params.kept_older_signs`` of them
    or more (a fuse out before the trip, with signs of its own) stand, as does a last gasp
    older than the outage by ``Params.kept_older_lead_minutes``; a lone older sign is likelier
    a customer's own fault, or a wrong account, than a fuse out. ``kept_older_signs`` 1 keeps
    them all.

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
    if params.kept_older_signs <= 1 or not older:
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
        if alone or any(counts[d] >= params.kept_older_signs for d in paths[number]):
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
