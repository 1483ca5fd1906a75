"""The models' retraining runs on its own queue (and worker): the text messages, scans and pings
people wait on never queue behind minutes of training."""

from __future__ import annotations

from powerdesk.notifications.tasks import send_due
from powerdesk.outages.tasks import ping_meters, retrain_etr
from powerdesk.servicedesk.tasks import retrain_classifier, scan_escalations


def test_retraining_is_on_the_training_queue_and_the_rest_on_the_default_one() -> None:
    assert retrain_classifier.queue_name == retrain_etr.queue_name == "training"
    assert send_due.queue_name == scan_escalations.queue_name == ping_meters.queue_name
    assert send_due.queue_name == "default"
