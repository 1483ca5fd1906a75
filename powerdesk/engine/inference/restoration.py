"""What happens after power comes back above some customers: the watch, then the settling.

When a device is restored (or SCADA shows it closed), the off-signals below it go stale (not
those from before SCADA saw it open: they were about something else below; nor those of the
customers below a device reported open further down: power has not come back to them) and
the reporting meters below are watched for a while. Meters that report power back clear their
area; where they stay silent, or calls go on, an outage below the restored device is kept. When
the watch is over, the area is settled: what the evidence still points to stays, the rest is
taken as on (where SCADA saw the restored device open, the signs made below while it was open
stay its outage's: a device kept open below stands on its older signs and its silence). A
restore below a device still reported open waits for that device's restore: power has not
really come back. ``ingest`` calls ``energised``; ``catch_up`` settles what is due. Which
signs older than a restored device's outage its restore leaves standing is ``older_signs``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from powerdesk.engine.inference.dark import keep_all, note_restore, stayed_dark
from powerdesk.engine.inference.evidence import (
    AFTER_RESTORE,
    AMI_OFF,
    CALL,
    INF,
    OFF,
    ON,
    ON_AMI,
    SILENT,
    STALE,
    UNHEARD,
    counter,
)
from powerdesk.engine.inference.older_signs import (
    gate_older,
    older_than_outage,
    unanswered_before,
)
from powerdesk.engine.inference.picture import FORCED_OPEN, extract
from powerdesk.engine.inference.solve import solve

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState


def energised(st: InferenceState, element: int, t: float) -> None:
    """Power came back below ``element``: earlier off-signals there are now stale.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called at 600, 1200, 1800 s
    >>> energised(st, st.network.index["T"], 3000.0)  # the calls are now stale
    >>> st.evidence.count(st.network.index["T"], STALE)
    3
    """
    state = st.evidence
    number = st.customer_number[element]
    st.restored_at[element] = t
    note_restore(st, element)
    if number >= 0:  # a customer's own service was repaired
        if state.category[number] in OFF:
            state.set_category(number, STALE, state.signal_t[number])
        st.settling.append((t + st.grace, element))
        return

    opened = st.opened_at.pop(element, -INF)  # known when SCADA saw it open
    inferred = False
    if opened == -INF and st.params.restore_keeps_older:
        # No SCADA: when its outage began is read off the signs below it, as the picture
        # dates it (``solve``: the lower median of its branches' first signs); signs well
        # older than that were about something else below (a fuse out before the recloser
        # above it tripped), and the restore does not answer them.
        opened = older_than_outage(st, element, t)
        inferred = opened > -INF
    if opened > -INF:
        st.scada_closed[element] = (opened, t)
    # Below a device still known to be open, power has not really come back: nothing to
    # watch yet; the restore of that device will watch the whole area.
    dark = open_above(st, element)
    # Nor has it come back to the customers below a device reported open further down (a
    # crew found the fault there): their signs still tell of that outage.
    still_open = _open_within(st, element)
    first = state.first[element]
    epochs = [(e, state.epoch[e : int(st.network.end[e])]) for e in still_open]
    dropped: list[int] = []
    if opened > -INF:
        if inferred:
            # Every older sign is weighed by the gate, those a restore below answered and a
            # settling kept standing too: left out, they would be neither kept nor made stale.
            older: dict[int, float] = {}
            unanswered_before(
                st, element, opened, older, answered_too=st.params.kept_older_signs > 1
            )
            kept, dropped = gate_older(st, element, opened, older)
            st.kept_older.update(kept)
        else:
            unanswered_before(st, element, opened, st.before_opened)

    def stale(
        categories: npt.NDArray[np.uint8],
        metered: npt.NDArray[np.uint8],
        signal_t: npt.NDArray[np.float64],
    ) -> None:
        # Signs from before the device opened were about something else below it.
        was_off = (
            ((categories == CALL) | (categories == AMI_OFF))
            & (signal_t <= t)
            & (signal_t >= opened)
        )
        for number in dropped:  # older, but with too little evidence of a fuse still out
            was_off[number - first] = True
        lit = np.ones(len(categories), dtype=bool)
        for e in still_open:
            number = st.customer_number[e]
            if number >= 0:
                lit[number - first] = False
            else:
                lit[state.first[e] - first : state.endc[e] - first] = False
        categories[was_off & lit] = STALE
        if not dark:
            quiet = (categories == SILENT) | (categories == UNHEARD)
            categories[quiet & (metered == 1) & lit] = AFTER_RESTORE

    state.set_epoch(element, t)
    for e, epoch in epochs:  # (power has not come back there)
        state.epoch[e : e + len(epoch)] = epoch
    state.recategorise_subtree(element, stale)
    if not dark:
        st.settling.append((t + st.grace, element))


def _open_within(st: InferenceState, element: int) -> list[int]:
    """The top-most elements strictly below ``element`` that SCADA or a crew reported open.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers()  # S ─ T ─ C0..C3, nothing heard yet
    >>> st.forced_open.update({st.network.index["T"], st.network.index["C1"]})
    >>> [st.network.ids[e] for e in _open_within(st, st.network.index["S"])]
    ['T']
    """
    end = int(st.network.end[element])
    tops: list[int] = []
    reach = -1
    for e in sorted(e for e in st.forced_open if element < e < end):
        if e >= reach:
            tops.append(e)
            reach = int(st.network.end[e])
    return tops


def open_above(st: InferenceState, element: int) -> bool:
    """Whether SCADA or a crew has reported a device above ``element`` open.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers()  # S ─ T ─ C0..C3, nothing heard yet
    >>> open_above(st, st.network.index["C0"])  # no crew or SCADA reported anything
    False
    """
    cparent, forced = st.evidence.cparent, st.forced
    node = cparent[element]
    while node >= 0:
        if forced[node] == FORCED_OPEN:
            return True
        node = cparent[node]
    return False


def catch_up(st: InferenceState, now: float) -> None:
    """Settle areas restored a while ago, then let reports of power being on fade.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called at 600, 1200, 1800 s
    >>> energised(st, st.network.index["T"], 3000.0)
    >>> catch_up(st, 3000.0 + st.grace)  # the watch is over: the area is settled
    >>> st.evidence.count(st.network.index["T"], STALE)
    0
    """
    while st.settling and st.settling[0][0] <= now:
        when, element = st.settling.popleft()
        _expire(st, when)
        _settle(st, element, when)
    _expire(st, now)
    if st.settling:
        _dark_early(st, now)


def _dark_early(st: InferenceState, now: float) -> None:
    """Areas still watched whose meters have had time to say power is back and none has:
    power did not come back there, and their signs stand again at once (``stayed_dark``)."""
    if not st.rates.restores or now < st.dark_next:
        return  # (``stayed_dark`` says no before the storm has taught anything)
    wait = 3.0 * st.params.meter_report_seconds
    st.dark_next = now + wait / 6.0  # (looked at again half a mean report delay later)
    done = []
    for when, element in st.settling:
        restored = st.restored_at.get(element, when - st.grace)
        if (
            st.customer_number[element] < 0
            and now - restored >= wait
            and stayed_dark(st, element, restored, now - restored)
            and not open_above(st, element)
        ):
            keep_all(st, element, restored)
            done.append((when, element))
    for entry in done:
        st.settling.remove(entry)


def _expire(st: InferenceState, now: float) -> None:
    state = st.evidence
    while st.expiries and st.expiries[0][0] <= now:
        deadline, number = st.expiries.popleft()
        if state.category[number] in ON and state.signal_t[number] + st.on_memory <= deadline:
            state.set_category(number, SILENT, deadline)


def _settle(st: InferenceState, element: int, now: float) -> None:
    """Decide what a restored area's watch showed: outages below it stay, the rest is on.
    The signs made while a device SCADA saw open was out are not given back to the devices
    below it that stay open: they were that outage's, as likely with them closed as open."""
    state = st.evidence
    number = st.customer_number[element]
    if number >= 0:
        if state.category[number] in (STALE, AFTER_RESTORE):
            # (A meter that did not say power is back is unheard: no evidence either way.)
            state.set_category(number, UNHEARD if state.metered[number] else SILENT, now)
        return
    if open_above(st, element) or st.forced[element] == FORCED_OPEN:
        # Dark again from above, or the device itself open again: the next restore will
        # settle the area.
        return
    net = st.network
    restored = st.restored_at.get(element, now)
    if stayed_dark(st, element, restored):
        # Nobody below has shown power since: it did not come back (a device above is open
        # too, unreported). Its signs still tell of that outage.
        keep_all(st, element, restored)
        return
    nodes = _unsettled_candidates(st, element, now)
    inside: list[int] = []
    if nodes:
        # Devices restored since power came back here are closed too.
        solved = solve(
            st, now, within=element, nodes=nodes, closed_since=st.restored_at.get(element, -INF)
        )
        inside = [net.index[o.device] for o in extract(st, solved)]
        end = int(net.end[element])
        inside = [e for e in inside if element < e < end]
    first = state.first[element]
    # When SCADA saw the restored device open, if it did: the signs below made since were its
    # outage's (those from before were never made stale).
    closed = st.scada_closed.get(element)
    opened = closed[0] if closed is not None and closed[1] == restored else -INF
    ranges = [
        (int(net.first_customer[e]) - first, int(net.end_customer[e]) - first)
        if st.customer_number[e] < 0
        else (st.customer_number[e] - first, st.customer_number[e] - first + 1)
        for e in inside
    ]

    def settle(
        categories: npt.NDArray[np.uint8],
        metered: npt.NDArray[np.uint8],
        signal_t: npt.NDArray[np.float64],
    ) -> None:
        keep = np.zeros(len(categories), dtype=bool)
        for lo, hi in ranges:
            keep[lo:hi] = True
        stale = categories == STALE
        # The meters of the area that came back (not those kept out) say how many power-on
        # messages get through.
        back = (metered == 1) & ~keep
        reported = int((back & (categories == ON_AMI) & (signal_t >= restored)).sum())
        silent = int((back & ((categories == AFTER_RESTORE) | stale)).sum())
        if reported + silent:
            st.rates.power_back(meters=reported + silent, reported=reported)
        if opened > -INF:
            # A sign made while the device above was out is as likely with a device below
            # closed as open: a device kept open stands on its older signs and on its meters'
            # silence since power came back (unheard: ``scoring._open_since_before``), not on
            # calls and last gasps its neighbours made as well.
            keep &= signal_t < opened
        categories[stale & keep & (metered == 1)] = AMI_OFF
        categories[stale & keep & (metered == 0)] = CALL
        # Meters that did not say power is back, where it came back or not, are unheard: that
        # silence says nothing of any later outage (no "no last gasp" from a meter that may
        # be out, or whose messages do not get through).
        unheard = (categories == AFTER_RESTORE) | (stale & ~keep & (metered == 1))
        categories[stale & ~keep & (metered == 0)] = SILENT
        categories[unheard] = UNHEARD

    state.recategorise_subtree(element, settle)


def _unsettled_candidates(st: InferenceState, element: int, now: float) -> set[int]:
    """Devices below a restored ``element`` that may still be open.

    Only devices with customers still awaiting the settling can change its outcome, and of
    those only the ones whose evidence could outweigh their prior: a bound on the score,
    computed for the whole subtree at once, rules out the rest without scoring them.
    """
    state = st.evidence
    end = int(st.network.end[element])
    devices = np.arange(element, end)[state.candidate_mask[element:end]]

    def count(category: int, metered: int | None = None) -> npt.NDArray[np.int64]:
        keys = (
            [counter(category, 0), counter(category, 1)]
            if metered is None
            else [counter(category, metered)]
        )
        return sum(
            np.frombuffer(state.counts[k], dtype=np.int32)[devices].astype(np.int64) for k in keys
        )  # type: ignore[return-value]

    unsettled = count(STALE) + count(AFTER_RESTORE)
    llr = st.llr
    # (Reports of power being on are left out: made before an outage began, they do not
    # count against it.)
    bound = (
        count(CALL) * -math.log(st.params.false_call)
        + count(AMI_OFF) * -math.log(st.params.false_ami_off)
        + (count(STALE, 1) + count(AFTER_RESTORE)) * max(0.0, llr[AFTER_RESTORE])
        + count(STALE, 0) * max(0.0, llr[STALE])
        + st.prior_array[devices]
    )
    return set(devices[(unsettled > 0) & (bound > 0)].tolist())
