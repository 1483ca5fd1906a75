"""Who works where: county companies, their stations, users with a role at each station."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from powerdesk.lib.models import StationQuerySet

if TYPE_CHECKING:
    from django.db.models import QuerySet


class CountyCompany(models.Model):
    """A county power supply company (县公司); it has several stations."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("county company")
        verbose_name_plural = _("county companies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Station(models.Model):
    """A power supply station (供电所): the unit whose data a user sees."""

    company = models.ForeignKey(
        CountyCompany, on_delete=models.PROTECT, related_name="stations", verbose_name=_("company")
    )
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("station phone"), max_length=30, blank=True)
    area_code = models.CharField(
        _("telephone area code"),
        max_length=5,
        blank=True,
        help_text=_("Used for local numbers written without it, e.g. 0878."),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("station")
        verbose_name_plural = _("stations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    COUNTER = "counter", _("counter / duty staff")
    DISPATCHER = "dispatcher", _("dispatcher")
    CREW = "crew", _("crew member")
    CHIEF = "chief", _("station chief")
    LIAISON = "liaison", _("village liaison")
    ADMIN = "admin", _("administrator")


# Roles that work inside the station and may see its customers and grid.
STATION_STAFF_ROLES = frozenset({Role.COUNTER, Role.DISPATCHER, Role.CREW, Role.CHIEF, Role.ADMIN})
# Roles that keep the station's records of villages and visits (crews only read them).
OFFICE_ROLES = frozenset({Role.COUNTER, Role.DISPATCHER, Role.CHIEF, Role.ADMIN})


class User(AbstractUser):
    """A person who logs in. What they may see comes from their memberships."""

    full_name = models.CharField(_("full name"), max_length=60, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=30, blank=True)
    stations: models.ManyToManyField[Station, Membership] = models.ManyToManyField(
        Station, through="Membership", related_name="users", verbose_name=_("stations")
    )

    class Meta:
        # Not "users": in Chinese that is also the electricity customers (用户), listed beside
        # them in the admin.
        verbose_name = _("staff account")
        verbose_name_plural = _("staff accounts")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def station_ids(self) -> set[int]:
        """Ids of every station this user belongs to (cached on the instance)."""
        cached: set[int] | None = getattr(self, "_station_ids", None)
        if cached is None:
            cached = set(self.memberships.values_list("station_id", flat=True))
            self._station_ids = cached
        return cached

    def roles_at(self, station: Station | int) -> set[str]:
        station_id = station if isinstance(station, int) else station.pk
        return set(self.memberships.filter(station_id=station_id).values_list("role", flat=True))

    def administered_station_ids(self) -> set[int]:
        return set(self.memberships.filter(role=Role.ADMIN).values_list("station_id", flat=True))

    def member_stations(self) -> QuerySet[Station]:
        return Station.objects.filter(pk__in=self.station_ids()).order_by("name")


class Membership(models.Model):
    """A user's role at a station. A person may hold several roles at one station."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("staff account")
    )
    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("station")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    village = models.ForeignKey(
        "community.Village",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="liaison_memberships",
        verbose_name=_("village"),
        help_text=_("For a village liaison: the village committee they speak for."),
    )

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "station", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        # Django's admin keeps this untranslated in its history (its change messages are
        # stored with translation off): ``admin_history`` says the role in the reader's
        # language when the history or the audit trail is read.
        return f"{self.user} · {self.station} · {self.get_role_display()}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.role == Role.LIAISON and self.village_id is None:
            raise ValidationError(
                {"village": _("A village liaison speaks for a village committee: choose it.")}
            )
        if self.village_id is not None and self.station_id is not None:
            village = self.village
            if village is not None and village.station_id != self.station_id:
                raise ValidationError({"village": _("This village is not of the station.")})
