"""A linear quantile regression, fitted by scikit-learn and kept as plain numbers (no Django, no
scikit-learn needed to answer): the restoration-time model's building block (``etr_model``).

Each column is centred and scaled before fitting, so that the L1 penalty pulls every
coefficient alike toward zero, that is the answer toward the offset each row brings (its own
kind of device's history): with little history the penalty outweighs the little evidence and
the estimate stays near the history's quantile; with more, the columns earn their weight.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Linear", "fit_linear"]


@dataclass(frozen=True)
class Linear:
    """``quantile`` of the target for rows of ``columns``: offset + scaled columns · coef."""

    stage: str
    quantile: float
    centre: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def predict(self, x: Any, offsets: Any) -> Any:
        """The quantile for each row of ``x`` (2-D), each with its own offset."""
        z = (np.asarray(x, dtype=float) - np.array(self.centre)) / np.array(self.scale)
        return np.asarray(offsets, dtype=float) + self.intercept + z @ np.array(self.coef)


def fit_linear(
    stage: str, quantile: float, x: Any, y: Any, offsets: Any, *, penalty: float
) -> Linear:
    """Fit ``y - offsets`` on the columns of ``x`` at ``quantile`` (pinball loss, mean over the
    rows, plus ``penalty`` times the coefficients' absolute sum; the intercept is free)."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import QuantileRegressor

    x = np.asarray(x, dtype=float)
    centre = x.mean(axis=0) if len(x) else np.zeros(x.shape[1])
    scale = x.std(axis=0) if len(x) else np.ones(x.shape[1])
    scale[scale < 1e-9] = 1.0  # a column that never changes: its coefficient stays at zero
    target = np.asarray(y, dtype=float) - np.asarray(offsets, dtype=float)
    regressor = QuantileRegressor(quantile=quantile, alpha=penalty, solver="highs")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        regressor.fit((x - centre) / scale, target)
    return Linear(
        stage=stage,
        quantile=quantile,
        centre=tuple(float(v) for v in centre),
        scale=tuple(float(v) for v in scale),
        coef=tuple(float(v) for v in regressor.coef_),
        intercept=float(regressor.intercept_),
    )
