"""Background work of the service desk, run by the task worker."""

from __future__ import annotations

from django.tasks import task

from powerdesk.accounts.models import Station
from powerdesk.servicedesk.escalation import escalations_scan


@task()
def scan_escalations() -> int:
    """Notices for every station's late or nearly late orders and promises."""
    return sum(escalations_scan(station=station) for station in Station.objects.all())


@task(queue_name="training")
def retrain_classifier() -> bool:
    """Learn from staff corrections; True when the retrained model replaced the current one."""
    from powerdesk.servicedesk.learning import classifier_retrain

    return classifier_retrain().replaced
