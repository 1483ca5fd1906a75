"""Ratings customers give at the counter (微笑服务), next to the callbacks' scores."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.lib.models import AppendOnlyModel, StationQuerySet


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
    kiosk = models.ForeignKey(
        "CounterKiosk",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ratings",
        verbose_name=_("kiosk"),
    )

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("counter rating")
        verbose_name_plural = _("counter ratings")
        ordering = ["-at"]
        indexes = [models.Index(fields=["station", "at"])]

    def __str__(self) -> str:
        return f"{localtime(self.at):%Y-%m-%d %H:%M} {self.score}"


class CounterKiosk(models.Model):
    """A tablet at the counter that customers rate on, and nothing else.

    Staff start it on the device once; from then on the device holds only the kiosk's key
    (a cookie, stored here as its hash) and no staff session, so a customer cannot reach the
    rest of the application from it. What is being rated (the service, the clerk) is changed
    from the staff page, on any staff device.
    """

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="counter_kiosks", verbose_name=_("station")
    )
    name = models.CharField(_("name"), max_length=40)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    service = models.CharField(
        _("service"),
        max_length=20,
        choices=CounterRating.Service.choices,
        default=CounterRating.Service.PAY_BILL,
    )
    served_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("served by"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started at"))
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("rating kiosk")
        verbose_name_plural = _("rating kiosks")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name
