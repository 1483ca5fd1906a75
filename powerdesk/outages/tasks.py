"""Background work of the outages app, run by the task worker."""

from __future__ import annotations

from django.tasks import task

from powerdesk.accounts.models import Station


@task()
def retrain_etr() -> int:
    """Learn every station's restoration times anew from its restored outages; how many
    stations got a new model (each process picks it up at its next estimate)."""
    from powerdesk.outages.etr import etr_train

    stations = list(Station.objects.all())
    for station in stations:
        etr_train(station)
    return len(stations)
