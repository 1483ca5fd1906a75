"""A station's crews, where they were (positions), and the leaders chosen for them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models.core import Station, User
from powerdesk.lib.models import AppendOnlyModel, StationQuerySet


class Crew(models.Model):
    """An emergency repair crew (抢修班组) of a station."""

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="crews", verbose_name=_("station")
    )
    name = models.CharField(_("name"), max_length=60)
    leader = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_crews",
        verbose_name=_("leader"),
    )
    members = models.ManyToManyField(
        User, related_name="crews", blank=True, verbose_name=_("members")
    )
    phone = models.CharField(_("duty phone"), max_length=30, blank=True)
    vehicle = models.CharField(_("vehicle"), max_length=30, blank=True)
    base = models.CharField(_("base"), max_length=100, blank=True)
    # Where the crew sets out from (WGS-84, as the grid's coordinates): shown on the map when
    # the crew has not said where it is lately.
    base_x = models.FloatField(_("base longitude"), null=True, blank=True)
    base_y = models.FloatField(_("base latitude"), null=True, blank=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("crew")
        verbose_name_plural = _("crews")
        ordering = ["station", "name"]
        constraints = [models.UniqueConstraint(fields=["station", "name"], name="crew_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def phone_display(self) -> str:
        """The duty phone as staff write it (``format_phone``: "138 1234 5678"), whatever
        spacing it was typed with; as typed when it is not a number that could be dialled."""
        from powerdesk.lib.phones import display_phone

        return display_phone(self.phone, area_code=self.station.area_code) if self.phone else ""


class CrewPosition(AppendOnlyModel):
    """Where a crew was at a time: from a member's phone (its location) or typed in the office
    when the crew phoned in from a place with no data signal."""

    class Source(models.TextChoices):
        PHONE = "phone", _("the crew's phone")
        OFFICE = "office", _("told to the office")

    crew = models.ForeignKey(
        Crew, on_delete=models.CASCADE, related_name="positions", verbose_name=_("crew")
    )
    at = models.DateTimeField(_("time"))
    x = models.FloatField(_("longitude"))
    y = models.FloatField(_("latitude"))
    accuracy_m = models.PositiveIntegerField(_("accuracy (m)"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )

    station_field = "crew__station"
    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("crew position")
        verbose_name_plural = _("crew positions")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["crew", "-at"])]

    def __str__(self) -> str:
        return f"{self.crew} at {self.y:.5f},{self.x:.5f}"


class CrewLeaderChange(AppendOnlyModel):
    """A crew's leader chosen among its members (``crews.crew_leader_set``): who, when, by whom,
    and who led it before (by name as then: empty when it had none, its leader's work at the
    station having ended). The crew's page lists them; the audit trail says them."""

    crew = models.ForeignKey(
        Crew, on_delete=models.CASCADE, related_name="leader_changes", verbose_name=_("crew")
    )
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    leader = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("leader")
    )
    # Kept as they were then, should a login be renamed or deleted later.
    leader_name = models.CharField(_("leader"), max_length=150)
    before_name = models.CharField(_("leader before"), max_length=150, blank=True)

    station_field = "crew__station"
    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("crew leader chosen")
        verbose_name_plural = _("crew leaders chosen")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.crew} · {self.leader_name}"
