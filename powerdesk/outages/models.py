"""Outages the station knows of: unplanned ones found or confirmed, and planned maintenance."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.lib.models import HistoryRow, StationQuerySet
from powerdesk.network.models import GridNode


class Outage(models.Model):
    class Kind(models.TextChoices):
        UNPLANNED = "unplanned", _("fault outage")
        PLANNED = "planned", _("planned outage")

    class Status(models.TextChoices):
        ANNOUNCED = "announced", _("announced")
        ACTIVE = "active", _("power off")
        RESTORED = "restored", _("restored")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="outages", verbose_name=_("station")
    )
    device = models.ForeignKey(
        GridNode, on_delete=models.PROTECT, related_name="outages", verbose_name=_("device")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    starts_at = models.DateTimeField(_("from"))
    expected_restore_at = models.DateTimeField(_("power expected back"), null=True, blank=True)
    restored_at = models.DateTimeField(_("restored at"), null=True, blank=True)
    cause = models.CharField(_("cause"), max_length=200, blank=True)
    notice = models.CharField(_("what to tell callers"), max_length=300, blank=True)
    customers = models.PositiveIntegerField(_("customers affected"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("outage")
        verbose_name_plural = _("outages")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["station", "status"])]

    def __str__(self) -> str:
        return f"{self.device} {self.get_kind_display()}"


class OutageEvent(HistoryRow):
    """The append-only history of an outage."""

    outage = models.ForeignKey(Outage, on_delete=models.CASCADE, related_name="events")
    what = models.CharField(_("what"), max_length=20)

    station_field = "outage__station"
    objects = StationQuerySet.as_manager()

    def __str__(self) -> str:
        return self.what
