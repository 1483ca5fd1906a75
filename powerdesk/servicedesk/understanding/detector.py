"""A learned detector of danger to life and medical need, beside the rules of ``urgency``.

The rules hear the dangers and needs they have words for; a caller who says one in words they
do not know ("那截线在路边耷起", "家头有个离不得机器的老人") goes by them. The detector is a
logistic regression on character 1–4-grams, trained on the training notes labelled *need*
(a hazard call, or a danger or medical need the rules find there now, or a note a writer marked
with a ``need``) against *none* (everything else: praise remembering a danger, questions about
dangers only feared, calm calls). Where the rules heard nothing, it flags the call for the
clerk to ask the caller about (``Suggestion.learned``; intake shows the question, the API says
``check_safety``), and when it is fairly sure (``URGENT_AT``) it makes the call urgent as well —
the clerk sees why and may clear it, as with the model's own hazard calls. The rules' reading of
context vetoes it: a note in thanks, a junk call, or a note whose only dangers the rules heard
denied, feared or past (``vetoed``) — unless, but for thanks and junk, the detector is surer than
``HEARD_OVER_CONTEXT`` (``overheard``).

``URGENT_AT`` was chosen on notes written by people and left out of the training: on two hands
measured as they came (before anyone read them, and before the rules were mended on them), 16
of the 17 dangers and needs that neither the rules nor the model's hazard call made urgent had a
probability of 0.8 or more, and 2 of their 849 calm notes did; over sixteen hands left out one at
a time it adds 3 dangers of 1,080 for 3 calm notes of 7,261 (DATA_CARD.md, "Ninth round").
Lowered to 0.6 in the twenty-fifth round: out of fold on 23 hands (two of six folds of whole
hands, the learned veto and the rules' vetoes applied), 0.9 / 0.8 / 0.7 / **0.6** left 28 / 18 /
17 / **10** dangers and medical needs not urgent for 156 / 165 / 174 / **185** of 10,864 calm
notes urgent (1.44 / 1.52 / 1.60 / **1.70** %); DATA_CARD.md, "Twenty-fifth round".
(At the flagging threshold, on two sets written apart in an earlier round, it had caught no
danger the rules missed and doubled the calm calls made urgent: hence flagging only, below.)

The threshold is chosen on the training notes only, by cross-validation (five folds that leave
whole cores, matters or hand notes out): the lowest probability at which the detector, vetoes
applied, raises no more than ``FALSE_URGENT_BUDGET`` of the calm training notes it is shown
out of fold. (The rules and the model's hazard calls have their own false alarms, about 1–2 %
on the evaluation sets, and the goal for all together is ≤ 3 %.)

No download: it is trained with the classifier (``training.train_on_corpus``) and pickled
with it by ``store``, so it is retrained, gated and loaded by the web processes the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from powerdesk.servicedesk.understanding.urgency import Findings

if TYPE_CHECKING:  # numpy and scikit-learn are imported when a detector is trained or used
    import numpy as np

__all__ = [
    "FALSE_URGENT_BUDGET",
    "HEARD_OVER_CONTEXT",
    "URGENT_AT",
    "UrgencyDetector",
    "overheard",
    "vetoed",
]

# The share of calm training notes (out of fold, vetoes applied) the detector may raise.
FALSE_URGENT_BUDGET = 0.02
# The probability from which the detector makes a call urgent by itself (above).
URGENT_AT = 0.6
# The probability from which the detector is heard over the rules' reading of context (a danger
# they read as only asked about, feared or past; a call the model took for an idea): left out by
# folds of whole hands, on 25 hands it made 6 more dangers and needs urgent (20 → 14 not urgent)
# for 2 more calm notes of 11,752
# ("牛拴在拉线上一直叫，是不是带电了", "变压器铁架子底下狗过去就叫着跑回来…是不是漏电了",
# "建议把变压器围起来，今天铁门又开着，娃娃蹲在旁边耍"; DATA_CARD.md, "Twenty-second round").
# Never over thanks or a junk call.
HEARD_OVER_CONTEXT = 0.95
# Categories the model gives to calls that are not about a danger now: thanks and ideas
# ("建议变压器周围加个围栏，怕以后娃娃去爬").
_CALM_CATEGORIES = frozenset({"praise", "suggestion"})
# …of which an idea that says something is going on now is heard from ``URGENT_AT``
# (``overheard``; docs/call-notes.md, round 29).
_HEARD_WHEN_NOW = frozenset({"suggestion"})
# Thresholds tried, lowest first.
_THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 19))


def vetoed(found: Findings, category: str = "") -> bool:
    """The rules' reading of context says the note is no call about a danger now: junk, in
    thanks, a machine whose user has died (``Findings.need_ended``), named only for what its
    power costs (``Findings.cost_only``) or said to be working with no outage
    (``Findings.machine_fine``, forty-eighth round), every machine and patient named denied
    and nothing else a need could be said with (``Findings.machine_denied``, notes57), every
    danger named only denied, feared or past, or a need only past (``Findings.need_past``); or
    the model heard thanks or an idea.

    A machine that needs power the rules read as only asked about (no outage named) does not
    silence the detector: the rules call such a note calm, but a need they misread is still
    flagged for the clerk to ask (a question costs a call back; a missed need may cost a
    life). Keeping the detector silent there missed a medical need on an evaluation set written
    apart (the twentieth) and changed no false urgent on any."""
    if found.junk or found.in_thanks:
        return True
    if (
        found.need_ended or found.cost_only or found.machine_fine or found.machine_denied
    ) and not found.dangers:
        return True
    if (found.spoken_of or found.need_past) and not found.dangers and not found.medical:
        return True
    return category in _CALM_CATEGORIES


def overheard(found: Findings, category: str, probability: float) -> bool:
    """Whether the detector, sure from ``HEARD_OVER_CONTEXT``, is heard over a veto of the rules'
    reading of context (``vetoed``): not over thanks, a junk call, a death, a bill, a machine said
    working or a need only past. Over the model's call of an idea it is heard from ``URGENT_AT``
    when the note says something is going on now (``Findings.now_said``: "建议装个围栏…现在还有
    牛在底下卧着") and the rules read no danger in it as denied, feared or past."""
    if found.junk or found.in_thanks or found.need_ended or found.cost_only or found.need_past:
        return False
    if found.machine_fine or found.machine_denied:
        return False
    if not vetoed(found, category):
        return False
    if probability >= HEARD_OVER_CONTEXT:
        return True
    going_on = category in _HEARD_WHEN_NOW and found.now_said and not found.spoken_of
    return going_on and probability >= URGENT_AT


@dataclass
class UrgencyDetector:
    """Character n-gram TF-IDF and a logistic regression: the probability of a need."""

    vectorizer: Any
    model: Any
    threshold: float
    cross_validation: dict[str, float]

    @classmethod
    def train(
        cls,
        texts: Sequence[str],
        needs: Sequence[bool],
        groups: Sequence[str],
        *,
        weights: Sequence[float] | None = None,
        calm: Sequence[bool] | None = None,
    ) -> UrgencyDetector:
        """Fit on ``texts`` labelled need / none; choose the threshold by five folds of
        ``groups``. ``calm`` (default: not a need) says which notes count as false alarms when
        raised, with the vetoes of ``vetoes`` applied (a note the rules veto is never raised)."""
        import numpy as np
        from sklearn.model_selection import GroupKFold

        y = np.asarray(needs, dtype=int)
        w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=float)
        if len(set(y.tolist())) < 2:
            raise ValueError("the detector needs notes with and without a need")
        calm_mask = (y == 0) if calm is None else np.asarray(calm, dtype=bool)
        out_of_fold = np.zeros(len(y))
        for fit, held in GroupKFold(n_splits=5).split(texts, y, groups):
            vectorizer, model = _fit([texts[i] for i in fit], y[fit], w[fit])
            held_texts = [texts[i] for i in held]
            out_of_fold[held] = model.predict_proba(vectorizer.transform(held_texts))[:, 1]
        threshold, figures = choose_threshold(out_of_fold, y == 1, calm_mask)
        vectorizer, model = _fit(list(texts), y, w)
        return cls(vectorizer, model, threshold, figures)

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """The probability of a need, for each note (in plain numpy once compiled: intake asks
        one note at a time, and scikit-learn's checks would cost five times the classifier)."""
        import numpy as np

        if not texts:
            return np.empty(0)
        if "_fast" not in self.__dict__:
            self._fast = _compile(self)
        if self._fast is not None:
            return self._fast(list(texts))
        return self._sklearn(texts)

    def _sklearn(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        return np.asarray(self.model.predict_proba(self.vectorizer.transform(list(texts)))[:, 1])

    def __getstate__(self) -> dict[str, Any]:
        # The compiled form is rebuilt where the detector is loaded.
        return {k: v for k, v in self.__dict__.items() if k != "_fast"}

    def raises(self, texts: Sequence[str]) -> list[bool]:
        """Whether the detector alone would call each note urgent (before any veto)."""
        return [bool(p >= self.threshold) for p in self.probabilities(texts)]


def choose_threshold(
    probabilities: np.ndarray, needs: np.ndarray, calm: np.ndarray
) -> tuple[float, dict[str, float]]:
    """The lowest threshold raising at most ``FALSE_URGENT_BUDGET`` of the calm notes (the
    vetoed ones among them already left out by the caller through ``calm``), and what it does
    out of fold."""
    chosen = _THRESHOLDS[-1]
    for threshold in _THRESHOLDS:
        if (probabilities[calm] >= threshold).mean() <= FALSE_URGENT_BUDGET:
            chosen = threshold
            break
    raised = probabilities >= chosen
    return chosen, {
        "threshold": chosen,
        "need_recall": float(raised[needs].mean()) if needs.any() else 1.0,
        "false_urgent": float(raised[calm].mean()) if calm.any() else 0.0,
        "needs": int(needs.sum()),
        "calm": int(calm.sum()),
    }


def _fit(texts: list[str], y: np.ndarray, weights: np.ndarray) -> tuple[Any, Any]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 4), sublinear_tf=True, min_df=2)
    matrix = vectorizer.fit_transform(texts)
    # Needs are one note in nine: weighed up so that the few kinds of need are learnt.
    model = LogisticRegression(C=4.0, class_weight="balanced", solver="liblinear", max_iter=2000)
    model.fit(matrix, y, sample_weight=weights)
    return vectorizer, model


def _compile(detector: UrgencyDetector) -> Any:
    """The detector's probabilities as the TF-IDF row times the weights, through a logistic
    curve (``fast``'s vectorizer); ``None`` unless it gives scikit-learn's on probe notes."""
    import numpy as np

    from powerdesk.servicedesk.understanding.fast import PROBES, _features, _Vectorizer

    v = detector.vectorizer
    try:
        idf = v.idf_ if v.use_idf else np.ones(len(v.vocabulary_))
        vectorizer = _Vectorizer(
            offset=0,
            analyze=v.build_analyzer(),
            vocabulary=v.vocabulary_,
            idf=np.asarray(idf, dtype=float),
            sublinear=bool(v.sublinear_tf),
            l2=v.norm == "l2",
        )
        weights = np.asarray(detector.model.coef_, dtype=float)[0]
        intercept = float(np.asarray(detector.model.intercept_, dtype=float)[0])
        if v.binary or v.norm not in ("l2", None) or len(weights) != len(v.vocabulary_):
            return None
    except (AttributeError, IndexError, TypeError, ValueError):
        return None

    def predict(texts: Sequence[str]) -> np.ndarray:
        margins = np.full(len(texts), intercept)
        for row, text in enumerate(texts):
            columns, values = _features([vectorizer], text)
            if len(columns):
                margins[row] += values @ weights[columns]
        return np.asarray(1.0 / (1.0 + np.exp(-margins)))

    probes = list(PROBES)
    if not np.allclose(predict(probes), detector._sklearn(probes), rtol=0, atol=1e-9):
        return None
    return predict
