"""The call classifier: jieba words and character n-grams, TF-IDF, logistic regression.

It is trained from the shipped corpus (``servicedesk/data/call_notes.jsonl``) and any staff
corrections given to it; nothing is downloaded. Training takes a few seconds, once per process.

jieba and scikit-learn are imported when a classifier is first trained or used, not with this
module: the app imports it at start-up, and scikit-learn alone takes seconds to import, which
every ``powerdesk`` command (``--help`` included) would otherwise pay.
"""

from __future__ import annotations

import json
import logging
import threading
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from powerdesk.servicedesk.understanding.categories import CODES
from powerdesk.servicedesk.understanding.urgency import is_urgent

__all__ = ["CallClassifier", "Suggestion", "default_classifier", "evaluate", "read_notes"]

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = DATA / "call_notes.jsonl"
HELD_OUT = DATA / "eval_notes.jsonl"

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

_lock = threading.Lock()
_default: CallClassifier | None = None


@dataclass(frozen=True)
class Suggestion:
    category: str
    urgent: bool
    confidence: float

    def as_dict(self) -> dict[str, object]:
        return {
            "category": self.category,
            "urgent": self.urgent,
            "confidence": round(self.confidence, 4),
        }


@cache
def _jieba() -> ModuleType:
    with warnings.catch_warnings():  # jieba's old regular expressions warn on Python 3.12
        warnings.simplefilter("ignore", SyntaxWarning)
        import jieba
    jieba.setLogLevel(logging.WARNING)
    return jieba


def _words(text: str) -> list[str]:
    return [w for w in _jieba().lcut(text) if w.strip() and not _is_punctuation(w)]


def _is_punctuation(word: str) -> bool:
    return all(not ch.isalnum() for ch in word)


class CallClassifier:
    """Suggests a category (and urgency) for a call note."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    @classmethod
    def train(cls, notes: Iterable[tuple[str, str]]) -> CallClassifier:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion, Pipeline

        texts, labels = zip(*notes, strict=True)
        features = FeatureUnion(
            [
                ("words", TfidfVectorizer(analyzer=_words, ngram_range=(1, 1), sublinear_tf=True)),
                (
                    "chars",
                    TfidfVectorizer(
                        analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, min_df=2
                    ),
                ),
            ]
        )
        pipeline = Pipeline(
            [
                ("features", features),
                ("model", LogisticRegression(C=8.0, max_iter=3000)),
            ]
        )
        pipeline.fit(list(texts), list(labels))
        return cls(pipeline)

    def suggest(self, texts: Sequence[str]) -> list[Suggestion]:
        if not texts:
            return []
        probabilities = self.pipeline.predict_proba(list(texts))
        classes = list(self.pipeline.classes_)
        result = []
        for text, row in zip(texts, probabilities, strict=True):
            best = int(row.argmax())
            category = classes[best]
            result.append(Suggestion(category, is_urgent(text, category), float(row[best])))
        return result

    def suggest_one(self, text: str) -> Suggestion:
        return self.suggest([text])[0]


def read_notes(path: Path) -> list[tuple[str, str]]:
    """``(text, category)`` pairs of a JSON-lines file; unknown categories are refused."""
    notes = []
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row["category"] not in CODES:
                raise ValueError(
                    f"{path.name}, line {line_number}: unknown category {row['category']!r}"
                )
            notes.append((row["text"], row["category"]))
    return notes


Corrections = Iterable[tuple[str, str]] | Callable[[], Iterable[tuple[str, str]]]
_corrections_source: Callable[[], Iterable[tuple[str, str]]] | None = None


def use_corrections_from(source: Callable[[], Iterable[tuple[str, str]]]) -> None:
    """Where the shared classifier finds staff corrections when it is (re)built."""
    global _corrections_source
    _corrections_source = source


def default_classifier(corrections: Corrections = ()) -> CallClassifier:
    """The classifier trained on the shipped corpus and staff corrections, built once."""
    global _default
    with _lock:
        if _default is None:
            extra = corrections() if callable(corrections) else corrections
            if not extra and _corrections_source is not None:
                extra = _corrections_source()
            _default = CallClassifier.train([*read_notes(CORPUS), *extra])
        return _default


def reset_default(corrections: Iterable[tuple[str, str]] = ()) -> CallClassifier:
    """Retrain the shared classifier, for instance after staff corrections."""
    global _default
    with _lock:
        _default = CallClassifier.train([*read_notes(CORPUS), *corrections])
        return _default


def evaluate(classifier: CallClassifier, notes: Sequence[tuple[str, str]]) -> dict[str, float]:
    """Accuracy and macro-F1 on labelled notes the classifier was not trained on."""
    from sklearn.metrics import accuracy_score, f1_score

    texts = [t for t, _ in notes]
    truth = [c for _, c in notes]
    predicted = [s.category for s in classifier.suggest(texts)]
    return {
        "notes": len(notes),
        "accuracy": float(accuracy_score(truth, predicted)),
        "macro_f1": float(f1_score(truth, predicted, average="macro")),
    }
