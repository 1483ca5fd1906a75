"""The restoration-time model is trained before the call classifier when both wait on the
training queue (a first start queues both): it takes seconds, the classifier tens of minutes,
and until it has run every outage is told its device kind's history time (walkthrough 26,
finding 7: three outages all told "预计 12-04 01:05 恢复")."""

from __future__ import annotations

from django_tasks_db.models import DBTaskResult

from powerdesk.outages.tasks import retrain_etr
from powerdesk.servicedesk.tasks import retrain_classifier


def test_the_restoration_model_is_queued_ahead_of_the_classifier() -> None:
    assert retrain_etr.queue_name == retrain_classifier.queue_name == "training"
    assert retrain_etr.priority > retrain_classifier.priority
    # The database worker takes the waiting task of the highest priority first.
    ordering = [str(f) for f in DBTaskResult._meta.ordering]
    assert "priority" in ordering[0] and "desc" in ordering[0].lower(), ordering
