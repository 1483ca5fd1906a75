"""What the solver works with and returns: a device's tally of evidence, and the solution."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

__all__ = ["Solution", "Tally"]


@dataclass(frozen=True, slots=True)
class Tally:
    """The counts of the customers below a device that its score weighs.

    >>> a = Tally(customers=10, meters=4, evidenced=3, evidenced_metered=1, calls=2,
    ...           meter_off=1, said_on=0, stale_unmetered=0, silent_after=0)
    >>> a.without(a).customers, a.calls
    (0, 2)
    """

    customers: int
    meters: int  # of those, how many have a meter that reports
    evidenced: int  # not silent
    evidenced_metered: int  # with a meter that reports, not silent (or unheard since a restore)
    calls: int
    meter_off: int  # last gasps
    said_on: int  # meters or customers that said power is on, recently
    stale_unmetered: int  # off before power came back above, without a reporting meter
    silent_after: int  # with a reporting meter, silent (or stale) since power came back above

    def without(self, other: Tally) -> Tally:
        """This tally with ``other``'s counts (a branch below) taken out.

        >>> a = Tally(customers=10, meters=4, evidenced=3, evidenced_metered=1, calls=2,
        ...           meter_off=1, said_on=0, stale_unmetered=0, silent_after=0)
        >>> a.without(a) == Tally(*[0] * 9)
        True
        """
        return Tally(*(getattr(self, f.name) - getattr(other, f.name) for f in fields(self)))

    def as_silent_since_on(self, reports: int, metered: int) -> Tally:
        """This tally if ``reports`` reports of power being on (``metered`` of them by
        reporting meters) and the meters silent since power came back said nothing: they
        count as silent."""
        after = self.silent_after
        return replace(
            self,
            evidenced=self.evidenced - reports - after,
            evidenced_metered=self.evidenced_metered - metered - after,
            said_on=self.said_on - reports,
            silent_after=0,
        )


@dataclass(frozen=True, slots=True)
class Solution:
    """The dynamic programme's best explanation of the evidence (of all of it, or of what is
    below ``within``): per device scored, its score if open and the best explanation of it
    closed; the devices (``children``) and customers (``singles``, with their scores) below
    each whose best explanation counts; and the devices at the top, to read it from.

    >>> Solution(within=None, open_scores={}, alternatives={}, children={}, singles={},
    ...          roots=[]).roots
    []
    """

    within: int | None
    open_scores: dict[int, float]
    alternatives: dict[int, float]
    children: dict[int, list[int]]
    singles: dict[int, list[tuple[int, float]]]
    roots: list[int]
