"""What the outage engine reads and writes: the signals a station learns about power, its
signal intake, where the live engine is, its predicted outages with their evidence, and the
predictions staff rejected."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.lib.models import AppendOnlyModel, StationQuerySet
from powerdesk.network.models import GridNode


class SignalType(models.TextChoices):
    """What a station learns about power at a customer or a device (the engine contract's)."""

    CALL = "call", _("call: no power")
    AMI_OFF = "ami_off", _("meter: power off")
    AMI_ON = "ami_on", _("meter: power on")
    CALL_ON = "call_on", _("call: power back")
    SCADA_OPEN = "scada_open", _("SCADA: opened")
    SCADA_CLOSE = "scada_close", _("SCADA: closed")
    CONFIRM_OPEN = "confirm_open", _("crew: found open")
    RESTORE = "restore", _("crew: closed again")
    # Another system (a dispatcher's ADMS) says the engine's outage at this device is not one.
    REJECT = "reject", _("not an outage (rejected)")


# A rejection on the board is stored as a staff ``restore`` (``call_on`` for one customer) whose
# source id starts with ``REJECTION_SOURCE_ID``, and so is the device the engine named when staff
# confirm the outage at another (``MOVED_SOURCE_ID``). Both reach the engine as the contract's
# ``reject``: the device is closed as far as anyone knows, but it was no outage to learn the
# storm's rates from. (They were stored so before ``SignalType.REJECT``, which the signals API
# takes from other systems; the stored ones keep their form.)
REJECTION_SOURCE_ID = "reject-"
MOVED_SOURCE_ID = "moved:"


CUSTOMER_SIGNALS = frozenset(
    {SignalType.CALL, SignalType.AMI_OFF, SignalType.AMI_ON, SignalType.CALL_ON}
)


class SignalSource(models.TextChoices):
    INTAKE = "intake", _("call intake")
    LIAISON = "liaison", _("village liaison")
    API = "api", _("API")
    TELEPHONE = "telephone", _("telephone system")
    HEAD_END = "head-end", _("meter head-end")
    CREW = "crew", _("crew")
    STAFF = "staff", _("staff")
    PUBLIC = "public", _("public outage page")
    SMS = "sms", _("text message")


class Signal(AppendOnlyModel):
    """One thing the station learnt about power, kept for good: the engine is rebuilt from these.

    A signal names a customer (calls and meters) or a grid device (SCADA and crews); the engine
    knows them by account number and device code. ``source_id`` makes a resent signal harmless:
    a second one with the same station, source and id is not stored.
    """

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    type = models.CharField(_("type"), max_length=16, choices=SignalType.choices)
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("customer"),
    )
    device = models.ForeignKey(
        GridNode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("device"),
    )
    event_at = models.DateTimeField(_("time of the event"))
    received_at = models.DateTimeField(_("time received"), auto_now_add=True)
    source = models.CharField(_("source"), max_length=12, choices=SignalSource.choices)
    source_id = models.CharField(_("source's id"), max_length=100, blank=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["station", "source", "source_id"],
                condition=~models.Q(source_id=""),
                name="signal_once_per_source_id",
            ),
            models.CheckConstraint(
                condition=models.Q(customer__isnull=True) ^ models.Q(device__isnull=True),
                name="signal_names_customer_or_device",
            ),
        ]
        indexes = [models.Index(fields=["station", "event_at"])]

    def __str__(self) -> str:
        return f"{self.type} {localtime(self.event_at):%Y-%m-%d %H:%M:%S}"


class SignalStream(models.Model):
    """A station's signal intake: its row is locked while signals are stored, so that signals
    of one station are committed in the order of their ids and the engine's cursor never
    passes one still being written."""

    station = models.OneToOneField(Station, on_delete=models.CASCADE, related_name="+")
    # Bumped by whatever changes the grid (imports): the live engine is rebuilt on it.
    grid_version = models.PositiveIntegerField(default=0)

    objects = StationQuerySet.as_manager()

    def __str__(self) -> str:
        return f"signals of station {self.station_id}"


class EngineState(models.Model):
    """Where the live engine of a station is: the last signal taken, the grid it was built on,
    and the picture saved after its last batch (its outages are ``PredictedOutage`` rows)."""

    station = models.OneToOneField(Station, on_delete=models.CASCADE, related_name="+")
    cursor = models.BigIntegerField(default=0)  # the last Signal pk taken
    grid_version = models.PositiveIntegerField(default=0)
    grid_fingerprint = models.CharField(max_length=64, blank=True)
    picture_t = models.FloatField(null=True)  # the time of the last event taken (epoch s)
    customers_out = models.PositiveIntegerField(default=0)
    signals_taken = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)  # signals naming what the grid lacks now
    rebuilds = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StationQuerySet.as_manager()

    def __str__(self) -> str:
        return f"engine of station {self.station_id} at signal {self.cursor}"


class PredictedOutage(models.Model):
    """An outage in the live engine's current picture: a device (or one customer's service)
    believed open, replaced whole after every batch of signals."""

    class Status(models.TextChoices):
        PREDICTED = "predicted", _("predicted")
        CONFIRMED = "confirmed", _("confirmed")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    code = models.CharField(_("engine id"), max_length=60)  # device code or account number
    device = models.ForeignKey(
        GridNode, on_delete=models.CASCADE, null=True, related_name="+", verbose_name=_("device")
    )
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        verbose_name=_("customer"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    customers = models.PositiveIntegerField(_("customers out"))
    confidence = models.FloatField(_("confidence"))
    first_sign_at = models.DateTimeField(_("first sign"), null=True)
    explain = models.JSONField(_("evidence"), default=dict)
    rank = models.PositiveIntegerField(default=0)  # the engine's order: top-most first

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("predicted outage")
        verbose_name_plural = _("predicted outages")
        ordering = ["station", "rank"]

    def __str__(self) -> str:
        return f"{self.code} {self.status}"

    @property
    def shown(self) -> bool:
        """Whether people are shown this as an outage: SCADA, a crew or the office reported
        the device open, or at least one customer below called or one meter sent power-off.
        The engine may name a device on silence alone (meters that sent no power-on message
        after a restore); with nobody and nothing saying the power is off, that is not an
        outage to list, rank above those with callers or tell the villages of."""
        if self.status == self.Status.CONFIRMED:
            return True
        return bool(self.explain.get("calls") or self.explain.get("meter_off"))

    def explain_text(self) -> str:
        """The evidence in words, for the board (``evidence_words``)."""
        return evidence_words(self.explain)


# What of the engine's evidence its words say (kept with the history line of a recording).
EVIDENCE_KEYS = ("calls", "reporting_meters", "meter_off", "meter_on", "said_on", "forced")
EVIDENCE_FLAGS = ("lightning_zone",)


def evidence_said(explain: dict[str, Any]) -> dict[str, Any]:
    """The part of the engine's evidence its words say, as data (``evidence_words``'s)."""
    said = {k: explain[k] for k in EVIDENCE_KEYS if explain.get(k)}
    said.update({k: True for k in EVIDENCE_FLAGS if explain.get(k)})
    return said


def evidence_words(e: dict[str, Any], *, confirmed_by: str = "", scada: bool = False) -> str:
    """The engine's evidence in words, in the active language. Calls are named, not counted:
    the board counts the callers of each outage beside it (``board_counts.fill_callers``); the
    engine's own tally (customers whose last word was a call rather than a meter's) would be a
    second, smaller caller figure for the same outage. ``confirmed_by``: the person who
    confirmed the prediction, when that confirmation is what reported the device open (not
    SCADA nor a crew): said as it is, by name. ``scada``: SCADA reported it open (the person
    may have confirmed it too): said first, not lost behind the name (review 28, M5)."""
    parts: list[str] = []
    if e.get("calls"):
        parts.append(gettext("customers below called"))
    if e.get("reporting_meters") and e.get("meter_off"):
        parts.append(
            gettext("%(n)d of %(meters)d reporting meters sent power-off")
            % {"n": e.get("meter_off", 0), "meters": e.get("reporting_meters", 0)}
        )
    elif e.get("reporting_meters"):
        # "0 of 30 sent power-off" beside a predicted outage read as the meters saying the power
        # is on (walk37, 16): they have sent nothing yet, which a lost last gasp also is.
        parts.append(
            gettext("none of the %(meters)d reporting meters has sent power-off yet")
            % {"meters": e["reporting_meters"]}
        )
    if e.get("meter_on") or e.get("said_on"):
        parts.append(
            gettext("%(n)d said power is on") % {"n": e.get("meter_on", 0) + e.get("said_on", 0)}
        )
    if e.get("forced") == "open" and scada:
        parts.append(gettext("SCADA reported it open"))
    if e.get("forced") == "open" and confirmed_by:
        parts.append(gettext("confirmed by %(who)s") % {"who": confirmed_by})
    elif e.get("forced") == "open" and not scada:
        parts.append(gettext("SCADA, a crew or the office reported it open"))
    if e.get("lightning_zone"):
        parts.append(gettext("in a lightning zone"))
    return gettext("; ").join(parts)


class PredictionRejection(AppendOnlyModel):
    """Staff said an engine prediction is wrong: it is not shown again while the engine's first
    sign for that device stays the same (a new first sign is a new matter)."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("engine id"), max_length=60)
    first_sign_at = models.DateTimeField(_("first sign"), null=True)
    reason = models.CharField(_("reason"), max_length=300)
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("rejected prediction")
        verbose_name_plural = _("rejected predictions")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.code} rejected"
