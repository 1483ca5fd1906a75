"""Who works where: county companies, their stations, users with a role at each station, crews."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from powerdesk.lib.models import AppendOnlyModel, StationQuerySet

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

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="memberships")
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
        return f"{self.user} · {self.station} · {self.get_role_display()}"


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


class ApiToken(models.Model):
    """A key a system uses to call the JSON API for one station (only its hash is kept).

    Made by the station's administrator on its page (``accounts:api_tokens``) or by the
    ``create_api_token`` command, with an expiry (none: it never expires); turned off there,
    never deleted, so that who made it and who turned it off stay on record (the audit trail
    reads them here). Its last use is written at most once a minute (``tokens.USE_NOTED_EVERY``).
    """

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("station")
    )
    name = models.CharField(_("name"), max_length=60)
    prefix = models.CharField(_("first characters"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # None: made by a command on the server (or before tokens were made in the app).
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    # None: never expires (tokens made before expiry existed, or made so on purpose).
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    last_used_from = models.CharField(_("last used from"), max_length=64, blank=True)
    off_at = models.DateTimeField(_("turned off"), null=True, blank=True)
    off_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("turned off by"),
    )
    # The one-time token of the page's form that made it: a form sent twice makes one token.
    form_token = models.CharField(max_length=64, blank=True, default="")

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["station", "form_token"],
                condition=~models.Q(form_token=""),
                name="apitoken_form_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def expired(self, now: dt.datetime | None = None) -> bool:
        from django.utils import timezone

        return self.expires_at is not None and self.expires_at <= (now or timezone.now())


class ExportLog(models.Model):
    """One list written out to a file: who, when, which list, with which filters, how many rows.

    Exports carry customers' names, phones and accounts out of the system; the chief and the
    administrator read this trail (``accounts:export_log``). Written once, never changed.
    """

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel"

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="exports", verbose_name=_("station")
    )
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    list_name = models.CharField(_("list"), max_length=40)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    filters = models.CharField(_("filters"), max_length=500, blank=True)
    rows = models.PositiveIntegerField(_("rows"))
    cut = models.BooleanField(_("cut at the limit"), default=False)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["station", "-at"], name="exportlog_station_at")]

    def __str__(self) -> str:
        return f"{self.list_name}.{self.format} · {localtime(self.at):%Y-%m-%d %H:%M}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("The export log is append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class MembershipEnded(AppendOnlyModel):
    """A person's work at a station ended from the station's staff page: every role they held
    there, who ended it, when and why (``accounts.staff.membership_end``). Their login stays:
    it is shared with any other station they work at."""

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    person = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("person")
    )
    # Kept as they were, should the login be deleted later.
    username = models.CharField(_("user name"), max_length=150)
    roles = models.CharField(_("roles"), max_length=200)
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    reason = models.CharField(_("reason"), max_length=200)
    # The crews they were taken out of, and those they led (left with no leader), by name as
    # they were then (a crew renamed or removed later is still said as it was).
    crews = models.JSONField(_("crews left"), default=list, blank=True)
    crews_led = models.JSONField(_("crews led"), default=list, blank=True)
    # Their open work handed back to the station, by kind: {"orders": 2, "problems": 1, ...}
    # (``servicedesk.handback``); each item's own history says it too.
    handed_back = models.JSONField(_("work handed back"), default=dict, blank=True)
    # Their records as a village liaison retired with it (no longer current contacts, nor told
    # of outages), each as it was named then: "王村长 (左门村)".
    liaisons_retired = models.JSONField(_("liaison records retired"), default=list, blank=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership ended")
        verbose_name_plural = _("memberships ended")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.username} · {localtime(self.at):%Y-%m-%d %H:%M}"
