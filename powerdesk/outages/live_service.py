"""Every station's live engine, run in turn by the ``outage_service`` command (``live``'s
``LiveStation`` for each station whose lease this process holds)."""

from __future__ import annotations

import logging
import time

from powerdesk.accounts.models import Station
from powerdesk.ops.lease import lease_hold, lease_owner_name, lease_release
from powerdesk.outages.live import LiveStation, Step

__all__ = ["RETRY_AFTER", "OutageService"]

log = logging.getLogger("powerdesk.outages.live")  # the engine's log, as before the split

RETRY_AFTER = 60.0  # seconds before a station whose engine failed is tried again


class OutageService:
    """Every station's live engine, stepped in turn (the ``outage_service`` command).

    With several services (machines) on one database, each station is run by the one holding
    its lease (``ops.lease``); the others skip it, and take it over when its owner stops.
    """

    def __init__(self, owner: str | None = None) -> None:
        self.stations: dict[int, LiveStation] = {}
        self.owner = owner or lease_owner_name()

    def step(self) -> dict[str, Step]:
        done: dict[str, Step] = {}
        for station in Station.objects.order_by("pk"):
            if not lease_hold(station_id=station.pk, owner=self.owner):
                # Another process runs it. Should it come back to us, it is rebuilt from the
                # signals, not resumed from a picture that is stale by then.
                self.stations.pop(station.pk, None)
                continue
            live = self.stations.get(station.pk)
            if live is None:
                live = self.stations[station.pk] = LiveStation(station)
            if live.failed_at > time.monotonic() - RETRY_AFTER:
                continue
            try:
                done[station.code] = live.step()
            except Exception:  # one station's bad grid must not stop the others
                log.exception("outage engine of station %s failed; rebuilding in a minute", station)
                live.grid = None
                live.failed_at = time.monotonic()
        return done

    def stop(self) -> None:
        """Give up this service's stations at once, so that another takes them without waiting."""
        lease_release(owner=self.owner)
