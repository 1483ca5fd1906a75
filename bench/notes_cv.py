"""The classifier's development measure: leave one hand out.

    .venv/bin/python bench/notes_cv.py [--hands hand1 third ...] [--as-written] [--json FILE]

Each hand (one writer's notes, ``understanding/notes.HANDS``) is held out in turn; a classifier
is trained as ``train_on_corpus`` trains the shipped one — the generated corpus and the notes of
every other hand, people's notes weighing ``HAND_WEIGHT`` — and measured on the hand held out
(and its calls that went nowhere, when it has them). Printed per hand, then the mean over the
hands and the worst: accuracy over the nine categories; junk calls "other" and not urgent;
dangers to life urgent, and urgent or flagged for the clerk to ask about (``check_safety``);
medical needs likewise; calm calls urgent (false urgent); how often the clerk is asked to choose;
the expected calibration error of the confidence shown; and the time to train. With
``--as-written``, each hand held out is measured a second time on its labels as its writer wrote
them (``relabels.jsonl`` not applied to it; the others are trained on relabelled all the same), so
that a gain from relabelling is not only the held-out hand's own labels moving.

The first two hands did not mark each note's urgency or need: for them a danger is a hazard
call, medical recall is not measured ("—"), and a calm call is any other note in which the
rules find no medical need (marked "*": the rules grade their own medical findings there). The
third hand marked needs, not urgency: its urgent notes are its hazard calls and marked needs.

The evaluation sets (``classify --eval``) are never trained on here, never measured, and never
read but to leave their notes out of training. Each hand held out trains the model anew: seven
SVM fits and the detector, about two minutes of processor time (32 fits a hand, four times as
long, when the model kept an SVM a hand; ``bench/model_size.py``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from powerdesk.servicedesk.understanding.classifier import CallClassifier
from powerdesk.servicedesk.understanding.evaluation import Report, evaluate
from powerdesk.servicedesk.understanding.evaluation_sets import evaluation_texts
from powerdesk.servicedesk.understanding.notes import HANDS, Hand
from powerdesk.servicedesk.understanding.training import train_on
from powerdesk.servicedesk.understanding.urgency import findings

Trainer = Callable[..., CallClassifier]
COLUMNS = (
    ("accuracy", "acc", "{:.3f}"),
    ("junk_right", "junk", "{:.3f}"),
    ("hazard_recall", "danger", "{:.3f}"),
    ("hazard_urgent_or_asked", "dang+ask", "{:.3f}"),
    ("medical_recall", "medical", "{:.3f}"),
    ("medical_urgent_or_asked", "med+ask", "{:.3f}"),
    ("false_urgent", "false urg", "{:.3f}"),
    ("asked", "asked", "{:.3f}"),
    ("calibration_error", "ECE", "{:.3f}"),
    ("seconds", "train s", "{:.0f}"),
)


def held_out_rows(hand: Hand, *, as_written: bool = False) -> list[dict[str, Any]]:
    """The hand's notes as measured, with ``urgent`` filled in where the writer did not mark it:
    a hazard call or a note marked with a ``need``; where no need was marked either, a hazard
    call or a note where the rules find a medical need (not counted as calm). ``as_written``: on
    the labels as written, no relabel applied."""
    rows = []
    for row in hand.rows(as_written=as_written):
        if "urgent" not in row:
            need = row.get("need") if "need" in row else findings(row["text"]).medical
            row = {**row, "urgent": row["category"] == "hazard" or bool(need)}
        rows.append(row)
    return rows


def cross_validate(
    hands: Sequence[Hand] = HANDS, trainer: Trainer = train_on, *, as_written: bool = False
) -> dict[str, dict[str, Any]]:
    """Each hand's figures, trained on all the others (``trainer`` as ``training.train_on``);
    ``as_written``: also on the hand's labels as written, under ``"as_written"``."""
    exclude = evaluation_texts()
    results: dict[str, dict[str, Any]] = {}
    for hand in hands:
        others = [row for other in HANDS if other.name != hand.name for row in other.rows()]
        started = time.perf_counter()
        classifier = trainer(others, exclude=exclude)
        seconds = time.perf_counter() - started
        report = evaluate(classifier, held_out_rows(hand), hand.junk_rows())
        results[hand.name] = figures(hand, report, seconds)
        print(f"  {hand.name}: {results[hand.name]['accuracy']:.3f}", file=sys.stderr)
        if as_written:
            written = evaluate(classifier, held_out_rows(hand, as_written=True), hand.junk_rows())
            results[hand.name]["as_written"] = figures(hand, written, seconds)
    return results


def figures(hand: Hand, report: Report, seconds: float) -> dict[str, Any]:
    row: dict[str, Any] = {key: getattr(report, key, None) for key, _, _ in COLUMNS}
    row.update(notes=report.notes, junk_notes=report.junk_notes, seconds=seconds)
    if not report.junk_notes:
        row["junk_right"] = None
    if not report.medical_notes:
        row["medical_recall"] = row["medical_urgent_or_asked"] = None
    row["labelled"] = hand.labelled
    return row


def format_table(results: dict[str, dict[str, Any]]) -> str:
    head = f"{'hand':<8}{'notes':>6}" + "".join(f"{title:>10}" for _, title, _ in COLUMNS)
    lines = [head]
    for name, row in results.items():
        cells = []
        for key, _, fmt in COLUMNS:
            value = row[key]
            cell = "—" if value is None else fmt.format(value)
            if key == "false_urgent" and not row["labelled"]:
                cell += "*"
            cells.append(f"{cell:>10}")
        lines.append(f"{name:<8}{row['notes']:>6}" + "".join(cells))
    for label, pick in (("mean", statistics.fmean), ("worst", None)):
        cells = []
        for key, _, fmt in COLUMNS:
            values = [row[key] for row in results.values() if row[key] is not None]
            if not values:
                cells.append(f"{'—':>10}")
                continue
            if pick is None:  # the worst: the highest false urgent, ECE, asked, time
                high_is_bad = key in ("false_urgent", "calibration_error", "asked", "seconds")
                value = max(values) if high_is_bad else min(values)
            else:
                value = pick(values)
            cells.append(f"{fmt.format(value):>10}")
        lines.append(f"{label:<8}{'':>6}" + "".join(cells))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hands", nargs="*", help="only these hands held out (all by default)")
    parser.add_argument(
        "--as-written",
        action="store_true",
        help="also measure each hand held out on its labels as written (no relabel)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    hands = [h for h in HANDS if not args.hands or h.name in args.hands]
    results = cross_validate(hands, as_written=args.as_written)
    print(format_table(results))
    if args.as_written:
        print("\nThe hands held out measured on their labels as written:")
        print(format_table({name: row["as_written"] for name, row in results.items()}))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
