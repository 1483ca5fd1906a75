"""Which meters are worth pinging now: those whose answer would most change the picture.

A head-end can ping a smart meter: a meter with power answers (its answer comes in as an
``ami_on``, as the contract allows), a dark one never does, and a message may be lost. The
devices the engine weighs whose odds an answer can turn are worth a ping: a meter below a
device named on little that answers says it is not open (a caller's own meter first: its
answer also says the call was about nothing), and silence speaks weakly for it
(``ping_evidence``); a device nearly named may be named by that silence. Each is worth,
roughly, the chance that a ping turns the picture there: the chance a named device is closed
(by the engine's own odds, against the best explanation with it closed), or the chance an
unnamed one is open where the silence of as many pings as it would get could name it. Only
the top-most of the devices named, and those with no device named above, are asked about;
the likeliest turns come first, at most ``Params.ping_per_device`` meters each and ``most`` in
all. A meter is asked about only if it reports, has not been heard from since the device's
first sign still standing (nor sent the last gasp that may be that sign), has not been pinged
since, and is not in an area still watched after a restore (its meters will speak anyway).
A device that may have stayed open when power came back above it, with no sign but its
meters' silence since, is not asked about: that silence alone names no device (round 12 of
issue 17), nor does a ping's (round 17). ``choose_pings`` only reads the state;
``record_pings`` notes what was asked, and when.

>>> from powerdesk.engine.inference.ingest import flush, take
>>> from powerdesk.engine.inference.solve import solve
>>> from powerdesk.engine.inference.state import new_state
>>> from powerdesk.engine.model.network import Network
>>> net = Network.from_rows(
...     [("S", "", "source"), ("F", "S", "fuse"), ("T", "F", "transformer")]
...     + [(f"C{i}", "T", "customer") for i in range(6)], ami=[-1] * 3 + [1, 0, 0, 1, 0, 0])
>>> st = new_state(net)
>>> take(st, 600.0, "call", "C0"); take(st, 900.0, "call", "C1"); flush(st)
>>> asked = choose_pings(st, solve(st, 1500.0), 1500.0, most=3)
>>> [(r.customer, r.device, r.reason) for r in asked]  # the caller's own meter first
[('C0', 'F', 'named'), ('C3', 'F', 'named')]
>>> record_pings(st, asked, 1500.0); sorted(st.pinged.items())
[(0, 1500.0), (3, 1500.0)]
>>> choose_pings(st, solve(st, 1500.0), 1500.0, most=3)  # (each meter once)
[]
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from powerdesk.engine.inference.evidence import AMI_OFF, CALL, INF
from powerdesk.engine.inference.picture import FREE, extract
from powerdesk.engine.inference.ping_evidence import answer_share

if TYPE_CHECKING:
    from powerdesk.engine.inference.solution import Solution
    from powerdesk.engine.inference.state import InferenceState

__all__ = ["PingRequest", "choose_pings", "record_pings"]


@dataclass(frozen=True, slots=True)
class PingRequest:
    """One meter to ping: its customer, the device its answer tells of, why, and the device's
    chance of being open by the engine's odds now."""

    customer: str
    device: str
    reason: str  # "named" or "not named"
    chance: float


@dataclass(frozen=True, slots=True)
class _Candidate:
    value: float  # the chance that an answer, or its silence, turns the picture
    node: int
    since: float  # when its outage would have begun: meters heard since are not asked
    reason: str
    log_odds: float


def choose_pings(st: InferenceState, solved: Solution, now: float, most: int) -> list[PingRequest]:
    """The meters worth pinging at ``now`` (at most ``most``), given the solution ``solved`` of
    the evidence at ``now``; the likeliest to turn the picture first. Reads the state only.

    >>> from powerdesk.engine.inference.ingest import flush, take
    >>> from powerdesk.engine.inference.solve import solve
    >>> from powerdesk.engine.inference.state import new_state
    >>> from powerdesk.engine.model.network import Network
    >>> st = new_state(Network.from_rows(
    ...     [("S", "", "source"), ("F", "S", "fuse"), ("T", "F", "transformer")]
    ...     + [(f"C{i}", "T", "customer") for i in range(3)], ami=[-1] * 3 + [0, 1, 1]))
    >>> take(st, 600.0, "call", "C0"); flush(st)  # one call: C0's own fault, or F?
    >>> requests = choose_pings(st, solve(st, 1200.0), 1200.0, most=2)
    >>> [(r.customer, r.device, r.reason) for r in requests]  # F's two reporting meters
    [('C1', 'F', 'not named'), ('C2', 'F', 'not named')]
    >>> st.pinged, choose_pings(st, solve(st, 1200.0), 1200.0, most=0)  # (nothing recorded)
    ({}, [])
    """
    if most <= 0:
        return []
    share = min(max(answer_share(st, now), 1e-6), 1.0 - 1e-6)
    reach = max(1, st.params.ping_per_device) * -math.log1p(-share)
    candidates = _named_or_near(st, solved, reach)
    least = st.params.ping_least_chance
    candidates = sorted(
        (c for c in candidates if c.value > least), key=lambda c: (-c.value, c.node)
    )
    return _meters(st, candidates, most)


def record_pings(st: InferenceState, requests: list[PingRequest], now: float) -> None:
    """Note that the meters of ``requests`` were asked to be pinged at ``now``.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=1)
    >>> record_pings(st, [PingRequest("C3", "T", "named", 0.9)], 900.0)
    >>> st.pinged  # customer number 3 (C3), asked at 900 s
    {3: 900.0}
    """
    index, customer_number = st.network.index, st.customer_number
    for request in requests:
        st.pinged[customer_number[index[request.customer]]] = now


def _value(log_odds: float, reach: float) -> float:
    """The chance a ping turns a device of these odds: closed though named, or open though not
    named where the silence of its pings (``reach``) could name it.

    >>> round(_value(2.0, 1.0), 3), _value(1e9, 1.0), _value(-3.0, 1.0)  # (out of reach)
    (0.119, 0.0, 0.0)
    """
    if log_odds > 700.0:  # (a device confirmed below it: ``scoring.CONFIRMED``)
        return 0.0
    if log_odds > 0.0:
        return 1.0 / (1.0 + math.exp(log_odds))
    if log_odds + reach <= 0.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-log_odds))


def _named_or_near(st: InferenceState, solved: Solution, reach: float) -> list[_Candidate]:
    """The devices the solution weighed, each with its odds, where no device above is named."""
    state, forced = st.evidence, st.forced
    index = st.network.index
    named = {index[o.device] for o in extract(st, solved)}
    cparent = state.cparent
    found: list[_Candidate] = []
    for node, opened in solved.open_scores.items():
        if (
            opened == -INF
            or forced[node] != FREE
            or st.customer_number[node] >= 0
            or state.endc[node] - state.first[node] < 2
            or _watched(st, node)
        ):
            continue
        above = cparent[node]
        while above >= 0 and above not in named:
            above = cparent[above]
        if above >= 0:
            continue  # (the device named above is the one to ask about)
        log_odds = opened - max(0.0, solved.alternatives[node])
        first_sign = state.first_sign[node]
        since = first_sign if first_sign < INF else state.epoch[node]
        reason = "named" if log_odds > 0.0 else "not named"
        found.append(_Candidate(_value(log_odds, reach), node, since, reason, log_odds))
    return found


def _watched(st: InferenceState, node: int) -> bool:
    """Whether ``node`` is in or above an area still watched after its restore."""
    end = st.network.end
    return any(e <= node < end[e] or node <= e < end[node] for _, e in st.settling)


def _meters(st: InferenceState, candidates: list[_Candidate], most: int) -> list[PingRequest]:
    """Up to ``Params.ping_per_device`` meters for each candidate in turn, ``most`` in all:
    callers' own meters first, then meters spread over the device's customers."""
    state = st.evidence
    ids, elements = st.network.ids, state.customer_element
    categories = np.frombuffer(state.category, dtype=np.uint8)
    metered = np.frombuffer(state.metered, dtype=np.uint8)
    asked = np.full(len(categories), -INF)
    if st.pinged:
        asked[list(st.pinged)] = list(st.pinged.values())
    per = max(1, st.params.ping_per_device)
    chosen: set[int] = set()
    requests: list[PingRequest] = []
    for c in candidates:
        if len(requests) >= most:
            break
        first, last = state.first[c.node], state.endc[c.node]
        ok = (
            (metered[first:last] == 1)
            & (st.meter_seen[first:last] < c.since)
            & (categories[first:last] != AMI_OFF)  # (its last gasp may be the first sign)
            & (asked[first:last] < c.since)
        )
        eligible = [n for n in (np.flatnonzero(ok) + first).tolist() if n not in chosen]
        if not eligible:
            continue
        callers = [n for n in eligible if categories[n] == CALL]
        others = [n for n in eligible if categories[n] != CALL]
        take = callers[:per]
        if len(take) < per and others:
            spots = np.linspace(0, len(others) - 1, min(per - len(take), len(others)))
            take += [others[i] for i in sorted(set(np.round(spots).astype(int).tolist()))]
        chance = 1.0 / (1.0 + math.exp(min(-c.log_odds, 700.0)))
        for number in take[: most - len(requests)]:
            chosen.add(number)
            requests.append(
                PingRequest(ids[elements[number]], ids[c.node], c.reason, round(chance, 4))
            )
    return requests
