"""Village committees (村委会) and village groups (村小组)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station


class Village(models.Model):
    """A village committee (村委会) in the station's area."""

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="villages", verbose_name=_("station")
    )
    name = models.CharField(_("name"), max_length=60)
    no_road_access = models.BooleanField(
        _("no road access"),
        default=False,
        help_text=_("Crews must walk in; remote-area deadlines apply."),
    )
    x = models.FloatField(_("longitude"), null=True, blank=True)
    y = models.FloatField(_("latitude"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("village committee")
        verbose_name_plural = _("village committees")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["station", "name"], name="village_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:village", args=[self.pk])


class VillageGroup(models.Model):
    """A village group (村小组) within a village committee."""

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="village_groups", verbose_name=_("station")
    )
    village = models.ForeignKey(
        Village, on_delete=models.CASCADE, related_name="groups", verbose_name=_("village")
    )
    name = models.CharField(_("name"), max_length=60)
    no_road_access = models.BooleanField(_("no road access"), default=False)

    class Meta:
        verbose_name = _("village group")
        verbose_name_plural = _("village groups")
        ordering = ["village__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["village", "name"], name="village_group_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.village.name}·{self.name}"

    @property
    def is_remote(self) -> bool:
        """Whether crews reach this group only on foot."""
        return self.no_road_access or self.village.no_road_access
