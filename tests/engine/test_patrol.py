"""Patrol guidance's ranking (pure): where the fault most likely is, and why."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from powerdesk.engine.patrol import (
    Conditions,
    DefectNote,
    PastFault,
    Place,
    kind_rates,
    rank_places,
    walking_rank,
)

NOW = Conditions(year=2026)


def ranked(places: list[Place], conditions: Conditions = NOW) -> list[str]:
    return [r.place.key for r in rank_places(places, conditions)]


def line(n: int = 4) -> list[Place]:
    """A fuse and n poles, each with the span leading to it, in walking order."""
    places = [Place("F", "fuse", 0)]
    for i in range(1, n + 1):
        places += [Place(f"P{i}/span", "span", 2 * i - 1), Place(f"P{i}", "pole", 2 * i)]
    return places


def with_(places: list[Place], key: str, **changes: object) -> list[Place]:
    out = []
    for p in places:
        if p.key == key:
            fields = {**p.__dict__, **changes}
            p = Place(**fields)  # type: ignore[arg-type]
        out.append(p)
    return out


def test_a_span_where_trees_touched_the_line_before_comes_first_and_says_so() -> None:
    places = with_(line(), "P3/span", faults=(PastFault(1.0, "tree"),))
    result = rank_places(places, NOW)
    assert result[0].place.key == "P3/span"
    assert [r.code for r in result[0].reasons] == ["faulted_here"]
    assert result[0].reasons[0].causes == ("tree",)


def test_with_nothing_known_places_are_walked_in_order_spans_before_poles() -> None:
    order = ranked(line(2))
    assert order == ["P1/span", "P2/span", "F", "P1", "P2"]


def test_an_old_pole_with_a_critical_defect_beats_a_new_one() -> None:
    places = with_(line(), "P2", install_year=1990, defects=(DefectNote("critical", "", "倾斜"),))
    result = rank_places(places, NOW)
    assert result[0].place.key == "P2"
    assert {r.code for r in result[0].reasons} == {"old", "defect"}
    assert next(r for r in result[0].reasons if r.code == "defect").text == "倾斜"


def test_a_storm_weighs_the_lightning_zone_more() -> None:
    places = with_(line(), "P4", lightning_zone=True)
    calm = rank_places(places, NOW)
    storm = rank_places(places, Conditions(year=2026, storm=True))
    share = {r.place.key: r.share for r in calm}
    stormy = {r.place.key: r.share for r in storm}
    assert stormy["P4"] > share["P4"]
    assert next(r for r in storm if r.place.key == "P4").reasons[0].code == "lightning_storm"


def test_a_fault_next_door_raises_a_place_less_than_one_at_the_place_itself() -> None:
    places = with_(line(), "P2/span", faults=(PastFault(0.5, "lightning"),))
    places = with_(places, "P2", near=("P2/span",))
    result = {r.place.key: r for r in rank_places(places, NOW)}
    assert result["P2"].score > result["P1"].score
    assert result["P2/span"].score > result["P2"].score
    assert result["P2"].reasons[0].code == "faulted_nearby"


def test_an_old_fault_counts_less_than_a_recent_one() -> None:
    places = with_(
        with_(line(), "P1/span", faults=(PastFault(12.0, "tree"),)),
        "P4/span",
        faults=(PastFault(0.5, "tree"),),
    )
    assert ranked(places)[0] == "P4/span"


def test_learnt_kind_rates_put_the_often_failing_kind_first() -> None:
    rates = kind_rates({"transformer": 30, "span": 10}, {"transformer": 10, "span": 100})
    places = [Place("T1", "transformer", 5), *line(2)]
    result = rank_places(places, Conditions(year=2026, kind_rate=rates))
    assert result[0].place.key == "T1"
    assert result[0].reasons[0].code == "kind_often"


def test_with_no_history_kind_rates_are_the_prior() -> None:
    from powerdesk.engine.patrol import BASE

    assert kind_rates({}, {"span": 10, "pole": 10}) == BASE


def test_walking_rank_counts_from_the_device_down() -> None:
    assert walking_rank(line(), "F") == 1
    assert walking_rank(line(), "P2") == 5


places_strategy = st.lists(
    st.tuples(
        st.sampled_from(["span", "pole", "fuse", "transformer"]),
        st.booleans(),
        st.one_of(st.none(), st.integers(1970, 2025)),
        st.lists(
            st.tuples(st.floats(0, 10), st.sampled_from(["", "tree", "lightning"])), max_size=3
        ),
    ),
    min_size=1,
    max_size=12,
).map(
    lambda rows: [
        Place(
            f"K{i}",
            kind,
            i,
            lightning_zone=zone,
            install_year=year,
            faults=tuple(PastFault(a, c) for a, c in faults),
        )
        for i, (kind, zone, year, faults) in enumerate(rows)
    ]
)


@given(places_strategy, st.booleans())
def test_shares_sum_to_one_and_ranks_are_one_to_n(places: list[Place], storm: bool) -> None:
    result = rank_places(places, Conditions(year=2026, storm=storm))
    assert abs(sum(r.share for r in result) - 1.0) < 1e-9
    assert [r.rank for r in result] == list(range(1, len(places) + 1))
    assert all(a.score >= b.score for a, b in itertools.pairwise(result))


@given(places_strategy, st.data())
def test_one_more_fault_found_at_a_place_never_lowers_its_rank(
    places: list[Place], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(places) - 1))
    key = places[index].key
    before = next(r.rank for r in rank_places(places, NOW) if r.place.key == key)
    more = with_(places, key, faults=(*places[index].faults, PastFault(1.0, "tree")))
    after = next(r.rank for r in rank_places(more, NOW) if r.place.key == key)
    assert after <= before


@given(places_strategy, st.randoms())
def test_the_order_places_are_given_in_does_not_matter(places: list[Place], rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(places)
    rnd.shuffle(shuffled)
    assert ranked(shuffled) == ranked(places)
