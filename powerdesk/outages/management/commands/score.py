"""``powerdesk score``: compare an OUT.json with a storm's truth (the contract's figures)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from powerdesk.engine.errors import NetworkError
from powerdesk.engine.readwrite.network_csv import load_network_csv
from powerdesk.engine.simulation.score import score_prediction


class Command(BaseCommand):
    help = "Precision, recall and F1 per checkpoint of an OUT.json against TRUTH.json."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--network", type=Path, required=True)
        parser.add_argument("--truth", type=Path, required=True)
        parser.add_argument("--prediction", "--out", dest="prediction", type=Path, required=True)
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            network = load_network_csv(options["network"])
            truth = _read_json(options["truth"])
            prediction = _read_json(options["prediction"])
            score = score_prediction(network, truth, prediction)
        except NetworkError as exc:
            raise CommandError(str(exc), returncode=2) from None
        except KeyError as exc:
            raise CommandError(
                f"an element named in the files is not in the network: {exc}", returncode=2
            ) from None
        if options["json"]:
            self.stdout.write(json.dumps(score.as_dict(), indent=2))
            return
        self.stdout.write(f"{'':<16}{'precision':>10}{'recall':>10}{'F1':>8}")
        for name, counts in (("all outages", score.all), ("> 1 customer", score.multi)):
            self.stdout.write(
                f"{name:<16}{counts.precision:>10.3f}{counts.recall:>10.3f}{counts.f1:>8.3f}"
            )
        self.stdout.write(
            f"customers misclassified: {score.misclassified:.4%} "
            f"(mean of {score.checkpoints} checkpoints)"
        )


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc.strerror})", returncode=2) from None
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"{path}, line {exc.lineno}: not valid JSON ({exc.msg})", returncode=2
        ) from None
    if not isinstance(data, dict):
        raise CommandError(f"{path}: expected a JSON object", returncode=2)
    return data
