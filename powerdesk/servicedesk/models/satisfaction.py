"""Ratings customers give at the counter (微笑服务), next to the callbacks' scores."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.lib.models import AppendOnlyModel


class CounterRating(AppendOnlyModel):
    class Service(models.TextChoices):
        PAY_BILL = "pay_bill", _("paying a bill")
        NEW_CONNECTION = "new_connection", _("new connection or more capacity")
        ACCOUNT_CHANGE = "account_change", _("change of name or account")
        ENQUIRY = "enquiry", _("enquiry")
        COMPLAINT = "complaint", _("complaint")
        OTHER = "other", _("other")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="counter_ratings", verbose_name=_("station")
    )
    at = models.DateTimeField(_("time"))
    score = models.PositiveSmallIntegerField(
        _("score (1-5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    service = models.CharField(_("service"), max_length=20, choices=Service.choices)
    served_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("served by"),
    )

    class Meta:
        verbose_name = _("counter rating")
        verbose_name_plural = _("counter ratings")
        ordering = ["-at"]
        indexes = [models.Index(fields=["station", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.score}"
