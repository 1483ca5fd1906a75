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


@task()
def patrol_model_fit(station_id: int) -> int:
    """Fit the station's patrol ranking on its found faults (``patrol_learn``) and keep it for
    the web processes, which asked for it when the kept one went out of date; how many faults
    it learnt from (0: too few, the hand-set ranking is used)."""
    from django.utils import timezone

    from powerdesk.outages.patrol_learn import fit_and_keep
    from powerdesk.outages.stretch import Grid

    if not Station.objects.filter(pk=station_id).exists():
        return 0
    model = fit_and_keep(station_id, Grid.load(station_id=station_id), before=timezone.now())
    return model.trained_on if model is not None else 0
