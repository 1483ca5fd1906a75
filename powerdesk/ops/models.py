"""What the running processes say about themselves, and which process owns a station's engine."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.lib.models import StationQuerySet


class Heartbeat(models.Model):
    """A background process's last sign of life: one row per process (kind, host, pid), written
    every few seconds by its loop. ``/healthz`` reads the newest of each kind."""

    class Kind(models.TextChoices):
        WORKER = "worker", _("task worker")
        TRAINER = "trainer", _("training worker")
        OUTAGE_SERVICE = "outage_service", _("outage service")
        NOTIFY_SERVICE = "notify_service", _("notification service")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    host = models.CharField(_("host"), max_length=100)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started"))
    seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "host", "pid"], name="heartbeat_one_per_process"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.host}:{self.pid}"


class EngineLease(models.Model):
    """Which process runs a station's live outage engine, until when.

    The owner renews it at every step; another process takes it only once it has expired, so
    two machines never run one station's engine at once, and a dead owner's stations are taken
    over within the lease's length (the new owner rebuilds the engine from the stored signals).
    """

    station = models.OneToOneField(Station, on_delete=models.CASCADE, related_name="+")
    owner = models.CharField(_("owner"), max_length=150)
    expires_at = models.DateTimeField(_("expires"))
    taken_at = models.DateTimeField(_("taken"))

    objects = StationQuerySet.as_manager()

    def __str__(self) -> str:
        return f"engine of station {self.station_id} held by {self.owner}"


class Purge(models.Model):
    """A background purge of a station's old rows (``outages.ping_retention``): what it removed,
    of what older than when, by the retention then in force. Written only when it removed
    something; the settings page says the latest, the audit trail lists them."""

    class Kind(models.TextChoices):
        METER_PINGS = "meter_pings", _("meter pings")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("time"))
    before = models.DateTimeField(_("removed what was older than"))
    keep_days = models.PositiveIntegerField(_("kept (days)"))
    # How many rows of each table: {"meter_pings": 1200, "ping_rounds": 40}.
    removed = models.JSONField(_("removed"), default=dict)
    # The run stopped at its batch limit: the rest goes at the next run.
    more_left = models.BooleanField(_("more left for the next run"), default=False)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("purge")
        verbose_name_plural = _("purges")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["station", "kind", "at"])]

    def __str__(self) -> str:
        return f"{self.kind} of station {self.station_id} at {self.at:%Y-%m-%d %H:%M}"
