"""Training the call classifier: on the shipped corpus, the hands' notes and staff corrections
(``train_on_corpus``; ``train_on`` with any hands, as ``bench/notes_cv.py`` leaves one out), with
the learned detector of danger and medical need beside it; never on a note of an evaluation set.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from powerdesk.servicedesk.understanding.calm_veto import CalmVeto, has_context
from powerdesk.servicedesk.understanding.classifier import CallClassifier
from powerdesk.servicedesk.understanding.detector import UrgencyDetector, vetoed
from powerdesk.servicedesk.understanding.evaluation_sets import evaluation_texts
from powerdesk.servicedesk.understanding.features import for_model
from powerdesk.servicedesk.understanding.notes import CORPUS, HANDS, read_rows
from powerdesk.servicedesk.understanding.urgency import findings, findings_read

__all__ = [
    "HAND_WEIGHT",
    "TrainingNotes",
    "add_urgency",
    "corrections_digest",
    "need_label",
    "train_categories",
    "train_on",
    "train_on_corpus",
    "train_on_corpus_in_stages",
    "training_notes",
]

# How much a note written by a person (by hand, or a staff correction) counts beside a generated
# one: the 2,197 hand notes then weigh about as much as the 6,748 generated ones. The generated
# notes are regular and many; a model that leans on them is less right on notes written by other
# people (trained with one writer's hand notes and measured on the other's: 0.918 → 0.926 and
# 0.946 → 0.951 with 3; 2 to 4 are alike).
HAND_WEIGHT = 6.0


def train_on_corpus(corrections: Iterable[tuple[str, str]] = ()) -> CallClassifier:
    """The classifier of the shipped corpus, the notes of every hand (``notes.HANDS``) and staff
    corrections, less any note that is word for word a note of an evaluation set (a short
    generated core can be)."""
    hands = [row for hand in HANDS for row in hand.rows()]
    return train_on(hands, corrections, exclude=evaluation_texts())


def train_on_corpus_in_stages(
    corrections: Iterable[tuple[str, str]] = (),
) -> Iterator[CallClassifier]:
    """``train_on_corpus`` in two stages, for a first model that is wanted soon: the categories
    alone (``partial``: no learned detector nor veto yet, urgency by the rules alone, as with no
    model), then the same model with its learned detector and veto. Asked for the second, it
    trains them on the same object: the first is to be stored before."""
    hands = [row for hand in HANDS for row in hand.rows()]
    notes = training_notes(hands, corrections, exclude=evaluation_texts())
    classifier = train_categories(notes)
    yield classifier
    yield add_urgency(classifier, notes)


def train_on(
    hands: Sequence[dict[str, Any]],
    corrections: Iterable[tuple[str, str]] = (),
    *,
    exclude: frozenset[str] = frozenset(),
) -> CallClassifier:
    """The classifier of the generated corpus, the hand notes ``hands`` (rows of ``text``,
    ``category``, optionally ``need``) and staff corrections (each hand note and correction its
    own group), less any note in ``exclude``. Notes written by people weigh ``HAND_WEIGHT``
    generated ones. The learned detector of danger and medical need (``detector``) is trained
    on the same notes and kept with it. ``bench/notes_cv.py`` calls it with every hand but one.
    """
    notes = training_notes(hands, corrections, exclude=exclude)
    return add_urgency(train_categories(notes), notes)


@dataclass(frozen=True)
class TrainingNotes:
    """The notes a classifier is trained on: the generated ones, the hands', the corrections'."""

    rows: list[dict[str, Any]]  # generated
    hand_rows: list[dict[str, Any]]
    extra: list[dict[str, Any]]  # staff corrections
    notes: list[tuple[str, str]]  # (text, category) of all, in that order
    read: list[str]  # each note as the model reads it (``for_model``), read once
    groups: list[str]
    weights: list[float]
    writers: list[str]


def training_notes(
    hands: Sequence[dict[str, Any]],
    corrections: Iterable[tuple[str, str]] = (),
    *,
    exclude: frozenset[str] = frozenset(),
) -> TrainingNotes:
    rows = [row for row in read_rows(CORPUS) if row["text"].strip() not in exclude]
    hand_rows = [row for row in hands if row["text"].strip() not in exclude]
    extra = [
        {"text": text, "category": category}
        for text, category in corrections
        if text.strip() not in exclude
    ]
    people = hand_rows + extra
    notes = [(row["text"], row["category"]) for row in rows + people]
    # A note put together from parts (``corpus_parts``: "complaint/bill_wrong:3") shares its
    # other parts with notes of other groups; calibrating on folds that leave a whole matter
    # ("complaint/bill_wrong") out keeps "sure" honest for phrasings the model has not seen.
    groups = [row.get("template", str(i)).split(":")[0] for i, row in enumerate(rows)]
    groups += [f"hand/{i}" for i in range(len(hand_rows))]
    groups += [f"correction/{i}" for i in range(len(extra))]
    weights = [1.0] * len(rows) + [HAND_WEIGHT] * len(people)
    writers = [""] * len(rows) + [str(row.get("hand", "")) for row in hand_rows]
    writers += [""] * len(extra)
    read = [for_model(text) for text, _ in notes]
    return TrainingNotes(rows, hand_rows, extra, notes, read, groups, weights, writers)


def train_categories(notes: TrainingNotes) -> CallClassifier:
    """The categories' model alone (``partial``): what a first model needs to suggest."""
    classifier = CallClassifier.train(
        notes.notes, notes.groups, weights=notes.weights, hands=notes.writers, read=notes.read
    )
    # What staff corrections it learnt, so that a retraining with nothing new is not run.
    classifier.learnt_from = corrections_digest(
        (row["text"], row["category"]) for row in notes.extra
    )
    classifier.partial = True
    return classifier


def add_urgency(classifier: CallClassifier, notes: TrainingNotes) -> CallClassifier:
    """The learned detector of danger and medical need and the learned veto of the rules'
    urgent, trained on ``notes`` and kept with ``classifier`` (no longer ``partial``)."""
    labels = [need_label(row) for row in notes.rows + notes.hand_rows + notes.extra]
    classifier.detector = UrgencyDetector.train(
        notes.read,
        [need for need, _ in labels],
        notes.groups,
        weights=notes.weights,
        calm=[not need and not veto for need, veto in labels],
    )
    start = len(notes.rows)
    classifier.calm_veto = calm_veto(
        notes.hand_rows, notes.read[start : start + len(notes.hand_rows)]
    )
    classifier.partial = False
    return classifier


def calm_veto(rows: Sequence[dict[str, Any]], read: Sequence[str] | None = None) -> CalmVeto | None:
    """The learned veto of the rules' urgent (``calm_veto``), fitted on the hands' notes the rules
    call urgent, each labelled as its writer marked it: urgent, or calm. ``read``: the notes as
    the model reads them, when already read."""
    read = [for_model(row["text"]) for row in rows] if read is None else list(read)
    found = [findings_read(text) for text in read]
    heard = zip(rows, found, strict=True)
    chosen = [i for i, (row, f) in enumerate(heard) if row.get("hand") and f.urgent]
    return CalmVeto.fit(
        [read[i] for i in chosen],
        [not urgent_label(rows[i], found[i].medical) for i in chosen],
        [str(rows[i]["hand"]) for i in chosen],
        [has_context(found[i], read[i]) for i in chosen],
    )


def urgent_label(row: dict[str, Any], medical_heard: bool) -> bool:
    """Whether a hand's note is urgent as its writer marked it: ``urgent`` where marked; else a
    hazard call or a note marked with a ``need``; where no need was marked either (the first two
    hands), a hazard call or a medical need the rules hear (as ``bench/notes_cv.py`` measures)."""
    if "urgent" in row:
        return bool(row["urgent"])
    need = row.get("need", medical_heard)
    return row["category"] == "hazard" or bool(need)


def corrections_digest(corrections: Iterable[tuple[str, str]]) -> str:
    """A fingerprint of a set of staff corrections (in any order).

    >>> corrections_digest([("停电了", "fault_repair"), ("电费", "billing")]) == corrections_digest(
    ...     [("电费", "billing"), ("停电了", "fault_repair")]
    ... )
    True
    """
    import hashlib

    lines = sorted(f"{text.strip()}\t{category}" for text, category in corrections)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def need_label(row: dict[str, Any]) -> tuple[bool, bool]:
    """A training note's label for the detector, and whether the rules veto it: a need when the
    writer marked one (``need``: "hazard" or "medical"), else when it is a hazard call, a note
    written as a medical need (``fault_repair/medical_need``) or the rules find a danger or a
    need there now — not in thanks, nor in a junk call."""
    found = findings(row["text"])
    veto = vetoed(found, row["category"])
    if "need" in row:
        return row["need"] in ("hazard", "medical"), veto
    if found.junk or found.in_thanks:
        return False, veto
    template = str(row.get("template", ""))
    need = row["category"] == "hazard" or found.urgent or "medical_need" in template
    return need, veto
