"""``powerdesk classify``: categories and urgency for call notes given as JSON lines."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from powerdesk.servicedesk.understanding.classifier import (
    HELD_OUT,
    default_classifier,
    evaluate,
    read_notes,
)


class Command(BaseCommand):
    help = (
        'Read {"text": "..."} lines on standard input; write {"category", "urgent", '
        '"confidence"} lines. With --eval, report accuracy and macro-F1 on held-out notes.'
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--eval",
            action="store_true",
            help="measure on the held-out notes instead of classifying",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        classifier = default_classifier()
        if options["eval"]:
            figures = evaluate(classifier, read_notes(HELD_OUT))
            self.stdout.write(
                f"held-out notes: {figures['notes']}  accuracy: {figures['accuracy']:.3f}  "
                f"macro-F1: {figures['macro_f1']:.3f}"
            )
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
            texts.append(row["text"])
        for suggestion in classifier.suggest(texts):
            self.stdout.write(json.dumps(suggestion.as_dict(), ensure_ascii=False))
