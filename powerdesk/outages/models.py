"""Outages the station knows of: unplanned ones found or confirmed, and planned maintenance."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.lib.models import AppendOnlyModel, HistoryRow, StationQuerySet
from powerdesk.network.models import GridNode


class NoticeSource(models.TextChoices):
    STAFF = "staff", _("staff")
    WINDOW = "window", _("PowerDesk, from the planned window")
    BEFORE_MOVE = "before_move", _("staff, before the outage was moved")


class Outage(models.Model):
    class Kind(models.TextChoices):
        UNPLANNED = "unplanned", _("fault outage")
        PLANNED = "planned", _("planned outage")

    class Status(models.TextChoices):
        ANNOUNCED = "announced", _("announced")
        ACTIVE = "active", _("power off")
        RESTORED = "restored", _("restored")
        # A planned outage called off before it began; it took no one's supply.
        CANCELLED = "cancelled", _("cancelled")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="outages", verbose_name=_("station")
    )
    device = models.ForeignKey(
        GridNode, on_delete=models.PROTECT, related_name="outages", verbose_name=_("device")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    starts_at = models.DateTimeField(_("from"))
    expected_restore_at = models.DateTimeField(_("power expected back"), null=True, blank=True)
    restored_at = models.DateTimeField(_("restored at"), null=True, blank=True)
    cause = models.CharField(_("cause"), max_length=200, blank=True)
    notice = models.CharField(_("what to tell callers"), max_length=300, blank=True)
    # Whose words the notice is: PowerDesk's own (from a planned outage's window) is written
    # again when the outage is moved; staff's is kept, but after a move it may name the old date.
    notice_source = models.CharField(
        _("what to tell callers: written by"),
        max_length=12,
        choices=NoticeSource.choices,
        default=NoticeSource.STAFF,
    )
    customers = models.PositiveIntegerField(_("customers affected"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("outage")
        verbose_name_plural = _("outages")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["station", "status"])]

    def __str__(self) -> str:
        return f"{self.device} {self.get_kind_display()}"

    @property
    def cause_kind(self) -> str:
        """The kind of cause a crew found (``OutageLink.cause_kind``), "" when none. Read from
        the link loaded with the outage (``select_related("link")``), else asked for without
        keeping "no link" on the outage (a link made later is then still found)."""
        cached = self._state.fields_cache
        if "link" in cached:
            link = cached["link"]
            return str(link.cause_kind) if link is not None else ""
        kinds = OutageLink.objects.filter(outage_id=self.pk).values_list("cause_kind", flat=True)
        return str(kinds.first() or "")

    @property
    def cause_shown(self) -> str:
        """The cause in the reader's language: the kind the crew found and the words typed
        (``cause`` keeps only the words: "tree · branch on the line at pole 02")."""
        return cause_words(self.cause_kind, self.cause)


class OutageEvent(HistoryRow):
    """The append-only history of an outage."""

    outage = models.ForeignKey(Outage, on_delete=models.CASCADE, related_name="events")
    what = models.CharField(_("what"), max_length=20)
    # A line the system wrote: what it says, drawn in the reader's language
    # (``servicedesk.history_notes``); ``note`` keeps its words in the station's language.
    note_code = models.CharField(max_length=40, blank=True)
    note_args = models.JSONField(default=dict, blank=True)

    station_field = "outage__station"
    objects = StationQuerySet.as_manager()

    def __str__(self) -> str:
        return self.what

    @property
    def shown_note(self) -> str:
        """The note in the reader's language when the system wrote it (lines written before
        the codes read by their wording: ``outages.history.outage_note_shown``); as typed
        otherwise."""
        from powerdesk.outages.history import outage_note_shown

        return outage_note_shown(self)


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


def evidence_words(e: dict[str, Any]) -> str:
    """The engine's evidence in words, in the active language. Calls are named, not counted:
    the board counts the callers of each outage beside it (``board_counts.fill_callers``); the
    engine's own tally (customers whose last word was a call rather than a meter's) would be a
    second, smaller caller figure for the same outage."""
    parts: list[str] = []
    if e.get("calls"):
        parts.append(gettext("customers below called"))
    if e.get("reporting_meters"):
        parts.append(
            gettext("%(n)d of %(meters)d reporting meters sent power-off")
            % {"n": e.get("meter_off", 0), "meters": e.get("reporting_meters", 0)}
        )
    if e.get("meter_on") or e.get("said_on"):
        parts.append(
            gettext("%(n)d said power is on") % {"n": e.get("meter_on", 0) + e.get("said_on", 0)}
        )
    if e.get("forced") == "open":
        parts.append(gettext("SCADA, a crew or the office reported it open"))
    if e.get("lightning_zone"):
        parts.append(gettext("in a lightning zone"))
    return gettext("; ").join(parts)


# -- an outage's life: what the board and restoration add --------------------------------------
class OutageCause(models.TextChoices):
    """What a crew found (the list the reliability reports group by)."""

    LIGHTNING = "lightning", _("lightning")
    TREE = "tree", _("tree")
    AGEING = "ageing", _("ageing")
    EXTERNAL = "external", _("external damage")
    ANIMAL = "animal", _("animal")
    OVERLOAD = "overload", _("overload")
    UNKNOWN = "unknown", _("unknown")


def cause_words(kind: str, words: str) -> str:
    """A cause in the active language: the kind's label and the words typed, either may be
    missing ("tree · branch on the line at pole 02")."""
    label = str(OutageCause(kind).label) if kind in OutageCause.values else ""
    return " · ".join(p for p in (label, words.strip()) if p)


class OutageLink(models.Model):
    """A fault outage's crew and the work orders joined to it: the callers' orders, resolved
    together when power is back. One row per outage (kept apart from ``Outage`` so that the
    record of planned outages stays as it is)."""

    outage = models.OneToOneField(Outage, on_delete=models.CASCADE, related_name="link")
    crew = models.ForeignKey(
        "accounts.Crew",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("crew"),
    )
    cause_kind = models.CharField(
        _("cause found"), max_length=12, choices=OutageCause.choices, blank=True
    )
    work_orders = models.ManyToManyField(
        "servicedesk.WorkOrder", related_name="outage_links", blank=True
    )
    # The outage's own order, opened by the first call after it was recorded, which later calls
    # join (the orders joined from before are the callers' own).
    order = models.ForeignKey(
        "servicedesk.WorkOrder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the outage's work order"),
    )

    station_field = "outage__station"
    objects = StationQuerySet.as_manager()

    def __str__(self) -> str:
        return f"links of outage {self.outage_id}"


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


class OutageCallback(models.Model):
    """A callback to make after power is back, to a household that has no work order of its
    own to be called back on: a caller whose call joined the outage's order, or a household with
    a medical need or an elderly person living alone under the device."""

    class Reason(models.TextChoices):
        CALLER = "caller", _("called about it")
        MEDICAL = "medical_need", _("medical need")
        ELDERLY = "elderly_alone", _("elderly living alone")

    outage = models.ForeignKey(Outage, on_delete=models.CASCADE, related_name="callbacks")
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="+", verbose_name=_("customer")
    )
    reason = models.CharField(_("why"), max_length=16, choices=Reason.choices)
    due_at = models.DateTimeField(_("call back by"))
    done_at = models.DateTimeField(_("called back at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("called back by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    station_field = "outage__station"
    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("outage callback")
        verbose_name_plural = _("outage callbacks")
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["outage", "customer"], name="outage_callback_once_per_customer"
            )
        ]

    def __str__(self) -> str:
        return f"callback {self.customer_id} after outage {self.outage_id}"


class OutageRestoreStep(HistoryRow):
    """Power back to part of an outage: the crew closed the device and isolated the fault
    (or closed some of the devices it had opened). ``still_open`` are the devices still open
    after the step, each below the outage's device; the households below them are still out,
    the others below the outage's device have power since ``at``."""

    outage = models.ForeignKey(Outage, on_delete=models.CASCADE, related_name="restore_steps")
    still_open = models.JSONField(_("still open"), default=list)  # GridNode ids
    back = models.PositiveIntegerField(_("households back"))
    out = models.PositiveIntegerField(_("households still out"))
    recorded_at = models.DateTimeField(_("recorded at"))

    station_field = "outage__station"
    objects = StationQuerySet.as_manager()

    class Meta(HistoryRow.Meta):
        verbose_name = _("partial restoration")
        verbose_name_plural = _("partial restorations")

    def __str__(self) -> str:
        return f"outage {self.outage_id}: {self.back} back, {self.out} out"


# The chief's order of restoration lives in its own module; imported so Django registers it.
# Where faults were found on patrol, likewise.
from powerdesk.outages.found_models import FoundPlace  # noqa: E402, F401
from powerdesk.outages.priority_models import PriorityOrder  # noqa: E402, F401
