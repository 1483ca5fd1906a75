"""The classifier's probabilities in a few numpy operations, for the intake's hot path.

scikit-learn's ``CalibratedClassifierCV.predict_proba`` checks its input again in each of its
folds and each of their per-class calibrators (five folds × nine classes × several checks):
about 14 ms a note, most of the cost of taking a call. The arithmetic underneath is small — per
fold, the linear SVM's margins ``X · Wᵀ + b`` and, per class, a clipped linear interpolation
(isotonic) or a logistic curve (sigmoid); rows normalised; folds averaged — and is done here
on the fitted pipeline's own arrays.

:func:`compile_predictor` returns ``None`` for a pipeline of another shape, and the compiled
function is accepted only if it gives scikit-learn's probabilities on probe notes, so a change
of model or of scikit-learn falls back to scikit-learn instead of answering differently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    from scipy import sparse
    from sklearn.calibration import _SigmoidCalibration
    from sklearn.isotonic import IsotonicRegression
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
    classes = list(model.classes_)
    folds = []
    for calibrated in model.calibrated_classifiers_:
        estimator = calibrated.estimator
        if list(estimator.classes_) != classes or len(calibrated.calibrators) != len(classes):
            raise ValueError("each fold must know every class")
        curves: list[tuple[str, Any, Any, Any, Any]] = []
        for calibrator in calibrated.calibrators:
            if isinstance(calibrator, IsotonicRegression):
                if calibrator.out_of_bounds != "clip" or not calibrator.increasing_:
                    raise ValueError("only increasing, clipped isotonic curves are compiled")
                curves.append(
                    (
                        "isotonic",
                        calibrator.X_min_,
                        calibrator.X_max_,
                        np.asarray(calibrator.X_thresholds_, dtype=float),
                        np.asarray(calibrator.y_thresholds_, dtype=float),
                    )
                )
            elif isinstance(calibrator, _SigmoidCalibration):
                curves.append(("sigmoid", float(calibrator.a_), float(calibrator.b_), None, None))
            else:
                raise ValueError(f"calibrator {type(calibrator).__name__} is not compiled")
        coef = np.asarray(estimator.coef_, dtype=float)
        intercept = np.asarray(estimator.intercept_, dtype=float)
        folds.append((coef.T.copy(), intercept, curves))
    if len(classes) < 3:
        raise ValueError("two-class models are not compiled")
    n_classes = len(classes)

    def predict(texts: Sequence[str]) -> np.ndarray:
        parts = [t.transform(texts) for t in transformers]
        matrix = sparse.hstack(parts, format="csr") if len(parts) > 1 else parts[0]
        total = np.zeros((len(texts), n_classes))
        for weights, intercept, curves in folds:
            margins = np.asarray(matrix @ weights) + intercept
            proba = np.empty_like(margins)
            for k, (kind, a, b, xs, ys) in enumerate(curves):
                column = margins[:, k]
                if kind == "isotonic":
                    proba[:, k] = np.interp(np.clip(column, a, b), xs, ys)
                else:
                    proba[:, k] = 1.0 / (1.0 + np.exp(a * column + b))
            # As scikit-learn does: rows normalised, an all-zero row uniform.
            denominator = proba.sum(axis=1)[:, None]
            uniform = np.full_like(proba, 1.0 / n_classes)
            proba = np.divide(proba, denominator, out=uniform, where=denominator != 0)
            proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
            total += proba
        return total / len(folds)

    return predict
