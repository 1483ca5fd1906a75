"""Calls timed from a last gasp, weighed where the signs meet (``Params.gasp_call_meet``).

A last gasp comes within seconds of power going, so it dates an outage of a device above the
meter; the calls of that outage then follow at the storm's call delay, while unrelated calls
(customers' own faults, wrong accounts) fall anywhere in the coincidence window. Round 32
weighed that for a device's own customers (it moved outages down a level: a child holding the
signs gained, its parent not) or for every customer below a device (it moved them up: a parent
counted the calls of branches with no last gasp, which on their own are an outage dated by
their first call). Here a device gains the term over every sign below it, less what its
devices below without a last gasp claim for their calls on their own
(``Params.call_timing_llr``); a device below with a last gasp holds its own term in its open
score, which its parent's alternative carries. So signs all under one child weigh the child and
its parent alike, and signs spread over several children weigh where they meet, as
``branches_together`` weighs branches that began together.
"""

from __future__ import annotations

import bisect
import itertools
import math
from typing import TYPE_CHECKING

from powerdesk.engine.inference.coincidence import timing_llr
from powerdesk.engine.inference.evidence import AMI_OFF, CALL, INF
from powerdesk.engine.model.network import KIND_CODES

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState
    from powerdesk.engine.model.params import Params

__all__ = ["gasp_call_llr", "meet_claims", "meet_term", "off_signs", "signs_between"]

# A call can come a little before its outage's last gasp is heard (meters send theirs up to a
# minute or two after power goes).
GASP_LEAD_SECONDS = 120.0
SWITCH = KIND_CODES["switch"]


def off_signs(st: InferenceState) -> list[tuple[int, float, bool]]:
    """The standing calls and last gasps, by customer number (pre-order, so a device's are
    those from ``first`` to ``endc``): ``(number, time, whether a last gasp)``. A customer whose
    meter sent a last gasp and who called too counts as a last gasp, at its time (its own call
    says nothing of a neighbour's). Signs power has come back to since (at the device the
    customer hangs from) are left out, as in ``coincidence.direct_calls``.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> from powerdesk.engine.inference.ingest import flush, take
    >>> st = four_customers(calls=2)  # C0, C1 called at 600 and 1200 s
    >>> take(st, 1500.0, "ami_off", "C3"); take(st, 1800.0, "call", "C3"); flush(st)
    >>> off_signs(st)
    [(0, 600.0, False), (1, 1200.0, False), (3, 1500.0, True)]
    >>> st.evidence.set_epoch(st.network.index["T"], 1700.0)  # a restore above since
    >>> off_signs(st)
    []
    """
    state = st.evidence
    found: list[tuple[int, float, bool]] = []
    category, signal_t = state.category, state.signal_t
    cparent, elements = state.cparent, state.customer_element
    epoch, power_seen = state.epoch, st.power_seen
    for number in state.offs:
        kind = category[number]
        t = signal_t[number]
        if kind == AMI_OFF:
            # (A call since moved its time; the last gasp came just after ``power_seen``.)
            seen = math.nextafter(float(power_seen[number]), INF)
            if -INF < seen < t:
                t = seen
        elif kind != CALL:
            continue
        up = cparent[elements[number]]
        if up >= 0 and epoch[up] >= t:
            continue  # power came back since: the sign was about that outage
        found.append((number, t, kind == AMI_OFF))
    found.sort()
    return found


def signs_between(
    signs: list[tuple[int, float, bool]], first: int, end: int
) -> tuple[list[float], list[float]]:
    """The times of the last gasps and of the calls among ``signs`` (``off_signs``) of the
    customers numbered ``first`` to ``end`` (a device's), each sorted.

    >>> signs = [(0, 600.0, False), (1, 1200.0, False), (3, 1500.0, True)]
    >>> signs_between(signs, 0, 4), signs_between(signs, 0, 2)
    (([1500.0], [600.0, 1200.0]), ([], [600.0, 1200.0]))
    """
    lo = bisect.bisect_left(signs, (first, -INF, False))
    hi = bisect.bisect_left(signs, (end, -INF, False), lo)
    gasps = sorted(t for _, t, gasp in signs[lo:hi] if gasp)
    calls = sorted(t for _, t, gasp in signs[lo:hi] if not gasp)
    return gasps, calls


def gasp_call_llr(params: Params, gasps: list[float], calls: list[float], now: float) -> float:
    """Log-ratio of when the ``calls`` came, from one outage that a last gasp at one of
    ``gasps`` dated against as many unrelated faults (each anywhere in the coincidence
    window): ``Params.call_timing_llr`` with the last gasp as the outage's first sign, the
    best over the last gasps (calls from before one are left out of it as unrelated). A call
    soon after the last gasp speaks for one outage, one long after against it; no call after
    any last gasp says nothing.

    >>> from powerdesk.engine.model import Params
    >>> p = Params()
    >>> soon = gasp_call_llr(p, [600.0], [600.0 + 5 * 60.0], 7200.0)
    >>> late = gasp_call_llr(p, [600.0], [600.0 + 160 * 60.0], 600.0 + 170 * 60.0)
    >>> soon > 0 > late
    True
    >>> gasp_call_llr(p, [7200.0], [600.0], 7800.0)  # the call came before the last gasp
    0.0
    """
    calls = sorted(calls)
    total = len(calls)
    sums = list(itertools.accumulate(calls, initial=0.0))
    best: float | None = None
    for gasp in sorted(set(gasps)):
        first = bisect.bisect_left(calls, gasp - GASP_LEAD_SECONDS)
        if first == total:
            break  # (later last gasps have no call after them either)
        at = bisect.bisect_left(calls, gasp, first)  # (the calls just before it: at once)
        delays = (sums[total] - sums[at]) - (total - at) * gasp
        score = params.call_timing_llr(total - first + 1, delays, (now - gasp) / 60.0)
        if best is None or score > best:
            best = score
    return 0.0 if best is None else best


def meet_term(
    params: Params,
    gasps: list[float],
    calls: list[float],
    claims: list[float],
    now: float,
) -> float:
    """What a device gains for the calls below it coming after a last gasp below it: the term
    over all its signs (``gasp_call_llr``, only for one outage), less ``claims``, what its
    devices below without a last gasp claim for their own calls as outages of their own
    (``coincidence.timing_llr``), never below nothing.

    >>> from powerdesk.engine.model import Params
    >>> p = Params()
    >>> alone = meet_term(p, [600.0], [660.0, 720.0, 780.0], [], 900.0)
    >>> alone > 0
    True
    >>> claimed = timing_llr(p, [660.0, 720.0, 780.0], 900.0)  # the calls all under one child
    >>> round(meet_term(p, [600.0], [660.0, 720.0, 780.0], [claimed], 900.0), 6) == round(
    ...     max(0.0, alone - claimed), 6)
    True
    >>> meet_term(p, [600.0], [], [], 900.0), meet_term(p, [], [660.0], [], 900.0)
    (0.0, 0.0)
    """
    if not gasps or not calls:
        return 0.0
    term = max(0.0, gasp_call_llr(params, gasps, calls, now)) - sum(claims)
    return max(0.0, term)


def meet_claims(
    st: InferenceState,
    node: int,
    parent: int,
    signs: list[tuple[int, float, bool]],
    claims: dict[int, list[float]],
    opened: float,
    now: float,
) -> float:
    """What ``node`` adds to its open score (``meet_term``, less the ``claims`` its devices
    below left for it), leaving its own claim for ``parent``: with ``Params.gasp_call_meet`` 1,
    a device with calls and no last gasp below it claims them as an outage of its own
    (``coincidence.timing_llr``); with 2, a device with a last gasp below it claims its term
    too, so that a device gains only what its devices below could not claim with the same
    signs. Switches (line sections, which only a crew or SCADA opens) claim nothing of their
    own and pass on what their devices below claimed. Devices are taken children first
    (``solve``'s order).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> from powerdesk.engine.inference.ingest import flush, take
    >>> st = four_customers(calls=2)  # C0, C1 called at 600 and 1200 s
    >>> take(st, 500.0, "ami_off", "C3"); flush(st)
    >>> T, S = st.network.index["T"], st.network.index["S"]
    >>> claims = {}
    >>> meet_claims(st, T, S, off_signs(st), claims, 0.0, 1800.0) > 0, claims
    (True, {})
    """
    params = st.params
    state = st.evidence
    mode = int(params.gasp_call_meet)
    gasps, signed = signs_between(signs, state.first[node], state.endc[node])
    below = claims.pop(node, [])
    if st.network.kind[node] == SWITCH:
        if parent >= 0 and below:
            claims.setdefault(parent, []).extend(below)
        return 0.0
    claim = 0.0
    term = 0.0
    if not gasps:
        if len(signed) > 1:
            claim = timing_llr(params, signed, now)
    elif signed:
        if opened > -INF:
            term = min(params.gasp_call_meet_cap, meet_term(params, gasps, signed, below, now))
        if mode > 1:
            claim = max(0.0, gasp_call_llr(params, gasps, signed, now))
    if parent >= 0 and claim > 0.0:
        claims.setdefault(parent, []).append(claim)
    return term
