"""Patrol guidance (巡线): where on the stretch below an open device the fault most likely is.

A crew walks the line from the device down; each place on the way — a span between two poles, a
pole, a fuse or a transformer — is scored by what the station knew of it before the fault: the
faults found there before and their causes, faults found next to it, the lightning zone (the
more when a storm is on), the equipment's age and its open defects. The score is a relative
likelihood, not a probability: the shares of the stretch it gives are what the crew sees, each
with its reasons, so that a place is never ranked high without saying why.

Pure Python (no Django): the apps build the ``Place`` list from their grid tables and history,
and translate each ``Reason`` into words.

>>> span = Place("B05-P04/span", "span", 3, faults=(PastFault(1.0, "tree"),))
>>> pole = Place("B05-P04", "pole", 4, lightning_zone=True)
>>> [r.place.key for r in rank_places([pole, span], Conditions(year=2026))]
['B05-P04/span', 'B05-P04']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from powerdesk.engine.patrol_model import PatrolModel

__all__ = [
    "BASE",
    "Conditions",
    "DefectNote",
    "PastFault",
    "Place",
    "RankedPlace",
    "Reason",
    "faulted_here",
    "kind_rates",
    "rank_places",
    "ranked",
    "walking_rank",
]

# How often each kind of place is where a fault is, other things equal: conductors in spans
# (trees, wind, clashing) and transformers fail most, a bare pole least.
BASE: dict[str, float] = {
    "span": 1.0,
    "transformer": 1.0,
    "fuse": 0.8,
    "pole": 0.5,
    "recloser": 0.5,
    "sectionalizer": 0.5,
    "switch": 0.4,
    "source": 0.3,
    "node": 0.2,
}
# Causes that strike each kind of place: a tree touches a conductor in a span, lightning hits a
# pole's insulators or a device's arrester, an animal bridges a transformer's or fuse's bushing.
CAUSE_PLACES: dict[str, frozenset[str]] = {
    "tree": frozenset({"span"}),
    "lightning": frozenset({"pole", "fuse", "transformer", "recloser", "sectionalizer", "switch"}),
    "animal": frozenset({"transformer", "fuse", "pole"}),
    "ageing": frozenset({"pole", "fuse", "transformer", "recloser", "sectionalizer", "switch"}),
}
HALF_LIFE_YEARS = 4.0  # a fault found here four years ago counts half as much as one today
OLD_YEARS, AGEING_YEARS = 25, 15
DEFECT_FACTOR = {"critical": 3.0, "serious": 2.0, "minor": 1.3}


@dataclass(frozen=True)
class PastFault:
    """A fault found at a place before: how long ago (years) and its cause kind ("" unknown)."""

    years_ago: float
    cause: str = ""
    weight: float = 1.0  # how much it says of this place (less: a transformer's own outage)


@dataclass(frozen=True)
class DefectNote:
    """An open defect: its severity, its topic ("tree", "lightning", "ageing", "pole", "") and
    its description as recorded."""

    severity: str
    topic: str = ""
    text: str = ""


@dataclass(frozen=True)
class Place:
    """One place to look at. ``order`` is the walking order from the device (0: the device)."""

    key: str
    kind: str
    order: int
    lightning_zone: bool = False
    install_year: int | None = None
    defects: tuple[DefectNote, ...] = ()
    faults: tuple[PastFault, ...] = ()
    near: tuple[str, ...] = ()  # the keys of the places next to it on the line
    on_callers_path: bool = False


@dataclass(frozen=True)
class Conditions:
    year: int
    storm: bool = False  # many outages open at once: lightning and wind are about
    rainy: bool = False  # the rainy season: trees grow into the lines, wet insulators flash
    # How often faults were found at each kind of place, per place of that kind, against the
    # others (1.0 the average); ``BASE`` when the station has no history (``kind_rates``).
    kind_rate: dict[str, float] | None = None
    # Weights learnt from the station's own found faults (``patrol_model.fit``): when given,
    # they rank the places instead of the hand-set factors below.
    model: PatrolModel | None = None


@dataclass(frozen=True)
class Reason:
    """Why a place is ranked where it is: a code the apps put in words, with its figures."""

    code: str
    factor: float
    count: int = 0
    causes: tuple[str, ...] = ()
    years: int = 0
    text: str = ""
    # "faulted_here": how many of each of ``causes`` (same order), and how long ago the latest
    # was, in years (the place's own history said whole, walk78 M2).
    counts: tuple[int, ...] = ()
    latest: float | None = None


@dataclass(frozen=True)
class RankedPlace:
    place: Place
    rank: int  # 1 = look here first
    score: float
    share: float  # of the stretch's total score
    reasons: tuple[Reason, ...] = field(default=())


def rank_places(places: Sequence[Place], conditions: Conditions) -> list[RankedPlace]:
    """The places, likeliest first (ties in walking order), each with its share and reasons.

    Linear in the number of places and their history.

    >>> span = Place("B05-P04/span", "span", 3, faults=(PastFault(1.0, "tree"),))
    >>> pole = Place("B05-P04", "pole", 4, lightning_zone=True)
    >>> for r in rank_places([pole, span], Conditions(year=2026, storm=True)):
    ...     print(r.rank, r.place.key, round(r.share, 2), [reason.code for reason in r.reasons])
    1 B05-P04/span 0.81 ['faulted_here', 'trees_season']
    2 B05-P04 0.19 ['lightning_storm']
    """
    if conditions.model is not None:
        return conditions.model.rank(places, conditions)
    by_key = {p.key: p for p in places}
    rate = conditions.kind_rate or BASE
    usual = sum(rate.get(p.kind, 0.5) for p in places) / max(1, len(places))
    scored: list[tuple[float, Place, tuple[Reason, ...]]] = []
    for place in places:
        reasons = tuple(_reasons(place, by_key, conditions))
        if conditions.kind_rate and rate.get(place.kind, 0.5) >= 1.5 * usual:
            reasons = (Reason("kind_often", 1.0), *reasons)
        score = rate.get(place.kind, 0.5) * math.prod(r.factor for r in reasons)
        scored.append((score, place, reasons))
    return ranked(scored)


def ranked(scored: list[tuple[float, Place, tuple[Reason, ...]]]) -> list[RankedPlace]:
    """Scored places in rank order, each with its share of the whole (ties: down the line).

    >>> a, b, c = (Place(k, "pole", i) for i, k in enumerate(("P1", "P2", "P3")))
    >>> [(r.rank, r.place.key, r.share) for r in ranked([(1.0, a, ()), (3.0, c, ()), (1.0, b, ())])]
    [(1, 'P3', 0.6), (2, 'P1', 0.2), (3, 'P2', 0.2)]
    """
    total = sum(s for s, _p, _r in scored) or 1.0
    scored = sorted(scored, key=lambda item: (-item[0], item[1].order, item[1].key))
    return [
        RankedPlace(place=p, rank=i, score=s, share=s / total, reasons=r)
        for i, (s, p, r) in enumerate(scored, start=1)
    ]


def kind_rates(
    found: Mapping[str, int], counts: Mapping[str, int], *, strength: float = 10.0
) -> dict[str, float]:
    """Faults found per place of each kind, as a multiple of ``BASE``'s guess: ``found`` counts
    the faults found at each kind of place, ``counts`` the places of each kind there are. With
    little history the rates stay near ``BASE`` (``strength`` faults' worth of it).

    >>> r = kind_rates({"transformer": 30, "pole": 10}, {"transformer": 10, "pole": 100})
    >>> r["transformer"] > r["span"] > r["pole"]
    True
    """
    total_found = sum(found.values())
    exposure = sum(BASE.get(k, 0.5) * n for k, n in counts.items()) or 1.0
    rates = {}
    for kind, prior in BASE.items():
        n = counts.get(kind, 0)
        if not n:
            rates[kind] = prior
            continue
        # The prior spreads ``strength`` faults over the places as BASE would.
        expected = strength * prior * n / exposure
        rates[kind] = (
            prior
            * (found.get(kind, 0) + expected)
            / (total_found * prior * n / exposure + expected)
        )
    return rates


def walking_rank(places: Iterable[Place], key: str) -> int:
    """Where ``key`` comes when the line is walked from the device down (1 = first).

    >>> places = [Place("B05-P04", "pole", 4), Place("B05-F", "fuse", 0), Place("S1", "span", 1)]
    >>> walking_rank(places, "B05-P04")
    3
    """
    ordered = sorted(places, key=lambda p: (p.order, p.key))
    return next(i for i, p in enumerate(ordered, start=1) if p.key == key)


def _weight(faults: Iterable[PastFault]) -> float:
    return sum(f.weight * 0.5 ** (max(0.0, f.years_ago) / HALF_LIFE_YEARS) for f in faults)


def faulted_here(place: Place, factor: float) -> Reason:
    """The place's own faults found before: how many, of which causes (most first, then by
    name) and how many of each, and how long ago the latest was.

    >>> p = Place("T", "transformer", 0, faults=(PastFault(2.0, "external"),
    ...     PastFault(0.5, "external"), PastFault(3.0, "tree"), PastFault(1.0, "")))
    >>> r = faulted_here(p, 1.0)
    >>> r.count, r.causes, r.counts, r.latest
    (4, ('external', 'tree'), (2, 1), 0.5)
    """
    counted: dict[str, int] = {}
    for f in place.faults:
        if f.cause:
            counted[f.cause] = counted.get(f.cause, 0) + 1
    causes = sorted(counted, key=lambda c: (-counted[c], c))
    return Reason(
        "faulted_here",
        factor,
        len(place.faults),
        tuple(causes),
        counts=tuple(counted[c] for c in causes),
        latest=min((f.years_ago for f in place.faults), default=None),
    )


def _reasons(place: Place, by_key: dict[str, Place], c: Conditions) -> Iterable[Reason]:
    if place.faults:
        yield faulted_here(place, 1.0 + 3.0 * _weight(place.faults))
    nearby = [f for k in place.near if k in by_key for f in by_key[k].faults]
    if nearby:
        causes = tuple(sorted({f.cause for f in nearby if f.cause}))
        # A tree or an exposed ridge is seldom one span wide.
        yield Reason("faulted_nearby", 1.0 + 0.6 * _weight(nearby), len(nearby), causes)
    struck = CAUSE_PLACES["lightning"]
    if place.lightning_zone and place.kind in struck | {"span"}:
        factor = (2.5 if c.storm else 1.6) if place.kind in struck else 1.15
        yield Reason("lightning_storm" if c.storm else "lightning_zone", factor)
    if place.install_year and place.kind != "span":
        years = c.year - place.install_year
        if years >= OLD_YEARS:
            yield Reason("old", 1.8, years=years)
        elif years >= AGEING_YEARS:
            yield Reason("ageing", 1.3, years=years)
    for defect in place.defects:
        factor = DEFECT_FACTOR.get(defect.severity, 1.3)
        if defect.topic == "tree" and place.kind == "span" and (c.rainy or c.storm):
            factor *= 1.5
        yield Reason("defect", factor, text=defect.text)
    trees = [f for f in place.faults if f.cause == "tree"]
    if trees and place.kind == "span" and (c.rainy or c.storm):
        yield Reason("trees_season", 1.5, len(trees))
    if place.on_callers_path:
        yield Reason("callers_path", 1.2)
