"""Measuring the classifier on notes it was not trained on, the way ``classify --eval`` prints.

The evaluation sets: the project's held-out notes (``eval_notes.jsonl``, written with the first
corpus), and the notes of hands written apart from the project after the figures of the sets
before them were known (``fifth_notes.jsonl``, after the fourth set's safety misses were read;
``sixth_notes.jsonl`` after the fifth's figures were known; a seventh to a twelfth, frozen on
arrival and measured once when a round's changes were done), each with its calls that went
nowhere. None is trained on or read to choose anything. (The apart, third and fourth sets, whose
errors were read and mended, were retired into training: DATA_CARD.md, "Sixth round". Choices
are made on ``bench/notes_cv.py``, leave one hand out.) For each: accuracy, macro-F1, each
category's precision and recall, the confusion matrix, safety (every hazard and every medical
need urgent; how many calls were urgent for nothing; whether the set's calls that went nowhere
are "other" and not urgent), how often the clerk is asked, and how far
the confidence shown can be trusted (a reliability diagram and its expected calibration error).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from powerdesk.servicedesk.understanding.categories import CODES
from powerdesk.servicedesk.understanding.classifier import CallClassifier
from powerdesk.servicedesk.understanding.evaluation_sets import (
    EIGHTH,
    EIGHTH_JUNK,
    ELEVENTH,
    ELEVENTH_JUNK,
    FIFTEENTH,
    FIFTEENTH_JUNK,
    FIFTH,
    FIFTH_JUNK,
    FOURTEENTH,
    FOURTEENTH_JUNK,
    HELD_OUT,
    NINTH,
    NINTH_JUNK,
    SEVENTEENTH,
    SEVENTEENTH_JUNK,
    SEVENTH,
    SEVENTH_JUNK,
    SIXTEENTH,
    SIXTEENTH_JUNK,
    SIXTH,
    SIXTH_JUNK,
    TENTH,
    TENTH_JUNK,
    THIRTEENTH,
    THIRTEENTH_JUNK,
    TWELFTH,
    TWELFTH_JUNK,
    TWENTIETH,
    TWENTIETH_JUNK,
    TWENTYFIFTH,
    TWENTYFIFTH_JUNK,
    TWENTYFIRST,
    TWENTYFIRST_JUNK,
    TWENTYFOURTH,
    TWENTYFOURTH_JUNK,
    TWENTYSECOND,
    TWENTYSECOND_JUNK,
    TWENTYSIXTH,
    TWENTYSIXTH_JUNK,
    TWENTYTHIRD,
    TWENTYTHIRD_JUNK,
)
from powerdesk.servicedesk.understanding.notes import read_rows

__all__ = [
    "EVALUATION_SETS",
    "Report",
    "evaluate",
    "evaluate_all",
    "format_report",
    "format_summary",
]

EVALUATION_SETS: dict[str, Path] = {
    "held-out (project)": HELD_OUT,
    "a fifth hand (apart)": FIFTH,
    "a sixth hand (apart)": SIXTH,
    "a seventh hand (apart)": SEVENTH,
    "an eighth hand (apart)": EIGHTH,
    "a ninth hand (apart)": NINTH,
    "a tenth hand (apart)": TENTH,
    "an eleventh hand (apart)": ELEVENTH,
    "a twelfth hand (apart)": TWELFTH,
    "a thirteenth hand (apart)": THIRTEENTH,
    "a fourteenth hand (apart)": FOURTEENTH,
    "a fifteenth hand (apart)": FIFTEENTH,
    "a sixteenth hand (apart)": SIXTEENTH,
    "a seventeenth hand (apart)": SEVENTEENTH,
    "a twentieth hand (apart)": TWENTIETH,
    "a twenty-first hand (apart)": TWENTYFIRST,
    "a twenty-second hand (apart)": TWENTYSECOND,
    "a twenty-third hand (apart)": TWENTYTHIRD,
    "a twenty-fourth hand (apart)": TWENTYFOURTH,
    "a twenty-fifth hand (apart)": TWENTYFIFTH,
    "a twenty-sixth hand (apart)": TWENTYSIXTH,
}
# Each set's calls that went nowhere (test calls, silence, wrong numbers): "other", never urgent.
JUNK_SETS: dict[str, Path] = {
    "a fifth hand (apart)": FIFTH_JUNK,
    "a sixth hand (apart)": SIXTH_JUNK,
    "a seventh hand (apart)": SEVENTH_JUNK,
    "an eighth hand (apart)": EIGHTH_JUNK,
    "a ninth hand (apart)": NINTH_JUNK,
    "a tenth hand (apart)": TENTH_JUNK,
    "an eleventh hand (apart)": ELEVENTH_JUNK,
    "a twelfth hand (apart)": TWELFTH_JUNK,
    "a thirteenth hand (apart)": THIRTEENTH_JUNK,
    "a fourteenth hand (apart)": FOURTEENTH_JUNK,
    "a fifteenth hand (apart)": FIFTEENTH_JUNK,
    "a sixteenth hand (apart)": SIXTEENTH_JUNK,
    "a seventeenth hand (apart)": SEVENTEENTH_JUNK,
    "a twentieth hand (apart)": TWENTIETH_JUNK,
    "a twenty-first hand (apart)": TWENTYFIRST_JUNK,
    "a twenty-second hand (apart)": TWENTYSECOND_JUNK,
    "a twenty-third hand (apart)": TWENTYTHIRD_JUNK,
    "a twenty-fourth hand (apart)": TWENTYFOURTH_JUNK,
    "a twenty-fifth hand (apart)": TWENTYFIFTH_JUNK,
    "a twenty-sixth hand (apart)": TWENTYSIXTH_JUNK,
}
BINS = 10


@dataclass
class Report:
    notes: int
    accuracy: float
    macro_f1: float
    per_category: dict[str, dict[str, float]]
    confusion: list[list[int]]
    hazard_recall: float
    medical_recall: float
    medical_notes: int
    false_urgent: float
    asked: float
    accuracy_not_asked: float
    right_among_two_when_asked: float
    reliability: list[dict[str, float]] = field(default_factory=list)
    calibration_error: float = 0.0
    # Urgent, or flagged for the clerk to ask about (the learned detector, not urgent itself).
    hazard_urgent_or_asked: float = 1.0
    medical_urgent_or_asked: float = 1.0
    calm_asked_about_safety: float = 0.0
    junk_notes: int = 0
    junk_right: float = 1.0  # the share of them "other" and not urgent

    def no_worse_than(self, other: Report) -> bool:
        """As right, and as safe: what a retrained model must be to replace the current one."""
        return (
            self.accuracy >= other.accuracy
            and self.hazard_recall >= other.hazard_recall
            and self.medical_recall >= other.medical_recall
            and self.junk_right >= other.junk_right
        )

    def headline(self) -> dict[str, Any]:
        return {
            "notes": self.notes,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "hazard_recall": round(self.hazard_recall, 4),
            "medical_recall": round(self.medical_recall, 4),
            "false_urgent": round(self.false_urgent, 4),
            "junk_right": round(self.junk_right, 4),
        }


def evaluate(
    classifier: CallClassifier,
    rows: Sequence[dict[str, Any]],
    junk: Sequence[dict[str, Any]] = (),
) -> Report:
    """Measure on labelled rows (``text``, ``category``, optionally ``urgent`` and ``need``)
    and on ``junk``, calls that went nowhere."""
    from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

    truth = [row["category"] for row in rows]
    suggestions = classifier.suggest([row["text"] for row in rows])
    predicted = [s.category for s in suggestions]
    urgent = [bool(row.get("urgent", row["category"] == "hazard")) for row in rows]
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=list(CODES), zero_division=0
    )
    # Every danger to life, whatever the category: a complaint naming a line on the ground now.
    hazards = [
        s
        for s, row in zip(suggestions, rows, strict=True)
        if row["category"] == "hazard" or row.get("need") == "hazard"
    ]
    medical = [s for s, row in zip(suggestions, rows, strict=True) if row.get("need") == "medical"]
    calm = [s for s, u in zip(suggestions, urgent, strict=True) if not u]
    asked = [(s, t) for s, t in zip(suggestions, truth, strict=True) if s.ask]
    sure = [(s, t) for s, t in zip(suggestions, truth, strict=True) if not s.ask]
    reliability, calibration_error = _reliability(
        [s.confidence for s in suggestions], [p == t for p, t in zip(predicted, truth, strict=True)]
    )
    return Report(
        notes=len(rows),
        accuracy=_share(p == t for p, t in zip(predicted, truth, strict=True)),
        macro_f1=float(f1_score(truth, predicted, labels=list(CODES), average="macro")),
        per_category={
            code: {
                "precision": float(precision[i]),
                "recall": float(recall[i]),
                "f1": float(f1[i]),
                "support": int(support[i]),
            }
            for i, code in enumerate(CODES)
        },
        confusion=confusion_matrix(truth, predicted, labels=list(CODES)).tolist(),
        hazard_recall=_share(s.urgent for s in hazards),
        medical_recall=_share(s.urgent for s in medical),
        medical_notes=len(medical),
        false_urgent=1 - _share(not s.urgent for s in calm),
        asked=len(asked) / len(rows) if rows else 0.0,
        accuracy_not_asked=_share(s.category == t for s, t in sure),
        right_among_two_when_asked=_share(t in (s.category, s.alternative) for s, t in asked),
        reliability=reliability,
        calibration_error=calibration_error,
        hazard_urgent_or_asked=_share(s.urgent or s.learned for s in hazards),
        medical_urgent_or_asked=_share(s.urgent or s.learned for s in medical),
        calm_asked_about_safety=1 - _share(not s.learned for s in calm),
        junk_notes=len(junk),
        junk_right=_share(
            s.category == "other" and not s.urgent
            for s in classifier.suggest([row["text"] for row in junk])
        ),
    )


def evaluate_all(classifier: CallClassifier) -> dict[str, Report]:
    """A report for each evaluation set whose file is there (a set named before its notes are
    written is left out, not an error)."""
    return {
        name: evaluate(classifier, read_rows(path), _junk(name))
        for name, path in EVALUATION_SETS.items()
        if path.exists()
    }


def _junk(name: str) -> list[dict[str, Any]]:
    path = JUNK_SETS.get(name)
    return read_rows(path, junk=True) if path is not None and path.exists() else []


def format_summary(reports: dict[str, Report]) -> str:
    """One line a set: the figures the README's table shows."""
    lines = [
        f"{'set':<24}{'notes':>6}{'accuracy':>9}{'hazard':>8}{'medical':>8}{'false urg':>10}"
        f"{'asked':>7}{'ECE':>7}{'junk':>8}"
    ]
    for name, r in reports.items():
        medical = f"{r.medical_recall:.3f}" if r.medical_notes else "—"
        junk = f"{round(r.junk_right * r.junk_notes)}/{r.junk_notes}" if r.junk_notes else "—"
        lines.append(
            f"{name:<24}{r.notes:>6}{r.accuracy:>9.3f}{r.hazard_recall:>8.3f}{medical:>8}"
            f"{r.false_urgent:>10.3f}{r.asked:>7.3f}{r.calibration_error:>7.3f}{junk:>8}"
        )
    return "\n".join(lines)


def format_report(name: str, report: Report) -> str:
    """The report of one set as text: figures, categories, confusion, reliability."""
    lines = [
        f"== {name}: {report.notes} notes",
        f"accuracy {report.accuracy:.3f}  macro-F1 {report.macro_f1:.3f}",
        f"hazard recall (urgent) {report.hazard_recall:.3f}  medical-need recall "
        f"{report.medical_recall:.3f} ({report.medical_notes} notes)  "
        f"false urgent {report.false_urgent:.3f}"
        + (
            f"  calls that went nowhere: {round(report.junk_right * report.junk_notes)} of "
            f"{report.junk_notes} other and not urgent"
            if report.junk_notes
            else ""
        ),
        f"urgent or flagged to ask about safety: hazards {report.hazard_urgent_or_asked:.3f}, "
        f"medical needs {report.medical_urgent_or_asked:.3f}; calm calls flagged "
        f"{report.calm_asked_about_safety:.3f}",
        f"asked to choose {report.asked:.3f}; accuracy when not asked "
        f"{report.accuracy_not_asked:.3f}; right among the two shown when asked "
        f"{report.right_among_two_when_asked:.3f}",
        "",
        f"{'category':<15}{'precision':>10}{'recall':>8}{'F1':>7}{'notes':>7}",
    ]
    for code, figures in report.per_category.items():
        lines.append(
            f"{code:<15}{figures['precision']:>10.3f}{figures['recall']:>8.3f}"
            f"{figures['f1']:>7.3f}{figures['support']:>7d}"
        )
    short = [code[:5] for code in CODES]
    lines += [
        "",
        "confusion (rows: true, columns: predicted)",
        " " * 15 + "".join(f"{c:>6}" for c in short),
    ]
    for code, row in zip(CODES, report.confusion, strict=True):
        lines.append(f"{code:<15}" + "".join(f"{n:>6d}" for n in row))
    lines += [
        "",
        f"reliability (expected calibration error {report.calibration_error:.3f})",
        f"{'confidence':<12}{'notes':>6}{'shown':>7}{'right':>7}  right ▏shown",
    ]
    for b in report.reliability:
        bar = "█" * round(b["accuracy"] * 20)
        mark = round(b["confidence"] * 20)
        drawn = (bar + " " * 20)[:20]
        drawn = drawn[:mark] + "▏" + drawn[mark + 1 :] if mark < 20 else drawn + "▏"
        lines.append(
            f"{b['low']:.1f}–{b['high']:.1f}{'':<5}{int(b['notes']):>6d}{b['confidence']:>7.2f}"
            f"{b['accuracy']:>7.2f}  {drawn}"
        )
    return "\n".join(lines)


def _share(flags: Any) -> float:
    values = list(flags)
    return sum(bool(v) for v in values) / len(values) if values else 1.0


def _reliability(
    confidences: Sequence[float], right: Sequence[bool]
) -> tuple[list[dict[str, float]], float]:
    """Bins of confidence: how sure the model said it was, and how often it was right."""
    bins: list[dict[str, float]] = []
    error = 0.0
    for index in range(BINS):
        low, high = index / BINS, (index + 1) / BINS
        members = [
            (c, r)
            for c, r in zip(confidences, right, strict=True)
            if low <= c < high or (index == BINS - 1 and c == 1.0)
        ]
        if not members:
            continue
        confidence = sum(c for c, _ in members) / len(members)
        accuracy = sum(r for _, r in members) / len(members)
        error += len(members) / len(confidences) * abs(confidence - accuracy)
        bins.append(
            {
                "low": low,
                "high": high,
                "notes": len(members),
                "confidence": confidence,
                "accuracy": accuracy,
            }
        )
    return bins, error
