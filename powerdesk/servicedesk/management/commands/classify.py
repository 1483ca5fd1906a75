"""``powerdesk classify``: categories and urgency for call notes given as JSON lines; with
``--eval``, the evaluation report on every evaluation set (``evaluation.EVALUATION_SETS``; the
development measure, each hand of training notes held out in turn, is ``bench/notes_cv.py``)."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from powerdesk.servicedesk.forms import INTAKE_TEXT_MAX
from powerdesk.servicedesk.understanding.store import default_classifier


class Command(BaseCommand):
    help = (
        'Read {"text": "..."} lines on standard input; write {"category", "urgent", '
        '"confidence", "alternative", "alternative_confidence", "ask"} lines. With --eval, '
        "report on every evaluation set there is (the held-out notes, the notes written apart "
        "from the training corpus, …): accuracy, each category, the confusion matrix, safety, a "
        "reliability diagram, and a line a set at the end."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--eval",
            action="store_true",
            help="measure on every evaluation set instead of classifying",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        classifier = default_classifier()
        if options["eval"]:
            from powerdesk.servicedesk.understanding.evaluation import (
                EVALUATION_SETS,
                evaluate_all,
                format_report,
                format_summary,
            )

            reports = evaluate_all(classifier)
            self.stdout.write(
                "\n\n".join(format_report(name, report) for name, report in reports.items())
            )
            self.stdout.write("\n== all sets\n" + format_summary(reports))
            for name, path in EVALUATION_SETS.items():
                if name not in reports:
                    self.stdout.write(f"(not measured: {name}, no file at {path})")
            return
        texts: list[str] = []
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CommandError(
                    f"standard input, line {number}: not valid JSON ({exc.msg})", returncode=2
                ) from None
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise CommandError(
                    f'standard input, line {number}: expected {{"text": "..."}}', returncode=2
                )
            if len(row["text"]) > INTAKE_TEXT_MAX:
                # (refused before anything is read: the intake page takes no longer a note)
                raise CommandError(
                    f"standard input, line {number}: the text is {len(row['text'])} characters "
                    f"long; at most {INTAKE_TEXT_MAX} are read",
                    returncode=2,
                )
            texts.append(row["text"])
        for suggestion in classifier.suggest(texts):
            self.stdout.write(json.dumps(suggestion.as_dict(), ensure_ascii=False))
