"""Small devices named by their own odds of being open, not only by the single best picture.

The programme (``solve``) finds the most probable configuration (max-product): a device is
named when its open score beats the best explanation of its evidence with it closed. For the
F1 of the outages named, a device is better named when its own chance of being open is over a
bar. ``log_odds`` gives a device's log-odds of being open against closed, its ancestors closed:
``hard``, against the best closed explanation (the best picture with it open against the best
with it closed, as the programme decides); ``soft``, against the closed explanations summed (each
device and customer below that counts either explained its own way or by nothing: sum-product
over the same tree, as far as the solution keeps it). ``extract`` applies the bar to devices of
``Params.small_device_least``-``small_device_most`` customers when ``Params.small_device_bar``
or ``small_device_soft`` is set; ``more_by_bar`` adds those the best picture left out.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from powerdesk.engine.inference.evidence import INF
from powerdesk.engine.inference.solution import Solution

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState

__all__ = ["log_odds", "more_by_bar", "small"]


def _softplus_gap(x: float) -> float:
    """log(1 + e^x) - max(0, x): what summing a two-way choice adds to taking the larger.

    >>> _softplus_gap(0.0) == math.log(2.0), _softplus_gap(50.0) < 1e-20
    (True, True)
    """
    return math.log1p(math.exp(-abs(x)))


def log_odds(solved: Solution, node: int, soft: bool) -> float:
    """Log-odds of ``node`` open against closed (its ancestors closed).

    >>> s = Solution(within=None, open_scores={1: 2.0, 2: 1.5}, alternatives={1: 1.5, 2: 0.0},
    ...              children={1: [2]}, singles={}, roots=[1])
    >>> log_odds(s, 1, soft=False), round(log_odds(s, 1, soft=True), 3)
    (0.5, 0.299)
    >>> log_odds(s, 2, soft=False), log_odds(s, 2, soft=True)
    (1.5, 1.5)
    """
    opened = solved.open_scores[node]
    if opened <= -INF:
        return -INF
    closed = max(solved.alternatives[node], 0.0)
    if soft:
        for child in solved.children.get(node, ()):
            closed += _softplus_gap(max(solved.open_scores[child], solved.alternatives[child]))
        for _element, score in solved.singles.get(node, ()):
            closed += _softplus_gap(score)
    return opened - closed


def small(st: InferenceState, node: int) -> bool:
    """Whether ``node`` is a device of the size the bar is for (``Params.small_device_least``
    to ``small_device_most`` customers; with ``small_device_metered``, only one with a
    reporting meter below).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=3)
    >>> small(st, st.network.index["T"]), small(st, st.network.index["C0"])
    (True, False)
    >>> from dataclasses import replace
    >>> st.params = replace(st.params, small_device_metered=1.0)  # (no meter reports here)
    >>> small(st, st.network.index["T"])
    False
    """
    if st.customer_number[node] >= 0:
        return False
    if st.params.small_device_metered > 0.0 and st.evidence.meters[node] == 0:
        return False
    customers = st.evidence.endc[node] - st.evidence.first[node]
    return st.params.small_device_least <= customers <= st.params.small_device_most


def more_by_bar(st: InferenceState, solved: Solution, named: list[int]) -> list[int]:
    """Small devices the best picture leaves out whose log-odds of being open are over
    ``Params.small_device_bar`` (below zero: a chance under one half), the likeliest first; none
    inside another named (``named``), nor inside or above one added before. Those named below
    one added are its closed explanation: the caller drops them.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> from dataclasses import replace
    >>> st = four_customers(calls=1)
    >>> T = st.network.index["T"]
    >>> s = Solution(within=None, open_scores={T: -0.5}, alternatives={T: 0.0}, children={},
    ...              singles={}, roots=[T])
    >>> more_by_bar(st, s, [])
    []
    >>> st.params = replace(st.params, small_device_bar=-1.0)
    >>> more_by_bar(st, s, []) == [T], more_by_bar(st, s, [T]), more_by_bar(st, s, [T + 1])
    (True, [], [1])
    """
    bar = st.params.small_device_bar
    soft = st.params.small_device_soft > 0.0
    if bar >= 0.0:
        return []
    end = st.network.end
    above = [(e, int(end[e])) for e in named]
    found = []
    for node, opened in solved.open_scores.items():
        if opened <= bar or not small(st, node):
            continue  # (the soft log-odds are never above the open score)
        odds = log_odds(solved, node, soft)
        if odds > bar:
            found.append((-odds, node))
    added: list[int] = []
    ranges: list[tuple[int, int]] = []
    for _, node in sorted(found):
        stop = int(end[node])
        if any(lo <= node < hi for lo, hi in above) or any(
            lo <= node < hi or node <= lo < stop for lo, hi in ranges
        ):
            continue
        ranges.append((node, stop))
        added.append(node)
    return added
