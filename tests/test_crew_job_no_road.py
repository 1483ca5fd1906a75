"""The crew phone names the places no road reaches after its badge only when they are not the
villages out named already: "梅子箐 [不通车] 梅子箐" said one name twice (walkthrough 33, item 8)."""

from __future__ import annotations

from powerdesk.servicedesk.crew_jobs import Job


def _job(villages_out: list[str], no_road: list[str]) -> Job:
    return Job(
        order=None,  # type: ignore[arg-type]
        stage="dispatched",
        outage=None,
        device=None,
        pole="",
        line="",
        calls=[],
        calls_total=0,
        villages_out=villages_out,
        no_road_places=no_road,
    )


def test_the_villages_named_are_not_named_again_after_the_badge() -> None:
    assert _job(["梅子箐"], ["梅子箐"]).no_road_named_apart == []


def test_which_of_several_places_no_road_reaches_is_still_said() -> None:
    assert _job(["梅子箐", "左门"], ["梅子箐"]).no_road_named_apart == ["梅子箐"]
    assert _job(["左门"], ["哔叭组"]).no_road_named_apart == ["哔叭组"]
