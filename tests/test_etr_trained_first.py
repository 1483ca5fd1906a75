"""The restoration-time model is never trained behind the call classifier: it takes seconds,
the classifier tens of minutes, and until it has run every outage is told its device kind's
history time (walkthrough 26, finding 7: three outages all told "预计 12-04 01:05 恢复"). It
runs on the default queue, on every task backend (a priority on the training queue worked on
the database queue only; RQ refuses a task with one: review 27, M5)."""

from __future__ import annotations

from django.tasks.base import DEFAULT_TASK_PRIORITY

from powerdesk.outages.tasks import retrain_etr
from powerdesk.servicedesk.tasks import retrain_classifier


def test_the_restoration_model_never_waits_behind_the_classifier() -> None:
    assert retrain_classifier.queue_name == "training"
    assert retrain_etr.queue_name == "default"
    assert retrain_etr.priority == DEFAULT_TASK_PRIORITY  # what every backend takes
