"""Background work of the outages app, run by the task worker."""

from __future__ import annotations

from django.tasks import task

from powerdesk.accounts.models import Station


# On the default queue, not the training one: it takes seconds, and behind the call classifier
# (tens of minutes, on the training queue) every outage would be told the history's time for its
# kind of device, whatever its size, place or crew until it ran (walkthrough 26, finding 7: three
# outages told the same "01:05"). A priority on the training queue did it on the database queue
# only: the RQ backend refuses a task with a priority (review 27, M5).
@task()
def retrain_etr() -> int:
    """Learn every station's restoration times anew from its restored outages; how many
    stations got a new model (each process picks it up at its next estimate)."""
    from powerdesk.outages.etr import etr_train

    stations = list(Station.objects.all())
    for station in stations:
        etr_train(station)
    return len(stations)


@task()
def ping_meters() -> dict[str, int]:
    """One round of meter pings for every station whose head-end takes them (``pings``): a
    station's failure is logged and tried again next round, and stops no other station."""
    import logging

    from powerdesk.outages.models import PingSettings
    from powerdesk.outages.pings import ping_round

    asked: dict[str, int] = {}
    on = PingSettings.objects.exclude(endpoint_url="").select_related("station")
    for setting in on.order_by("station_id"):
        try:
            asked[setting.station.code] = ping_round(setting.station).asked
        except Exception:
            logging.getLogger(__name__).exception("meter pings of %s failed", setting.station)
    return asked


@task()
def purge_meter_pings() -> dict[str, int]:
    """Delete every station's meter pings past their retention (``ping_retention``), in
    bounded batches; the pings deleted by station code. A station's failure is logged and
    tried again next run, and stops no other station."""
    import logging

    from powerdesk.outages.ping_retention import pings_purge

    deleted: dict[str, int] = {}
    for station in Station.objects.order_by("pk"):
        try:
            purge = pings_purge(station)
        except Exception:
            logging.getLogger(__name__).exception("meter ping purge of %s failed", station)
            continue
        if purge is not None:
            deleted[station.code] = int(purge.removed.get("meter_pings", 0))
    return deleted
