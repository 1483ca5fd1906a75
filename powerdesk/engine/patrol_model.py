"""Patrol guidance learnt from the station's own faults: where on a stretch a fault of each cause
is found, and how often each cause strikes in the season and weather of the day.

A fault's place depends on its cause — a tree touches a conductor in a span, lightning strikes a
pole's insulators or a device in a lightning zone, an animal bridges a transformer's bushing —
but the cause is not known until the crew finds it. So the likelihood of a place is a mixture
over causes: how likely each cause is now (the station's own mix of causes, in the rainy season
or not, in a storm or not), times how likely the place is among the stretch's places for a fault
of that cause (a conditional logit over the places of a stretch: which kind of place it is, its
lightning zone, age and open defects, and the faults of that cause found there and next to it
before, counted less the older they are).

The weights are learnt from the station's past faults whose place was found (``fit``), pulled
towards weak priors (``PRIOR``) that say what a line worker would: so a station with little
history gets sensible guidance, and one with much gets its own. Each place keeps its reasons:
the facts about it whose learnt weight raised it, and its likeliest cause.

numpy and scipy only (no Django); ``powerdesk.outages.patrol_learn`` gives it the examples.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from powerdesk.engine.patrol import (
    AGEING_YEARS,
    CAUSE_PLACES,
    HALF_LIFE_YEARS,
    OLD_YEARS,
    Conditions,
    PastFault,
    Place,
    RankedPlace,
    Reason,
    faulted_here,
    ranked,
)
from powerdesk.engine.patrol_cause import place_causes

__all__ = ["CAUSES", "Example", "PatrolModel", "features", "fit"]

# The cause kinds a place is learnt for; other recorded kinds count as "unknown".
CAUSES = ("lightning", "tree", "ageing", "animal", "external", "overload", "unknown")
KINDS = ("span", "pole", "fuse", "transformer", "device")  # "device": recloser, switch, ...
NAMES = (
    *(f"kind_{k}" for k in KINDS),
    "zone",
    "age",
    "defect",
    "defect_cause",
    "same",
    "other",
    "near",
)
ZONE, AGE, DEFECT, DEFECT_CAUSE, SAME, OTHER, NEAR = range(len(KINDS), len(NAMES))
PRIOR_STRENGTH = 1.0  # the prior's weight: as much as a handful of faults
MIX_STRENGTH = 20.0  # faults' worth of the overall cause mix behind the mix of a season
MIN_EXAMPLES = 30  # fewer found faults than this: the hand-set ranking (``rank_places``)
NOTABLE = math.log(1.2)  # a fact whose weight raises a place by less than this is not a reason


@dataclass(frozen=True)
class Example:
    """A past fault whose place was found: its cause, the stretch's places as known the moment
    it began, the key of the place it was at, and its conditions."""

    cause: str
    places: tuple[Place, ...]
    truth: str
    year: int
    storm: bool = False
    rainy: bool = False


def _prior(cause: str) -> list[float]:
    """What a line worker would say before any history: the kinds of place a cause strikes,
    lightning in its zone, old equipment ageing and struck, defects and past faults of the
    same cause showing where it will be again."""
    struck = CAUSE_PLACES.get(cause)
    kinds = [
        0.0
        if struck is None or _kind(k) in struck or (k == "device" and "switch" in struck)
        else -2.0
        for k in KINDS
    ]
    zone = 0.7 if cause == "lightning" else 0.0
    age = 0.4 if cause in ("lightning", "ageing") else 0.0
    return [*kinds, zone, age, 0.4, 0.7, 1.0, 0.2, 0.3]


def _kind(kind: str) -> str:
    return kind if kind in KINDS else "device"


def features(place: Place, cause: str, by_key: Mapping[str, Place], year: int) -> list[float]:
    """The place's facts as the model reads them, for a fault of ``cause`` (``NAMES`` order).

    >>> span = Place("S1", "span", 1, faults=(PastFault(0.0, "tree"),), near=("P2",))
    >>> pole = Place("P2", "pole", 2, faults=(PastFault(0.0, "tree"),))
    >>> row = dict(zip(NAMES, features(span, "tree", {"S1": span, "P2": pole}, 2026)))
    >>> row["kind_span"], round(row["same"], 3), row["other"], round(row["near"], 3)
    (1.0, 0.693, 0.0, 0.693)
    """
    kind = _kind(place.kind)
    row = [1.0 if kind == k else 0.0 for k in KINDS]
    device = place.kind != "span"
    age = 0.0
    if device and place.install_year:
        # Decades past the tenth year, on a log scale: wear grows, and slower once old.
        age = math.log1p(max(0.0, year - place.install_year - 10) / 10)
    near = [f for k in place.near if k in by_key for f in by_key[k].faults]
    row += [
        1.0 if place.lightning_zone and device else 0.0,
        age,
        1.0 if place.defects else 0.0,
        # A defect that is this cause's own kind: a tree too near, a struck arrester, rust.
        1.0 if any(d.topic == cause for d in place.defects) else 0.0,
        math.log1p(_decayed(f for f in place.faults if _cause(f.cause) == cause)),
        math.log1p(_decayed(f for f in place.faults if _cause(f.cause) != cause)),
        math.log1p(_decayed(f for f in near if _cause(f.cause) == cause)),
    ]
    return row


def _cause(kind: str) -> str:
    return kind if kind in CAUSES else "unknown"


def _decayed(faults: Iterable[PastFault]) -> float:
    return sum(f.weight * 0.5 ** (max(0.0, f.years_ago) / HALF_LIFE_YEARS) for f in faults)


@dataclass
class PatrolModel:
    """Weights per cause (``NAMES`` order) and the station's mix of causes."""

    weights: dict[str, list[float]]
    mix: dict[tuple[bool, bool], dict[str, float]]  # (storm, rainy) -> cause -> share
    trained_on: int = 0
    causes_seen: dict[str, int] = field(default_factory=dict)

    def cause_mix(self, conditions: Conditions) -> dict[str, float]:
        return self.mix.get((conditions.storm, conditions.rainy)) or self.mix[(False, False)]

    def rank(self, places: Sequence[Place], conditions: Conditions) -> list[RankedPlace]:
        """The places, likeliest first (ties in walking order), each with its share of the
        stretch's likelihood and its reasons."""
        if not places:
            return []
        by_key = {p.key: p for p in places}
        mix = self.cause_mix(conditions)
        share = {p.key: 0.0 for p in places}
        by_cause: dict[str, dict[str, float]] = {}
        rows: dict[str, dict[str, list[float]]] = {}
        for cause, weight in mix.items():
            beta = self.weights[cause]
            rows[cause] = {p.key: features(p, cause, by_key, conditions.year) for p in places}
            logits = {
                k: sum(b * x for b, x in zip(beta, r, strict=True)) for k, r in rows[cause].items()
            }
            top = max(logits.values())
            exps = {k: math.exp(v - top) for k, v in logits.items()}
            total = sum(exps.values())
            by_cause[cause] = {}
            for key, e in exps.items():
                part = weight * e / total
                by_cause[cause][key] = part
                share[key] += part
        scored = []
        zone_lift = math.exp(self.weights["lightning"][ZONE]) if "lightning" in mix else 1.0
        for place in places:
            # The callers are below this place: a small lift (no history says how much).
            score = share[place.key] * (1.2 if place.on_callers_path else 1.0)
            # The cause here: the model's, weighed with the place's own faults and its
            # lightning zone (``patrol_cause``: a stretch of one place says nothing else).
            causes = place_causes(
                place, {c: by_cause[c][place.key] for c in by_cause}, zone_lift=zone_lift
            )
            cause = max(causes, key=lambda c: (causes[c], c))
            reasons = self._reasons(
                place, cause, rows[cause][place.key], causes[cause], zone_lift, conditions
            )
            scored.append((score, place, reasons))
        return ranked(scored)

    def _reasons(
        self,
        place: Place,
        cause: str,
        row: list[float],
        likely: float,
        zone_lift: float,
        c: Conditions,
    ) -> tuple[Reason, ...]:
        beta = self.weights[cause]
        out: list[Reason] = []
        lift = {i: math.exp(beta[i] * row[i]) for i in range(len(row))}
        # Its own faults are said whatever cause they point to now: the crew knows the place by
        # them (walk78 M2: four of external damage, unsaid).
        if place.faults:
            out.append(faulted_here(place, lift[SAME] * lift[OTHER]))
        if lift[NEAR] >= math.exp(NOTABLE):
            out.append(Reason("faulted_nearby", lift[NEAR], causes=(cause,)))
        # The lightning zone, when lightning's learnt weight raises a place in it.
        zone = max(lift[ZONE], zone_lift if row[ZONE] else 1.0)
        if zone >= math.exp(NOTABLE):
            out.append(Reason("lightning_storm" if c.storm else "lightning_zone", zone))
        if lift[AGE] >= math.exp(NOTABLE) and place.install_year:
            years = c.year - place.install_year
            if years >= AGEING_YEARS:
                out.append(
                    Reason("old" if years >= OLD_YEARS else "ageing", lift[AGE], years=years)
                )
        if place.defects and lift[DEFECT] * lift[DEFECT_CAUSE] >= math.exp(NOTABLE):
            out += [
                Reason("defect", lift[DEFECT] * lift[DEFECT_CAUSE], text=d.text)
                for d in place.defects
            ]
        if cause == "tree" and place.kind == "span" and c.rainy and place.faults:
            trees = sum(1 for f in place.faults if f.cause == "tree")
            if trees:
                out.append(Reason("trees_season", 1.0, trees))
        if place.on_callers_path:
            out.append(Reason("callers_path", 1.2))
        if cause != "unknown":
            out.append(Reason("likely_cause", likely, causes=(cause,)))
        return tuple(out)


def fit(examples: Sequence[Example], *, strength: float = PRIOR_STRENGTH) -> PatrolModel | None:
    """Learn the weights from past faults (None with fewer than ``MIN_EXAMPLES``).

    Thirty tree faults, each found in the span of a stretch of a span and a pole: the model
    learns that a tree fault is in the span.

    >>> places = (Place("S", "span", 1), Place("P", "pole", 2))
    >>> model = fit([Example("tree", places, "S", 2026)] * 30)
    >>> [r.place.key for r in model.rank(places, Conditions(year=2026))]
    ['S', 'P']
    >>> model.trained_on, fit([Example("tree", places, "S", 2026)] * 29) is None
    (30, True)
    """
    import numpy as np
    from scipy.optimize import minimize

    if len(examples) < MIN_EXAMPLES:
        return None
    seen = Counter(_cause(e.cause) for e in examples)
    weights = {}
    for cause in CAUSES:
        prior = np.array(_prior(cause))
        mine = [e for e in examples if _cause(e.cause) == cause and len(e.places) > 1]
        if not mine:
            weights[cause] = prior.tolist()
            continue
        # All the examples' places in one matrix, each example's a block of rows: the
        # softmax over each block is done with ``reduceat`` (one pass, not one per fault).
        rows: list[list[float]] = []
        starts: list[int] = []
        truths: list[int] = []
        for e in mine:
            by_key = {p.key: p for p in e.places}
            starts.append(len(rows))
            truths.append(len(rows) + next(i for i, p in enumerate(e.places) if p.key == e.truth))
            rows += [features(p, cause, by_key, e.year) for p in e.places]
        x = np.array(rows)
        first = np.array(starts)
        block = np.repeat(np.arange(len(starts)), np.diff(np.append(first, len(rows))))
        chosen = x[truths].sum(axis=0)

        found = minimize(
            _loss,
            prior,
            args=(x, first, block, np.array(truths), chosen, prior, strength),
            jac=True,
            method="L-BFGS-B",
        )
        weights[cause] = [float(b) for b in found.x]
    return PatrolModel(weights, _mixes(examples), len(examples), dict(seen))


def _loss(
    beta: Any,
    x: Any,
    first: Any,
    block: Any,
    picked: Any,
    chosen: Any,
    prior: Any,
    strength: float,
) -> tuple[float, Any]:
    """Minus the log-likelihood of the places the faults were at, plus the prior's pull, and
    its gradient."""
    import numpy as np

    z = x @ beta
    top = np.maximum.reduceat(z, first)
    e = np.exp(z - top[block])
    norm = np.add.reduceat(e, first)
    p = e / norm[block]
    total = 0.5 * strength * float(((beta - prior) ** 2).sum())
    total -= float(z[picked].sum() - (top + np.log(norm)).sum())
    grad = strength * (beta - prior) - (chosen - p @ x)
    return total, grad


def _mixes(examples: Sequence[Example]) -> dict[tuple[bool, bool], dict[str, float]]:
    """The share of each cause overall, then in each (storm, rainy) condition, shrunk towards
    the overall share where the condition has few faults."""
    overall = Counter(_cause(e.cause) for e in examples)
    n = sum(overall.values())
    base = {c: (overall[c] + 0.5) / (n + 0.5 * len(CAUSES)) for c in CAUSES}
    mixes = {}
    for storm in (False, True):
        for rainy in (False, True):
            here = Counter(
                _cause(e.cause) for e in examples if e.storm == storm and e.rainy == rainy
            )
            m = sum(here.values())
            mix = {c: (here[c] + MIX_STRENGTH * base[c]) / (m + MIX_STRENGTH) for c in CAUSES}
            mixes[(storm, rainy)] = mix
    return mixes
