"""The call classifier: jieba words and character n-grams, TF-IDF, a linear SVM with
calibrated probabilities, and the safety rules of ``urgency`` beside it.

It is trained from the shipped corpus (``servicedesk/data/call_notes.jsonl``) and staff
corrections; nothing is downloaded. The trained model is kept by ``store`` so that every
process uses the same one and picks up a retrained one without a restart.

jieba and scikit-learn are imported when a classifier is first trained or used, not with this
module: the app imports it at start-up, and scikit-learn alone takes seconds to import, which
every ``powerdesk`` command (``--help`` included) would otherwise pay.

How a note is read into features is ``features``'; the suggestion made of the model's
probabilities and the rules' findings, ``suggestion``'s; training on the corpus, the hands and
staff corrections, ``training``'s; the notes themselves, ``notes``'.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from powerdesk.servicedesk.understanding.calm_veto import CalmVeto, has_context
from powerdesk.servicedesk.understanding.calm_veto import calmed as spoken_of_only
from powerdesk.servicedesk.understanding.categories import OTHER
from powerdesk.servicedesk.understanding.detector import URGENT_AT, UrgencyDetector
from powerdesk.servicedesk.understanding.features import feature_union, for_model, letters

# (the suggestion's names, imported from here before it was split off: kept where they were)
from powerdesk.servicedesk.understanding.suggestion import (
    _DANGER_MAKES_HAZARD,
    ALTERNATIVE_AT,
    ASK_BELOW,
    FAULT_HEARD,
    HAZARD_HEARD,
    Suggestion,
    _english,
    _suggestion,
)
from powerdesk.servicedesk.understanding.urgency import findings_read

__all__ = [
    "ALTERNATIVE_AT",
    "ASK_BELOW",
    "FAULT_HEARD",
    "HAZARD_HEARD",
    "_DANGER_MAKES_HAZARD",
    "CallClassifier",
    "Suggestion",
    "_english",
    "_suggestion",
]

# A note of fewer letters than this (one character: "电", "线") is shown as unsure (``UNSURE``), so
# that the clerk chooses. The hands' notes of two characters ("停电", "电费", "投诉") the model
# has right, left one hand out; it has never been shown a note of one.
SHORTEST = 2
UNSURE = 0.5
# How many SVMs fit at once (threads; ``CallClassifier.train``).
FIT_JOBS = 2
# With notes of this many hands, the confidence is calibrated on hands left out
# (``CallClassifier.train``).
CALIBRATE_BY_HAND = 3

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline


class CallClassifier:
    """Suggests a category (and urgency) for a call note."""

    _fast: Any  # the compiled probabilities (``fast.compile_predictor``), made on first use

    def __init__(
        self, pipeline: Pipeline, *, trained_on: int = 0, detector: UrgencyDetector | None = None
    ) -> None:
        self.pipeline = pipeline
        self.trained_on = trained_on
        # The learned detector of danger and medical need (``train_on_corpus`` trains one).
        self.detector = detector
        # The fingerprint of the staff corrections it learnt (``corrections_digest``), when known.
        self.learnt_from: str | None = None
        # The learned veto of the rules' urgent for calm look-alikes (``calm_veto``).
        self.calm_veto: CalmVeto | None = None
        # Without its detector and veto yet (``training.train_on_corpus_in_stages``).
        self.partial = False

    @classmethod
    def train(
        cls,
        notes: Iterable[tuple[str, str]],
        groups: Sequence[str] | None = None,
        *,
        weights: Sequence[float] | None = None,
        hands: Sequence[str] | None = None,
        read: Sequence[str] | None = None,
    ) -> CallClassifier:
        """Fit on ``(text, category)`` pairs; ``groups`` name the core each note came from,
        ``weights`` (default 1) how much each note counts, and ``hands`` who wrote it ("": no
        one, a generated note or a staff correction); ``read``: the notes read by ``for_model``.

        One linear SVM is fitted on every note and kept (``calibration.TemperatureSVM``); its
        probabilities are its margins times one inverse temperature, then a softmax. The
        temperature is fitted on the margins of notes left out of the fit, so that "sure" means
        sure on phrasings the model has not seen: with notes of ``CALIBRATE_BY_HAND`` writers or
        more, those of a few hands at a time (``calibration.hand_folds``: "sure" is what it is
        on a writer the model has not read), else of five folds of cores (``groups``).
        """
        from sklearn.model_selection import GroupKFold
        from sklearn.pipeline import Pipeline

        from powerdesk.servicedesk.understanding.calibration import (
            TemperatureSVM,
            held_out_by_hand,
        )

        pairs = list(notes)
        texts = list(read) if read is not None else [for_model(text) for text, _ in pairs]
        labels = [label for _, label in pairs]
        names = list(groups) if groups is not None else [str(i) for i in range(len(pairs))]
        features = feature_union()
        matrix = features.fit_transform(texts)
        if len({h for h in hands or () if h}) >= CALIBRATE_BY_HAND:
            assert hands is not None
            folds = held_out_by_hand(hands)
        else:
            folds = list(GroupKFold(n_splits=5).split(matrix, labels, names))
        # A linear SVM fits in a fraction of a second where logistic regression takes several.
        model = TemperatureSVM(jobs=FIT_JOBS).fit(matrix, labels, weights, folds=folds)
        pipeline = Pipeline([("features", features), ("model", model)])
        return cls(pipeline, trained_on=len(pairs))

    def svms(self) -> int:
        """How many SVMs the model keeps (one; an older model kept one for each hand left out)."""
        model = self.pipeline.named_steps["model"]
        return len(getattr(model, "calibrated_classifiers_", [model]))

    def suggest(self, texts: Sequence[str]) -> list[Suggestion]:
        if not texts:
            return []
        # The note is read as Mandarin once, for the rules, the model and the detector alike.
        read = [for_model(text or "") for text in texts]
        found = [findings_read(text) for text in read]
        lowered = _lowered(getattr(self, "calm_veto", None), read, found)
        found = [spoken_of_only(f) if i in lowered else f for i, f in enumerate(found)]
        to_model = [i for i, f in enumerate(found) if not f.junk]
        rows = self._probabilities_read([read[i] for i in to_model]) if to_model else []
        classes = list(self.pipeline.classes_)
        detector = getattr(self, "detector", None)
        needs = (
            detector.probabilities([read[i] for i in to_model])
            if detector is not None and to_model
            else [0.0] * len(to_model)
        )
        threshold = detector.threshold if detector is not None else 1.1
        result: list[Suggestion] = [Suggestion(OTHER, False, 1.0) for _ in texts]
        for i, row, need in zip(to_model, rows, needs, strict=True):
            result[i] = _suggestion(
                found[i],
                classes,
                row,
                need >= threshold,
                sure=need >= max(threshold, URGENT_AT),
                # (never over the learned veto's calm reading)
                probability=0.0 if i in lowered else float(need),
                english=_english(read[i]),
            )
            if i in lowered:
                # Calm, but the rules heard a danger or a need: the clerk is asked to check.
                result[i] = replace(result[i], calmed=True, learned=True)
            if len(letters(texts[i])) < SHORTEST:
                # One character ("电", "表") says too little for the model to be sure of,
                # whatever its margins: the clerk chooses between the first two.
                unsure = min(result[i].confidence, UNSURE)
                result[i] = replace(result[i], confidence=unsure)
        return result

    def suggest_one(self, text: str) -> Suggestion:
        return self.suggest([text])[0]

    def probabilities(self, texts: Sequence[str]) -> Any:
        """The pipeline's ``predict_proba``, through its compiled form when it has one."""
        return self._probabilities_read([for_model(text) for text in texts])

    def _probabilities_read(self, texts: Sequence[str]) -> Any:
        """``probabilities`` of notes already read as the model reads them
        (``features.for_model``)."""
        if "_fast" not in self.__dict__:
            from powerdesk.servicedesk.understanding.fast import compile_predictor

            self._fast = compile_predictor(self.pipeline)
        if self._fast is None:
            return self.pipeline.predict_proba(list(texts))
        return self._fast(list(texts))

    def __getstate__(self) -> dict[str, Any]:
        # The compiled form is rebuilt from the pipeline where the model is loaded.
        return {k: v for k, v in self.__dict__.items() if k != "_fast"}


def _lowered(veto: CalmVeto | None, read: Sequence[str], found: Sequence[Any]) -> set[int]:
    """The notes the rules call urgent that the learned veto lowers: with words of context around
    what the rules heard (``calm_veto.has_context``), and the veto very sure they are calm."""
    if veto is None:
        return set()
    asked = [i for i, f in enumerate(found) if f.urgent and has_context(f, read[i])]
    if not asked:
        return set()
    return {i for i, low in zip(asked, veto.lowers([read[i] for i in asked]), strict=True) if low}
