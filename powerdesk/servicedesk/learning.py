"""The classifier learns from the desk: staff corrections retrain it (on a schedule, by the
task worker, or by ``powerdesk retrain_classifier``)."""

from __future__ import annotations

from django.db import DatabaseError

from powerdesk.servicedesk.models import CategoryCorrection
from powerdesk.servicedesk.understanding.retrain import RetrainOutcome, retrain
from powerdesk.servicedesk.understanding.store import current_store, default_classifier


def stored_corrections() -> list[tuple[str, str]]:
    """Every station's corrections, oldest first (none before the database is migrated)."""
    try:
        return list(CategoryCorrection.objects.order_by("pk").values_list("text", "category"))
    except DatabaseError:
        return []


def classifier_retrain() -> RetrainOutcome:
    """Retrain on the corrections; the new model is used everywhere only if no worse."""
    return retrain(stored_corrections(), current=default_classifier(), store=current_store())
