"""``powerdesk retrain_classifier [--every HOURS]``: learn from staff corrections, once or on a
schedule.

A retrained model replaces the current one only if it is no worse on both evaluation sets;
every web process picks it up at its next suggestion. With ``--every`` the retraining is
enqueued for the task worker at that interval (``make run`` starts it beside the worker).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from powerdesk.lib.every import run_every
from powerdesk.servicedesk.tasks import retrain_classifier


class Command(BaseCommand):
    help = (
        "Retrain the call classifier on the shipped corpus plus staff corrections; it replaces "
        "the current one only if no worse on both evaluation sets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every",
            type=float,
            default=0,
            help="hours between retrainings, enqueued for the task worker",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["every"]:
            run_every(options["every"] * 3600, retrain_classifier.enqueue)
            return
        from powerdesk.servicedesk.learning import classifier_retrain

        outcome = classifier_retrain()
        self.stdout.write(f"corrections learnt: {outcome.corrections}")
        if outcome.nothing_new:
            self.stdout.write("nothing new: the model in use was trained on these corrections")
            return
        for name in outcome.before:
            before, after = outcome.before[name], outcome.after[name]
            self.stdout.write(
                f"{name}: accuracy {before.accuracy:.3f} → {after.accuracy:.3f}  "
                f"hazard recall {before.hazard_recall:.3f} → {after.hazard_recall:.3f}  "
                f"medical-need recall {before.medical_recall:.3f} → {after.medical_recall:.3f}"
            )
        if outcome.replaced:
            self.stdout.write(f"the retrained model is now in use (version {outcome.version})")
        else:
            self.stdout.write("the current model is kept: the retrained one was worse")
