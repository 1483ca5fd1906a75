"""Meter pings: a station's AMI head-end ping setting, each round of pings sent to it, and each
meter the engine asked to ping (``outages.pings``)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.lib.models import StationQuerySet

PING_MOST_DEFAULT = 10
PING_MOST_MAX = 50
PING_URL_MAX = 200
PING_SECRET_MAX = 100


class PingSettings(models.Model):
    """Where a station's AMI head-end takes ping requests, and how many a round (off while the
    address is blank)."""

    station = models.OneToOneField(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    endpoint_url = models.CharField(_("head-end ping address"), max_length=PING_URL_MAX, blank=True)
    most = models.PositiveSmallIntegerField(
        _("meters pinged at most a round"),
        default=PING_MOST_DEFAULT,
        validators=[MinValueValidator(1), MaxValueValidator(PING_MOST_MAX)],
    )
    # Write-only: each request is signed with it as the webhook is (never shown again).
    secret = models.CharField(_("head-end ping secret"), max_length=PING_SECRET_MAX, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("meter ping settings")
        verbose_name_plural = _("meter ping settings")

    def __str__(self) -> str:
        return f"meter ping settings of station {self.station_id}"

    @property
    def on(self) -> bool:
        return bool(self.endpoint_url)


class PingRound(models.Model):
    """One round of pings asked of the head-end (the station's log of them: by the system)."""

    class State(models.TextChoices):
        # Claimed by one worker, which is posting it (``pings_send.claim``).
        PENDING = "pending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")  # to be sent again (within ``pings.RETRY_WITHIN``)
        GIVEN_UP = "given_up", _("given up")  # refused for good, or tried enough

    class Failure(models.TextChoices):
        """Why the head-end did not take it (the detail is in the server log only)."""

        REFUSED = "refused", _("refused by the head-end")
        NO_CONNECTION = "no_connection", _("no connection to the head-end")
        TIMED_OUT = "timed_out", _("the head-end did not answer in time")
        INSIDE = "inside", _("the address leads inside the server's own networks")
        OTHER = "other", _("not sent")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    at = models.DateTimeField(_("time"))
    key = models.CharField(_("idempotency key"), max_length=80)
    asked = models.PositiveIntegerField(_("meters asked"), default=0)
    state = models.CharField(_("state"), max_length=8, choices=State.choices)
    failure = models.CharField(
        _("why not taken"), max_length=16, choices=Failure.choices, blank=True
    )
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    tries = models.PositiveSmallIntegerField(_("tries"), default=1)
    claimed_at = models.DateTimeField(_("claimed for sending"), null=True, blank=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("ping round")
        verbose_name_plural = _("ping rounds")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["station", "key"], name="pinground_station_key"),
        ]

    def __str__(self) -> str:
        return f"ping round {self.key}"


class MeterPing(models.Model):
    """A meter the engine asked to be pinged in a round, and whether it answered."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("requested")
        ANSWERED = "answered", _("answered")
        NO_ANSWER = "no_answer", _("no answer")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    round = models.ForeignKey(
        PingRound, on_delete=models.CASCADE, related_name="pings", verbose_name=_("round")
    )
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("customer"),
    )
    device_code = models.CharField(_("device asked about"), max_length=64)
    reason = models.CharField(_("reason"), max_length=16)
    requested_at = models.DateTimeField(_("requested"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.REQUESTED
    )

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("meter ping")
        verbose_name_plural = _("meter pings")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "customer"], name="meterping_round_customer"),
        ]
        indexes = [
            models.Index(fields=["station", "customer", "requested_at"]),
            # The board's counts of a predicted outage's pings (``pings_board``).
            models.Index(fields=["station", "device_code", "requested_at"]),
        ]

    def __str__(self) -> str:
        return f"ping of {self.customer_id} at {self.requested_at}"
