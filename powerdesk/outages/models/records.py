"""The outage records: outages the station knows of (unplanned ones found or confirmed, and
planned maintenance), their history, their crew and joined work orders, their callbacks and
partial restorations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.lib.models import HistoryRow, StationQuerySet
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
    # A fault outage whose crew found the power already on at arrival (``power_found_on``): when
    # and who said so; restored then. Counted as an interruption until the dispatcher or the
    # chief confirms it was none (``not_interruption_*``): then no reliability figure counts it.
    power_on_found_at = models.DateTimeField(_("power found on at arrival"), null=True, blank=True)
    power_on_found_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("power found on by"),
    )
    not_interruption_at = models.DateTimeField(
        _("confirmed not an interruption at"), null=True, blank=True
    )
    not_interruption_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed not an interruption by"),
    )
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

    class Meta(HistoryRow.Meta):
        verbose_name = _("outage event")
        verbose_name_plural = _("outage events")

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


class OutageRestoreStep(HistoryRow):
    """Power back to part of an outage: the crew closed the device and isolated the fault
    (or closed some of the devices it had opened). ``still_open`` are the devices still open
    after the step, each below the outage's device; the households below them are still out,
    the others below the outage's device have power since ``at`` — unless another outage in
    progress still keeps them dark: ``back`` counts only those with power, ``held_planned``
    those still off under planned work in progress, ``held_other`` those still off under
    another fault outage (``outages.restoration.outage_restore_part``)."""

    outage = models.ForeignKey(Outage, on_delete=models.CASCADE, related_name="restore_steps")
    still_open = models.JSONField(_("still open"), default=list)  # GridNode ids
    back = models.PositiveIntegerField(_("households back"))
    out = models.PositiveIntegerField(_("households still out"))
    held_planned = models.PositiveIntegerField(
        _("households still off under planned work"), default=0
    )
    held_other = models.PositiveIntegerField(
        _("households still off under another outage"), default=0
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    station_field = "outage__station"
    objects = StationQuerySet.as_manager()

    class Meta(HistoryRow.Meta):
        verbose_name = _("partial restoration")
        verbose_name_plural = _("partial restorations")

    def __str__(self) -> str:
        return f"outage {self.outage_id}: {self.back} back, {self.out} out"
