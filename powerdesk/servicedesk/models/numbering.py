"""Work-order numbers: one counter row per station and year, locked while a number is taken."""

from __future__ import annotations

from django.db import models

from powerdesk.accounts.models import Station


class WorkOrderCounter(models.Model):
    """The last work-order number a station gave out in a year (2026-00042 → 42).

    A row is locked with ``select_for_update`` while the next number is taken, so that orders
    created at the same moment on PostgreSQL get distinct, consecutive numbers.
    """

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["station", "year"], name="work_order_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.station_id} {self.year}: {self.last}"
