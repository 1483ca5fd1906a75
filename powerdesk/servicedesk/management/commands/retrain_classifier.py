"""``powerdesk retrain_classifier``: learn from staff corrections and report the effect."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from powerdesk.servicedesk.models import CategoryCorrection
from powerdesk.servicedesk.understanding.classifier import (
    CORPUS,
    HELD_OUT,
    CallClassifier,
    evaluate,
    read_notes,
    reset_default,
)


class Command(BaseCommand):
    help = (
        "Retrain the call classifier on the shipped corpus plus staff corrections and compare "
        "it with the corpus alone on the held-out notes. Running web processes learn the "
        "corrections when they next start."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        corrections = list(CategoryCorrection.objects.values_list("text", "category"))
        held_out = read_notes(HELD_OUT)
        before = evaluate(CallClassifier.train(read_notes(CORPUS)), held_out)
        after = evaluate(reset_default(corrections), held_out)
        self.stdout.write(f"corrections learnt: {len(corrections)}")
        self.stdout.write(
            f"corpus only:       accuracy {before['accuracy']:.3f}  "
            f"macro-F1 {before['macro_f1']:.3f}"
        )
        self.stdout.write(
            f"with corrections:  accuracy {after['accuracy']:.3f}  macro-F1 {after['macro_f1']:.3f}"
        )
