"""The scorer counts as the contract says: only the upper of nested outages, signed only."""

from __future__ import annotations

from powerdesk.engine.score import score_prediction
from tests.engine.fixtures import radial_feeder


def checkpoint(open_devices: list[tuple[str, bool]]) -> dict[str, object]:
    return {
        "checkpoints": [
            {
                "id": "cp",
                "t": 1.0,
                "open": [{"device": d, "since": 0.0, "signed": s} for d, s in open_devices],
            }
        ]
    }


def predicted(*devices: str) -> dict[str, object]:
    return {"checkpoints": [{"id": "cp", "outages": [{"device": d} for d in devices]}]}


def test_only_the_upper_of_two_nested_open_devices_counts() -> None:
    net = radial_feeder(5)
    score = score_prediction(net, checkpoint([("R", True), ("F2", True)]), predicted("R"))
    assert (score.all.tp, score.all.fp, score.all.fn) == (1, 0, 0)
    score = score_prediction(net, checkpoint([("R", True)]), predicted("R", "T2"))
    assert (score.all.tp, score.all.fp, score.all.fn) == (1, 0, 0)


def test_an_outage_without_a_sign_does_not_count_against_recall() -> None:
    net = radial_feeder(5)
    score = score_prediction(net, checkpoint([("T1", False), ("T2", True)]), predicted("T2"))
    assert (score.all.tp, score.all.fp, score.all.fn) == (1, 0, 0)
    assert score.misclassified == 5 / 25  # T1's customers are out, and predicted on


def test_single_customer_outages_count_only_among_all_outages() -> None:
    net = radial_feeder(5)
    score = score_prediction(
        net, checkpoint([("C2-1", True), ("F3", True)]), predicted("C2-1", "T4")
    )
    assert (score.all.tp, score.all.fp, score.all.fn) == (1, 1, 1)
    assert (score.multi.tp, score.multi.fp, score.multi.fn) == (0, 1, 1)


def test_by_customers_cut_a_fuse_feeding_one_transformer_matches_that_transformer() -> None:
    # F1 feeds T1 and nothing else: the two cut the same customers.
    net = radial_feeder(5)
    score = score_prediction(net, checkpoint([("T1", True)]), predicted("F1"))
    assert (score.multi.tp, score.multi.fp, score.multi.fn) == (0, 1, 1)
    assert (score.multi_by_customers.tp, score.multi_by_customers.fp) == (1, 0)
    assert score.multi_by_customers.fn == 0
    assert score.as_dict()["multi_customer_by_customers_cut"]["f1"] == 1.0


def test_by_customers_cut_a_fuse_above_two_transformers_is_still_wrong() -> None:
    # F2 feeds T2 and T3: naming F2 where T2 went cuts T3's customers too.
    net = radial_feeder(5)
    score = score_prediction(net, checkpoint([("T2", True)]), predicted("F2"))
    assert (score.multi_by_customers.tp, score.multi_by_customers.fp) == (0, 1)
    assert score.multi_by_customers.fn == 1
    # Elsewhere the two counts agree.
    score = score_prediction(net, checkpoint([("F3", True), ("T2", True)]), predicted("F3", "T3"))
    assert (score.multi.tp, score.multi.fp, score.multi.fn) == (1, 1, 1)
    assert (
        score.multi_by_customers.tp,
        score.multi_by_customers.fp,
        score.multi_by_customers.fn,
    ) == (1, 1, 1)
