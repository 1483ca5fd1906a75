"""Restores that brought no power back: a device above is open too, and nobody reported it.

A crew closes a device, and not one customer below it shows power since: no meter says power
is back, nobody called back says it is on, no meter sends a last gasp (it had power again to
lose). Where that silence is likelier from an outage above still open than from lost messages
(``stayed_dark``), power did not come back: the area's signs stand again, and tell of the
device above (``keep_all``). The restored device stays closed, and so do the devices below it
(``dark_areas``): the calls that go on there are about the outage above, not about the device
failing again, and its old signs, about the fault the crew repaired, are not its own any more
(a crew's restore below is no sign of power: crews repair dead lines too). ``restoration``
asks; ``ingest`` notes the signs of power, ``energised`` ends an area's being dark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from powerdesk.engine.inference.evidence import (
    AFTER_RESTORE,
    AMI_OFF,
    CALL,
    INF,
    STALE,
    UNHEARD,
    counter,
)

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState

__all__ = ["dark_areas", "keep_all", "note_restore", "power_below", "stayed_dark"]


def note_restore(st: InferenceState, element: int) -> None:
    """``element`` was restored (or closed, or staff said power is on below it): the areas
    found dark at it or below it are dark no more; what comes back is watched anew.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers()  # S ─ T ─ C0..C3
    >>> T = st.network.index["T"]
    >>> st.dark[T] = 3000.0
    >>> note_restore(st, st.network.index["S"]); st.dark
    {}
    """
    if st.dark:
        end = int(st.network.end[element])
        for device in [d for d in st.dark if element <= d < end]:
            del st.dark[device]


def power_below(st: InferenceState, element: int, since: float) -> bool:
    """Whether a customer below ``element`` showed power at or after ``since``: a meter or a
    customer said power is on, or a meter sent a last gasp. (Not a crew's restore below: crews
    repair dead lines too, and the storms show such restores are no sign of power.)

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers()  # S ─ T ─ C0..C3
    >>> T = st.network.index["T"]
    >>> power_below(st, T, 3000.0)
    False
    >>> st.power_seen[2] = 3100.0  # C2 said power is on
    >>> power_below(st, T, 3000.0), power_below(st, T, 3200.0)
    (True, False)
    """
    seen = st.power_seen
    witness = st.lit_by.get(element)
    if witness is not None and seen[witness] >= since:
        return True
    state = st.evidence
    first, last = state.first[element], state.endc[element]
    if last == first:
        return False
    latest = first + int(seen[first:last].argmax())
    if seen[latest] >= since:
        st.lit_by[element] = latest  # (asked first next time)
        return True
    return False


def stayed_dark(
    st: InferenceState, element: int, restored: float, seconds: float | None = None
) -> bool:
    """Whether power did not come back below ``element`` when it was restored: no customer
    below has shown power since (``power_below``), and the silence of its reporting meters is
    likelier from an outage above it, still open (the likeliest device above, by its prior),
    than from an area whose messages are lost (``Params.silent_after_restore_llr``, at the
    storm's delivery; ``seconds`` after the restore, if the watch is not over). Only once the
    storm has shown that power-on messages get through (an area watched to the end,
    ``StormRates.restores``), and not where staff said the device was not out (``reject``:
    power never went off there, as far as anyone knows, so no meter has its coming back to
    report).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> from powerdesk.engine.inference.restoration import energised
    >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called at 600, 1200, 1800 s
    >>> T = st.network.index["T"]
    >>> energised(st, T, 3000.0)
    >>> stayed_dark(st, T, 3000.0)  # no reporting meter: the restore stands
    False
    """
    if not st.rates.restores or element in st.rejected:
        return False
    witness = st.lit_by.get(element)
    if witness is not None and st.power_seen[witness] >= restored:
        return False  # (the customer who last showed power below: asked first)
    state = st.evidence
    first, last = state.first[element], state.endc[element]
    if state.is_candidate[element]:  # (its counters say as much as the customers' arrays)
        counts = state.counts
        silent = counts[counter(STALE, 1)][element] + counts[counter(AFTER_RESTORE, 1)][element]
    else:
        categories = np.frombuffer(state.category, dtype=np.uint8)[first:last]
        quiet = (categories == AFTER_RESTORE) | (categories == STALE)
        silent = int(
            (quiet & (np.frombuffer(state.metered, dtype=np.uint8)[first:last] == 1)).sum()
        )
    if not silent:
        return False
    above = st.above_prior.get(element)
    if above is None:
        above = -INF
        node = state.cparent[element]
        while node >= 0:
            if state.endc[node] - state.first[node] > last - first:
                # (Not a device feeding this one and nothing else: the crew closing it would
                # have seen that one open.)
                above = max(above, st.prior[node])
            node = state.cparent[node]
        st.above_prior[element] = above
    if st.params.silent_after_restore_llr(silent, seconds) + above <= 0.0:
        return False
    return not power_below(st, element, restored)


def keep_all(st: InferenceState, element: int, restored: float) -> None:
    """The restore of ``element`` at ``restored`` brought no power back: its area's signs
    stand again, for the device above; its quiet meters are unheard, and say nothing of how
    well messages get through. The device and those below it stay closed
    (``dark_areas``).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> from powerdesk.engine.inference.ingest import flush, take
    >>> st = four_customers(calls=3)  # C0, C1, C2 called
    >>> take(st, 3000.0, "restore", "T"); flush(st)  # their calls answered by T's restore
    >>> keep_all(st, st.network.index["T"], 3000.0)  # ... which brought no power back
    >>> [int(c) == CALL for c in st.evidence.category[:3]], st.dark  # their calls stand again
    ([True, True, True], {1: 3000.0})
    """

    def keep(
        categories: npt.NDArray[np.uint8],
        metered: npt.NDArray[np.uint8],
        signal_t: npt.NDArray[np.float64],
    ) -> None:
        stale = categories == STALE
        categories[stale & (metered == 1)] = AMI_OFF
        categories[stale & (metered == 0)] = CALL
        categories[categories == AFTER_RESTORE] = UNHEARD

    st.evidence.recategorise_subtree(element, keep)
    st.dark[element] = restored


def dark_areas(st: InferenceState) -> list[tuple[int, int]]:
    """The areas (first and end element) below devices whose restore brought no power back,
    where no customer has shown power since: the crew closed the device, and the devices below
    it are taken as closed too (not those a crew or SCADA reported open). The signs there, old
    and new, are about a device above (a sign of power since says the verdict was wrong: the
    device is weighed as any restored one). A restore of the device or above ends it.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers()  # S ─ T ─ C0..C3
    >>> T = st.network.index["T"]
    >>> st.restored_at[T] = st.dark[T] = 3000.0
    >>> dark_areas(st) == [(T, int(st.network.end[T]))]
    True
    """
    if not st.dark:
        return []
    end = st.network.end
    return [
        (device, int(end[device]))
        for device, restored in st.dark.items()
        if st.restored_at.get(device) == restored and not power_below(st, device, restored)
    ]
