"""Scoring an OUT.json against the truth of a simulated storm, as the contract describes.

At each checkpoint the predicted devices are compared with the devices truly open then that
have shown a sign since they opened; where one open device lies below another, only the upper
one counts, in the truth and in the prediction alike. Precision, recall and F1 are summed over
the checkpoints, for all outages and for outages of more than one customer; the share of
customers whose on/off state is wrong is averaged over the checkpoints.

Outages of more than one customer are also counted a second way, by the customers they cut
(``multi_by_customers``): a named device that cuts exactly the customers a truly open device
cuts counts as found. The two differ only where two devices cut the same customers, a fuse
feeding one transformer and nothing else: no customer's sign can tell them apart, and the crew
patrols the same stretch. The strict count (``multi``) stays the contract's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from powerdesk.engine.model.network import Network

__all__ = ["Score", "score_prediction", "top_most"]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, truth: set[int], predicted: set[int]) -> None:
        self.tp += len(truth & predicted)
        self.fp += len(predicted - truth)
        self.fn += len(truth - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Score:
    all: Counts
    multi: Counts
    misclassified: float
    checkpoints: int
    per_checkpoint: list[dict[str, Any]]
    multi_by_customers: Counts = field(default_factory=Counts)
    """Outages of more than one customer matched by the customers they cut (see above)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "checkpoints": self.checkpoints,
            "all": self.all.as_dict(),
            "multi_customer": self.multi.as_dict(),
            "multi_customer_by_customers_cut": self.multi_by_customers.as_dict(),
            "customers_misclassified": round(self.misclassified, 6),
            "per_checkpoint": self.per_checkpoint,
        }


def top_most(network: Network, elements: set[int]) -> set[int]:
    """The elements not below another element of the set.

    >>> net = Network.from_rows([("S", "", "source"), ("F", "S", "fuse"),
    ...                          ("T", "F", "transformer"), ("U", "S", "transformer")])
    >>> sorted(net.ids[e] for e in top_most(net, {net.index[d] for d in ("F", "T", "U")}))
    ['F', 'U']
    """
    result: set[int] = set()
    reach = -1
    for element in sorted(elements):
        if element < reach:
            continue
        result.add(element)
        reach = int(network.end[element])
    return result


def score_prediction(network: Network, truth: dict[str, Any], out: dict[str, Any]) -> Score:
    """The prediction ``out`` (OUT.json) against the storm's ``truth`` (TRUTH.json).

    >>> net = Network.from_rows([("S", "", "source"), ("T", "S", "transformer"),
    ...     ("C1", "T", "customer"), ("C2", "T", "customer"), ("C3", "S", "customer")])
    >>> truth = {"checkpoints": [{"id": "cp-1", "open": [
    ...     {"device": "T", "signed": True}, {"device": "C3", "signed": True}]}]}
    >>> out = {"checkpoints": [{"id": "cp-1", "outages": [{"device": "T"}]}]}
    >>> score = score_prediction(net, truth, out)
    >>> score.all.recall, score.multi.f1, round(score.misclassified, 3)
    (0.5, 1.0, 0.333)

    A fuse that feeds one transformer and nothing else cuts the same customers; named for the
    transformer, it is wrong strictly and right by the customers cut:

    >>> net = Network.from_rows([("S", "", "source"), ("F", "S", "fuse"),
    ...     ("T", "F", "transformer"), ("C1", "T", "customer"), ("C2", "T", "customer")])
    >>> truth = {"checkpoints": [{"id": "cp-1", "open": [{"device": "T", "signed": True}]}]}
    >>> out = {"checkpoints": [{"id": "cp-1", "outages": [{"device": "F"}]}]}
    >>> score = score_prediction(net, truth, out)
    >>> score.multi.f1, score.multi_by_customers.f1
    (0.0, 1.0)
    """
    predicted_by_id = {cp["id"]: cp for cp in out.get("checkpoints", [])}
    index = network.index
    all_counts, multi_counts, by_customers = Counts(), Counts(), Counts()
    wrong_shares: list[float] = []
    per: list[dict[str, Any]] = []
    for checkpoint in truth["checkpoints"]:
        predicted_cp = predicted_by_id.get(checkpoint["id"], {"outages": []})
        truly_open = {index[o["device"]] for o in checkpoint["open"]}
        signed = {index[o["device"]] for o in checkpoint["open"] if o["signed"]}
        truth_set = top_most(network, signed)
        predicted = top_most(
            network, {index[o["device"]] for o in predicted_cp["outages"] if o["device"] in index}
        )
        all_counts.add(truth_set, predicted)
        truth_multi = {e for e in truth_set if _customers(network, e) > 1}
        predicted_multi = {e for e in predicted if _customers(network, e) > 1}
        multi_counts.add(truth_multi, predicted_multi)
        by_customers.add(_spans(network, truth_multi), _spans(network, predicted_multi))
        wrong = _out_mask(network, top_most(network, truly_open)) ^ _out_mask(network, predicted)
        wrong_shares.append(float(wrong.mean()) if network.customer_count else 0.0)
        per.append(
            {
                "id": checkpoint["id"],
                "truth": len(truth_set),
                "predicted": len(predicted),
                "hits": len(truth_set & predicted),
            }
        )
    return Score(
        all_counts,
        multi_counts,
        float(np.mean(wrong_shares)) if wrong_shares else 0.0,
        len(per),
        per,
        by_customers,
    )


def _spans(network: Network, elements: set[int]) -> set[int]:
    """The customers each device cuts, as one number per range (devices not below one another
    never share a customer, so the first customer and the count name the range)."""
    first, end = network.first_customer, network.end_customer
    size = network.customer_count + 1
    return {int(first[e]) * size + int(end[e] - first[e]) for e in elements}


def _customers(network: Network, element: int) -> int:
    if network.customer_number[element] >= 0:
        return 1
    return int(network.end_customer[element] - network.first_customer[element])


def _out_mask(network: Network, elements: set[int]) -> np.ndarray:
    marks = np.zeros(network.customer_count + 1, dtype=np.int32)
    for element in elements:
        if network.customer_number[element] >= 0:
            first = int(network.customer_number[element])
            last = first + 1
        else:
            first, last = int(network.first_customer[element]), int(network.end_customer[element])
        marks[first] += 1
        marks[last] -= 1
    return np.cumsum(marks[:-1]) > 0
