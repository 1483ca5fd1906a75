"""Patrol guidance learnt from the station's own found faults (``powerdesk.engine.patrol_model``)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.patrol import Conditions, DefectNote, PastFault, Place, rank_places
from powerdesk.engine.patrol_model import MIN_EXAMPLES, Example, fit


def stretch(rng: random.Random, trees: int, zone: int) -> list[Place]:
    """A fuse and six poles with their spans; ``trees`` the span where trees grow (a tree
    defect on it half of the time), ``zone`` the pole in a lightning zone."""
    places = [Place("F", "fuse", 0)]
    for i in range(1, 7):
        defects = (
            (DefectNote("serious", "tree", "树距导线过近"),)
            if i == trees and rng.random() < 0.5
            else ()
        )
        places += [
            Place(f"P{i}/span", "span", 2 * i - 1, defects=defects),
            Place(f"P{i}", "pole", 2 * i, lightning_zone=i == zone, install_year=2000),
        ]
    return places


def history(n: int = 300, *, seed: int = 1, rainy_trees: float = 0.5) -> list[Example]:
    """Simulated faults: trees strike the tree span of each stretch, lightning the pole in the
    lightning zone; trees more in the rainy season. Each fault is remembered where it was."""
    rng = random.Random(seed)
    found: dict[tuple[int, str], list[tuple[int, str]]] = {}
    examples = []
    for t in range(n):
        line = rng.randrange(10)
        rainy = rng.random() < 0.4
        cause = "tree" if rng.random() < (rainy_trees if rainy else 0.3) else "lightning"
        trees, zone = 1 + line % 6, 1 + (line * 5) % 6
        local = random.Random(line)
        places = [
            Place(
                p.key,
                p.kind,
                p.order,
                p.lightning_zone,
                p.install_year,
                p.defects,
                faults=tuple(
                    PastFault((t - at) / 100, c) for at, c in found.get((line, p.key), [])
                ),
            )
            for p in stretch(local, trees, zone)
        ]
        if rng.random() < 0.8:
            truth = f"P{trees}/span" if cause == "tree" else f"P{zone}"
        else:
            truth = rng.choice(places).key
        examples.append(Example(cause, tuple(places), truth, 2020, rainy=rainy))
        found.setdefault((line, truth), []).append((t, cause))
    return examples


def test_too_little_history_leaves_the_hand_set_ranking() -> None:
    assert fit(history(MIN_EXAMPLES - 1)) is None


def test_the_learnt_ranking_puts_the_span_where_trees_touched_before_first_and_says_why() -> None:
    model = fit(history())
    assert model is not None
    places = stretch(random.Random(0), trees=3, zone=5)
    places = [
        Place(
            p.key,
            p.kind,
            p.order,
            p.lightning_zone,
            p.install_year,
            p.defects,
            faults=(PastFault(1.0, "tree"),) if p.key == "P3/span" else (),
        )
        for p in places
    ]
    result = rank_places(places, Conditions(year=2026, rainy=True, model=model))
    # The two places to look at first: the tree span and the pole in the lightning zone.
    assert {r.place.key for r in result[:2]} == {"P3/span", "P5"}
    span = next(r for r in result if r.place.key == "P3/span")
    codes = [r.code for r in span.reasons]
    assert "faulted_here" in codes and "trees_season" in codes
    likely = next(r for r in span.reasons if r.code == "likely_cause")
    assert likely.causes == ("tree",) and likely.factor > 0.9
    pole = next(r for r in result if r.place.key == "P5")
    assert any(r.code == "lightning_zone" for r in pole.reasons)


def test_it_beats_walking_from_the_top_on_faults_it_did_not_learn_from() -> None:
    examples = history(500, seed=2)
    model = fit(examples[:300])
    ranks, walked = [], []
    for e in examples[300:]:
        c = Conditions(year=2026, rainy=e.rainy, model=model)
        ranks.append(next(r.rank for r in rank_places(list(e.places), c) if r.place.key == e.truth))
        walked.append(next(p.order for p in e.places if p.key == e.truth) + 1)
    assert sum(ranks) / len(ranks) < 0.6 * sum(walked) / len(walked)


def test_the_cause_mix_follows_the_season_the_station_saw() -> None:
    model = fit(history(400, rainy_trees=0.9))
    assert model is not None
    wet = model.cause_mix(Conditions(year=2026, rainy=True))
    dry = model.cause_mix(Conditions(year=2026, rainy=False))
    assert wet["tree"] > dry["tree"] + 0.2
    assert abs(sum(wet.values()) - 1.0) < 1e-9


MODEL = fit(history())


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.booleans(), st.booleans(), st.randoms())
def test_shares_sum_to_one_ranks_are_one_to_n_and_order_given_does_not_matter(
    trees: int, zone: int, storm: bool, rainy: bool, rnd: random.Random
) -> None:
    places = stretch(random.Random(trees), trees, zone)
    c = Conditions(year=2026, storm=storm, rainy=rainy, model=MODEL)
    result = rank_places(places, c)
    assert abs(sum(r.share for r in result) - 1.0) < 1e-9
    assert [r.rank for r in result] == list(range(1, len(places) + 1))
    shuffled = list(places)
    rnd.shuffle(shuffled)
    assert [r.place.key for r in rank_places(shuffled, c)] == [r.place.key for r in result]
