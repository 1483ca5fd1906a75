"""What the station keeps on record about access: API tokens, the export log, and the
memberships ended."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models.core import Station, User
from powerdesk.lib.models import AppendOnlyModel, StationQuerySet


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
