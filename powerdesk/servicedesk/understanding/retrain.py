"""Learning from the desk: a model retrained on staff corrections replaces the current one only
if it is no worse on every evaluation set (as right, and as safe)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from powerdesk.servicedesk.understanding.classifier import CallClassifier
from powerdesk.servicedesk.understanding.evaluation import Report, evaluate_all
from powerdesk.servicedesk.understanding.store import ModelStore
from powerdesk.servicedesk.understanding.training import corrections_digest, train_on_corpus

__all__ = ["RetrainOutcome", "retrain"]

Trainer = Callable[[Iterable[tuple[str, str]]], CallClassifier]


@dataclass(frozen=True)
class RetrainOutcome:
    corrections: int
    before: dict[str, Report]
    after: dict[str, Report]
    version: int | None  # the new model's version when it replaced the current one
    # The current model had learnt these very corrections: nothing was trained.
    nothing_new: bool = False

    @property
    def replaced(self) -> bool:
        return self.version is not None


def retrain(
    corrections: Iterable[tuple[str, str]],
    *,
    current: CallClassifier,
    store: ModelStore,
    train: Trainer | None = None,
) -> RetrainOutcome:
    """Train on the corpus and ``corrections``; publish the result only if no worse."""
    learnt = list(corrections)
    partial = getattr(current, "partial", False)  # stored before its detector was trained
    if getattr(current, "learnt_from", None) == corrections_digest(learnt) and not partial:
        # The model in use was trained on these very corrections (the first start trains one
        # just before the worker's first scheduled retraining): a second would be the same.
        return RetrainOutcome(len(learnt), {}, {}, None, nothing_new=True)
    before = evaluate_all(current)
    candidate = (train or train_on_corpus)(learnt)
    after = evaluate_all(candidate)
    figures = {name: report.headline() for name, report in after.items()}
    if all(after[name].no_worse_than(before[name]) for name in before):
        version = store.publish(
            candidate, reason=f"retrained with {len(learnt)} corrections", figures=figures
        )
    else:
        version = None
        store.record(
            {
                "event": "kept the current model",
                "reason": f"retrained with {len(learnt)} corrections: worse on an evaluation set",
                "figures": figures,
                "current": {name: report.headline() for name, report in before.items()},
            }
        )
    return RetrainOutcome(len(learnt), before, after, version)
