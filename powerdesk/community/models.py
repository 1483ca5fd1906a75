"""Village committees (村委会) and village groups (村小组)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.lib.models import AppendOnlyModel, StationQuerySet


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
    # A crew's travel time to a village without road access adds this walk (``crew_choice``).
    walk_minutes = models.PositiveSmallIntegerField(
        _("walking time (minutes)"),
        default=0,
        help_text=_("From where a vehicle must stop to the village, on foot."),
    )
    x = models.FloatField(_("longitude"), null=True, blank=True)
    y = models.FloatField(_("latitude"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = StationQuerySet.as_manager()

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

    objects = StationQuerySet.as_manager()

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


class Liaison(models.Model):
    """A person in the village the station works with (联动机制): committee member, group leader.

    Most have no login; those who do are linked to their user, and their actions on the
    liaison page are recorded as ``LiaisonActivity``.
    """

    class Role(models.TextChoices):
        SECRETARY = "secretary", _("committee secretary")
        DIRECTOR = "director", _("committee director")
        COMMITTEE_MEMBER = "member", _("committee member")
        GROUP_LEADER = "group_leader", _("group leader")
        ELECTRICIAN = "electrician", _("village electrician")
        OTHER = "other", _("other")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="liaisons", verbose_name=_("station")
    )
    village = models.ForeignKey(
        Village, on_delete=models.CASCADE, related_name="liaisons", verbose_name=_("village")
    )
    group = models.ForeignKey(
        VillageGroup,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="liaisons",
        verbose_name=_("village group"),
        help_text=_("Empty for the village committee as a whole."),
    )
    name = models.CharField(_("name"), max_length=60)
    phone = models.CharField(_("phone"), max_length=20)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="liaison_records",
        verbose_name=_("login"),
    )
    active = models.BooleanField(_("active"), default=True)
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("village liaison")
        verbose_name_plural = _("village liaisons")
        ordering = ["village__name", "group__name", "role", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.group is not None and self.group.village_id != self.village_id:
            raise ValidationError({"group": _("That group is not in this village.")})


class LiaisonActivity(AppendOnlyModel):
    """What passed between the station and a village's liaisons, in order."""

    class Kind(models.TextChoices):
        REPORT = "report", _("reported a problem for a villager")
        POWER_BACK = "power_back", _("confirmed power back")
        TOLD_OUTAGE = "told_outage", _("told of an outage")
        ARREARS_CONTACT = "arrears", _("asked about a household in arrears")
        VISIT = "visit", _("joined an outreach visit")
        OTHER = "other", _("other contact")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    village = models.ForeignKey(
        Village, on_delete=models.CASCADE, related_name="activities", verbose_name=_("village")
    )
    liaison = models.ForeignKey(
        Liaison,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("liaison"),
    )
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # A line the system wrote (power back confirmed, a liaison added): what it says, drawn in
    # the reader's language (``servicedesk.history_notes``); ``note`` keeps the station's words.
    note_code = models.CharField(max_length=40, blank=True)
    note_args = models.JSONField(default=dict, blank=True)
    link = models.CharField(_("link"), max_length=200, blank=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("liaison activity")
        verbose_name_plural = _("liaison activities")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["village", "at"])]

    def __str__(self) -> str:
        return f"{self.village} {self.get_kind_display()}"

    @property
    def note_shown(self) -> str:
        """The note in the reader's language when the system wrote it (lines stored before the
        codes read back by the station's wording); as typed otherwise."""
        from powerdesk.community.liaison import activity_note_shown

        return activity_note_shown(self)
