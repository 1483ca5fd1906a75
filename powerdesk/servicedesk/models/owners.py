"""Who took work without an owner, or was given it (``servicedesk.ownership``): the audit
trail's line of it; the item's own history says it too (a work order's history, a hard
problem's plan)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.lib.models import AppendOnlyModel, StationQuerySet
from powerdesk.servicedesk.models.core import WorkOrder
from powerdesk.servicedesk.models.hard_problems import HardProblem, HardProblemStep


class OwnerChange(AppendOnlyModel):
    """Work without an owner that someone took as their own (我来负责), or that the dispatcher or
    the chief gave to someone: who, when, which item (named as it was then)."""

    class Kind(models.TextChoices):
        ORDER = "order", _("work order")
        PROBLEM = "problem", _("hard problem")
        STEP = "step", _("step of a hard problem's plan")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    work_order = models.ForeignKey(
        WorkOrder, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    problem = models.ForeignKey(
        HardProblem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    step = models.ForeignKey(
        HardProblemStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The item as it was named then (an order's number and title, a problem's or step's title).
    named = models.CharField(_("item"), max_length=250)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("owner given")
        verbose_name_plural = _("owners given")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.named} → {self.owner}"

    @property
    def taken(self) -> bool:
        """Whether its owner took it themselves (else someone gave it to them)."""
        return self.by_id is not None and self.by_id == self.owner_id
