"""The classifier's probabilities in plain numpy, for the intake's hot path.

scikit-learn checks its input again in each TF-IDF step, each of the calibrated model's folds
and each of their per-class calibrators: about 14 ms a note, most of the cost of taking a call.
The arithmetic underneath is small, and is done here on the fitted pipeline's own arrays: the
note's tokens (the vectorizers' own analyzers) counted against their vocabularies, TF-IDF
weighted and normalised; the linear margins from the note's few columns of the weights (one
SVM's, ``calibration.TemperatureSVM``, kept in float32; or each fold's of a scikit-learn
calibrated model); a temperature and a softmax, or per class a clipped linear interpolation
(isotonic) or a logistic curve (sigmoid) and rows normalised; folds averaged. Under a
millisecond a note.

:func:`compile_predictor` returns ``None`` for a pipeline of another shape, and the compiled
function is accepted only if it gives scikit-learn's probabilities on probe notes, so a change
of model or of scikit-learn falls back to scikit-learn instead of answering differently.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["compile_predictor"]

Predictor = Callable[[Sequence[str]], np.ndarray]

PROBES = (
    "家里停电了",
    "电线掉在路上还在打火",
    "我想问一下电费怎么交",
    "要办过户手续",
    "你们的师傅态度很好，谢谢",
    "莫得电了咋个办",
    "建议多装几个路灯",
    "新房子要装表",
    "",
)


def compile_predictor(pipeline: Any, probes: Sequence[str] = PROBES) -> Predictor | None:
    """A function of texts to the pipeline's ``predict_proba``, or ``None`` when it cannot be
    compiled or would not answer exactly as scikit-learn does."""
    try:
        predictor = _compile(pipeline)
        expected = pipeline.predict_proba(list(probes))
        got = predictor(list(probes))
    except (AttributeError, KeyError, TypeError, ValueError):
        return None
    if got.shape != expected.shape or not np.allclose(got, expected, rtol=0, atol=1e-9):
        return None
    return predictor


def _compile(pipeline: Any) -> Predictor:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    steps = dict(pipeline.steps)
    features, model = steps["features"], steps["model"]
    if len(pipeline.steps) != 2:
        raise ValueError("a pipeline of features and a model is expected")
    if isinstance(features, FeatureUnion):
        if features.transformer_weights:
            raise ValueError("weighted feature unions are not compiled")
        transformers = [t for _, t in features.transformer_list if t not in ("drop", None)]
    else:
        transformers = [features]
    vectorizers = []
    offset = 0
    for transformer in transformers:
        if not isinstance(transformer, TfidfVectorizer) or transformer.binary:
            raise ValueError("only TF-IDF vectorizers are compiled")
        if transformer.norm not in ("l2", None) or transformer.dtype is not np.float64:
            raise ValueError("only l2-normalised float64 TF-IDF is compiled")
        idf = transformer.idf_ if transformer.use_idf else np.ones(len(transformer.vocabulary_))
        vectorizers.append(
            _Vectorizer(
                offset=offset,
                analyze=transformer.build_analyzer(),
                vocabulary=transformer.vocabulary_,
                idf=np.asarray(idf, dtype=float),
                sublinear=bool(transformer.sublinear_tf),
                l2=transformer.norm == "l2",
            )
        )
        offset += len(transformer.vocabulary_)
    classes = list(model.classes_)
    if len(classes) < 3:
        raise ValueError("two-class models are not compiled")
    weights: list[np.ndarray] = []
    intercepts: list[np.ndarray] = []
    folds: list[_Fold] = []
    numbered = list(range(len(classes)))
    if not hasattr(model, "calibrated_classifiers_"):
        # One SVM and one temperature (``calibration.TemperatureSVM``).
        if not hasattr(model, "beta_"):
            raise ValueError("a calibrated linear model is expected")
        fitted = [(model, _Fold(float(model.beta_), ()))]
    else:
        fitted = [
            (c.estimator, _fold(c.calibrators, len(classes))) for c in model.calibrated_classifiers_
        ]
    for estimator, fold in fitted:
        # Fitted on the labels, or (one fold, ``ensemble=False``) on their numbers in order.
        if list(estimator.classes_) not in (classes, numbered):
            raise ValueError("each fold must know every class, in order")
        # The weights as the model keeps them (float32 or float64), not copied nor stacked: a
        # (features × folds·classes) matrix stacked from twenty folds' took a second and a half
        # of every process's start (and 180 MB), for no faster answer.
        if estimator.coef_.dtype not in (np.float32, np.float64):
            raise ValueError("float weights are expected")
        weights.append(np.ascontiguousarray(estimator.coef_))
        intercepts.append(np.asarray(estimator.intercept_, dtype=float))
        folds.append(fold)
    if any(w.shape[1] != offset for w in weights):
        raise ValueError("the model and the features disagree on the number of features")
    intercept = np.concatenate(intercepts)
    n_classes = len(classes)

    def predict(texts: Sequence[str]) -> np.ndarray:
        margins = np.tile(intercept, (len(texts), 1))
        for row, text in enumerate(texts):
            columns, values = _features(vectorizers, text)
            if len(columns):
                # A note's margins in every fold: the note's few columns of each fold's weights.
                margins[row] += np.concatenate([w[:, columns] @ values for w in weights])
        total = np.zeros((len(texts), n_classes))
        for number, fold in enumerate(folds):
            total += fold.probabilities(margins[:, number * n_classes : (number + 1) * n_classes])
        return total / len(folds)

    return predict


@dataclass(frozen=True)
class _Vectorizer:
    offset: int
    analyze: Callable[[str], list[str]]
    vocabulary: dict[str, int]
    idf: np.ndarray
    sublinear: bool
    l2: bool


def _features(vectorizers: Sequence[_Vectorizer], text: str) -> tuple[np.ndarray, np.ndarray]:
    """The note's TF-IDF row as (columns, values), as the feature union would make it."""
    all_columns, all_values = [], []
    for v in vectorizers:
        counts: dict[int, int] = {}
        for token in v.analyze(text):
            column = v.vocabulary.get(token)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        if not counts:
            continue
        columns = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        values = np.fromiter(counts.values(), dtype=float, count=len(counts))
        if v.sublinear:
            values = np.log(values) + 1.0
        values *= v.idf[columns]
        if v.l2:
            norm = np.sqrt(np.dot(values, values))
            if norm > 0:
                values /= norm
        all_columns.append(columns + v.offset)
        all_values.append(values)
    if not all_columns:
        return np.empty(0, dtype=np.intp), np.empty(0)
    return np.concatenate(all_columns), np.concatenate(all_values)


@dataclass(frozen=True)
class _Fold:
    """One fold's calibration: a temperature over the margins, or a curve per class."""

    beta: float | None
    curves: tuple[_Curve, ...]

    def probabilities(self, margins: np.ndarray) -> np.ndarray:
        if self.beta is not None:
            # scikit-learn's softmax: the row's largest taken off before exp.
            scaled = self.beta * margins
            scaled = np.exp(scaled - scaled.max(axis=1, keepdims=True))
            proba = scaled / scaled.sum(axis=1, keepdims=True)
        else:
            proba = self._on_curves(margins)
            # As scikit-learn does: rows normalised, an all-zero row uniform.
            denominator = proba.sum(axis=1)[:, None]
            uniform = np.full_like(proba, 1.0 / len(self.curves))
            proba = np.divide(proba, denominator, out=uniform, where=denominator != 0)
        proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
        return proba

    def _on_curves(self, margins: np.ndarray) -> np.ndarray:
        if len(margins) == 1:  # a call at intake: a few points on their curves, no array calls
            return np.array(
                [[_on_curve(c, m) for c, m in zip(self.curves, margins[0], strict=True)]]
            )
        proba = np.empty_like(margins)
        for k, c in enumerate(self.curves):
            if c.isotonic:
                proba[:, k] = np.interp(np.clip(margins[:, k], c.a, c.b), c.xs, c.ys)
            else:
                proba[:, k] = 1.0 / (1.0 + np.exp(c.a * margins[:, k] + c.b))
        return proba


def _fold(calibrators: Sequence[Any], n_classes: int) -> _Fold:
    from sklearn.calibration import _SigmoidCalibration, _TemperatureScaling
    from sklearn.isotonic import IsotonicRegression

    if len(calibrators) == 1 and isinstance(calibrators[0], _TemperatureScaling):
        return _Fold(float(calibrators[0].beta_), ())
    if len(calibrators) != n_classes:
        raise ValueError("a calibrator per class is expected")
    return _Fold(
        None, tuple(_curve(c, IsotonicRegression, _SigmoidCalibration) for c in calibrators)
    )


@dataclass(frozen=True)
class _Curve:
    """A calibrator: isotonic (clip to [a, b], interpolate xs → ys) or sigmoid (a, b)."""

    isotonic: bool
    a: float
    b: float
    xs: np.ndarray
    ys: np.ndarray
    xs_list: list[float]
    ys_list: list[float]


def _on_curve(c: _Curve, margin: float) -> float:
    """One margin's calibrated probability, as ``np.interp`` on the clipped margin gives it."""
    if not c.isotonic:
        return 1.0 / (1.0 + math.exp(c.a * margin + c.b))
    x = min(max(float(margin), c.a), c.b)
    xs, ys = c.xs_list, c.ys_list
    j = bisect.bisect_right(xs, x) - 1
    if j >= len(xs) - 1:
        return ys[-1]
    if j < 0:
        return ys[0]
    slope = (ys[j + 1] - ys[j]) / (xs[j + 1] - xs[j])
    return slope * (x - xs[j]) + ys[j]


def _curve(calibrator: Any, isotonic: Any, sigmoid: Any) -> _Curve:
    if isinstance(calibrator, isotonic):
        if calibrator.out_of_bounds != "clip" or not calibrator.increasing_:
            raise ValueError("only increasing, clipped isotonic curves are compiled")
        xs = np.asarray(calibrator.X_thresholds_, dtype=float)
        ys = np.asarray(calibrator.y_thresholds_, dtype=float)
        low, high = float(calibrator.X_min_), float(calibrator.X_max_)
        return _Curve(True, low, high, xs, ys, xs.tolist(), ys.tolist())
    if isinstance(calibrator, sigmoid):
        none = np.empty(0)
        return _Curve(False, float(calibrator.a_), float(calibrator.b_), none, none, [], [])
    raise ValueError(f"calibrator {type(calibrator).__name__} is not compiled")
