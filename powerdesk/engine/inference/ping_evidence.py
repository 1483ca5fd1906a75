"""What the meters the engine asked to be pinged said: answers, and silence after a ping.

The engine names the meters worth pinging (``pings``) and remembers when it asked. A head-end
answers a ping with the meter's power-on message (``ami_on``, as the contract allows), and a
dark meter never answers; a message may be lost, so a ping unanswered within
``Params.ping_wait_minutes`` is weak evidence of dark: it is as likely from a dark meter (1) as
``1 - share`` from a lit one, where ``share`` is the share of the storm's pings answered (a
Beta about the storm's power-on delivery; since some pinged meters are dark, it is lower than
the head-end's delivery, and silence weighs less than it might). One unanswered ping counts
only while nothing since says the meter had power, and only for the supply it was asked in (a
restore above it since starts afresh). An answer says the meter had power then: after the
outage of a device above began, that device was not open; it counts for good, also once the
report of power being on has faded (``Params.on_memory_minutes``). Nothing changes for an
engine never asked for pings: ``build`` gives None.

>>> from powerdesk.engine.inference.examples import four_customers
>>> st = four_customers(calls=1)  # S ─ T ─ C0..C3; C0 called at 600 s
>>> build(st, 900.0) is None  # nothing was asked
True
>>> st.evidence.metered[3] = 1
>>> st.pinged[3] = 700.0  # C3's meter was pinged at 700 s, and has not answered
>>> evidence = build(st, 700.0 + st.params.ping_wait_minutes * 60.0)
>>> evidence.silent, round(evidence.weight, 3)  # -ln(1 - 2/5): the prior's 2 of 4, and 0 of 1
([3], 0.511)
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from powerdesk.engine.inference.evidence import INF, OFF, ON

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState

__all__ = ["PingEvidence", "answer_share", "build"]


@dataclass(frozen=True, slots=True)
class PingEvidence:
    """The pings' evidence at one solve: customer numbers in order, with times."""

    silent: list[int]  # meters pinged and silent since (no answer, no other sign of power)
    lit: list[int]  # meters that answered, whose report of power on has faded
    lit_t: list[float]  # when each answered
    weight: float  # log-ratio of one unanswered ping, dark against lit
    answer_weight: float = math.log(0.01)  # of one answer (``Params.llr_on``)

    def terms(self, first: int, end: int, onset: float, skip: list[tuple[int, int]]) -> float:
        """Log-ratio of the pings below a device (its customers ``first`` to ``end``, not
        those in ``skip``), open against closed, for an outage that began at ``onset``:
        each unanswered ping speaks for it, each answer since ``onset`` against it.

        >>> e = PingEvidence(silent=[1, 5], lit=[2], lit_t=[900.0], weight=0.5)
        >>> e.terms(0, 4, 600.0, []) == 0.5 + math.log(0.01)
        True
        >>> e.terms(0, 9, 1200.0, [(4, 9)])  # the answer came before that outage began
        0.5
        """
        silent = _within(self.silent, first, end, skip)
        score = len(silent) * self.weight
        lo = bisect.bisect_left(self.lit, first)
        hi = bisect.bisect_left(self.lit, end, lo)
        for i in range(lo, hi):
            number = self.lit[i]
            if self.lit_t[i] >= onset and not any(a <= number < b for a, b in skip):
                score += self.answer_weight
        return score

    def silent_terms(self, first: int, end: int, skip: list[tuple[int, int]]) -> float:
        """The unanswered pings' part of ``terms`` alone."""
        return len(_within(self.silent, first, end, skip)) * self.weight


def _within(numbers: list[int], first: int, end: int, skip: list[tuple[int, int]]) -> list[int]:
    lo = bisect.bisect_left(numbers, first)
    hi = bisect.bisect_left(numbers, end, lo)
    found = numbers[lo:hi]
    if skip and found:
        found = [n for n in found if not any(a <= n < b for a, b in skip)]
    return found


def answer_share(st: InferenceState, now: float) -> float:
    """The share of the storm's pings answered so far (a Beta posterior mean about the
    storm's power-on delivery, worth ``Params.ping_answer_strength`` pings).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> answer_share(four_customers(), 0.0) == four_customers().params.restore_delivery
    True
    """
    p = st.params
    wait = p.ping_wait_minutes * 60.0
    answered = unanswered = 0
    for number, asked in st.pinged.items():
        if st.ping_answers.get(number, -INF) >= asked:
            answered += 1
        elif now >= asked + wait:
            unanswered += 1
    strength = p.ping_answer_strength
    return (p.restore_delivery * strength + answered) / (strength + answered + unanswered)


def build(st: InferenceState, now: float) -> PingEvidence | None:
    """The pings' evidence at ``now`` (None if the engine was never asked for pings).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> from powerdesk.engine.inference.pings import PingRequest, record_pings
    >>> st = four_customers(calls=1)
    >>> build(st, 700.0) is None
    True
    >>> record_pings(st, [PingRequest("C3", "T", "named", 0.9)], 900.0)
    >>> build(st, 2000.0).silent  # C3's meter asked at 900 s and silent past the wait
    [3]
    """
    if not st.pinged:
        return None
    state = st.evidence
    wait = st.params.ping_wait_minutes * 60.0
    category, power_seen = state.category, st.power_seen
    epoch, cparent, elements = state.epoch, state.cparent, state.customer_element
    silent: list[int] = []
    lit: list[tuple[int, float]] = []
    for number, asked in st.pinged.items():
        answer = st.ping_answers.get(number, -INF)
        if answer >= asked:
            if category[number] not in ON and not (
                category[number] in OFF and state.signal_t[number] >= answer
            ):  # (not on now, in the evidence already; nor off since)
                lit.append((number, answer))
        elif now >= asked + wait and power_seen[number] < asked:
            parent = cparent[elements[number]]
            if parent < 0 or asked >= epoch[parent]:
                silent.append(number)
    lit.sort()
    share = min(max(answer_share(st, now), 1e-6), 1.0 - 1e-6)
    return PingEvidence(
        silent=sorted(silent),
        lit=[n for n, _ in lit],
        lit_t=[t for _, t in lit],
        weight=-math.log1p(-share),
        answer_weight=st.params.llr_on,
    )
