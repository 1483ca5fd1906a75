"""The station's yearly training plan, the sessions held, self-study, and who attended."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.lib.models import StationQuerySet

HOURS = {"max_digits": 5, "decimal_places": 1, "validators": [MinValueValidator(Decimal("0.5"))]}


class TrainingPlan(models.Model):
    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="training_plans", verbose_name=_("station")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    hours_per_person = models.DecimalField(_("hours per person"), **HOURS)  # type: ignore[arg-type]
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["station", "year"], name="training_plan_one_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.station} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("training:plan") + f"?year={self.year}"


class PlanItem(models.Model):
    """One course in the plan: what, for whom, in which month, how many hours."""

    plan = models.ForeignKey(
        TrainingPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    topic = models.CharField(_("topic"), max_length=100)
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    hours = models.DecimalField(_("hours"), **HOURS)  # type: ignore[arg-type]
    audience = models.CharField(_("for"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    station_field = "plan__station"
    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["month", "pk"]

    def __str__(self) -> str:
        return f"{self.month}: {self.topic}"


class TrainingSession(models.Model):
    station = models.ForeignKey(
        Station,
        on_delete=models.CASCADE,
        related_name="training_sessions",
        verbose_name=_("station"),
    )
    plan_item = models.ForeignKey(
        PlanItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("plan item"),
    )
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=100)
    trainer = models.CharField(_("trainer"), max_length=60)
    hours = models.DecimalField(_("hours"), **HOURS)  # type: ignore[arg-type]
    place = models.CharField(_("place"), max_length=100, blank=True)
    material = models.CharField(_("material"), max_length=200, blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="training_sessions", verbose_name=_("attendees")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.topic}"


class SelfStudy(models.Model):
    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="self_study",
        verbose_name=_("person"),
    )
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=100)
    hours = models.DecimalField(_("hours"), **HOURS)  # type: ignore[arg-type]
    material = models.CharField(_("material"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-study")
        verbose_name_plural = _("self-study records")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} {self.date:%Y-%m-%d} {self.topic}"
