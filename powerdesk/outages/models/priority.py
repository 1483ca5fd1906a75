"""The chief's say on which outage is restored first (``outages.priority``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.lib.models import AppendOnlyModel, StationQuerySet


class PriorityOrder(AppendOnlyModel):
    """The chief puts an open outage at a place on the board, or back in the score's order
    (``position`` empty), with the reason. Append-only: the latest for an outage is in force,
    the earlier ones stay as its history.

    An outage is named by its record, or — while it is only the engine's prediction — by the
    engine's id and first sign, as ``PredictionRejection`` does; confirming the prediction
    records an outage on the same device from the same first sign, so the order carries over.
    """

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="+")
    outage = models.ForeignKey(
        "outages.Outage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="priority_orders",
        verbose_name=_("outage"),
    )
    code = models.CharField(_("engine id"), max_length=60)  # device code or account number
    first_sign_at = models.DateTimeField(_("first sign"), null=True)
    position = models.PositiveSmallIntegerField(_("place on the board"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300)
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("restoration order")
        verbose_name_plural = _("restoration orders")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["station", "code"])]

    def __str__(self) -> str:
        return f"{self.code} at {self.position or '-'}"
