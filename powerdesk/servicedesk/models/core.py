"""Work orders and their history, and the photos of a job (calls: ``calls``; the station's
commitments: ``commitments``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Crew, Station
from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.models import Customer
from powerdesk.lib.models import AppendOnlyModel, StationQuerySet
from powerdesk.network.models import GridNode
from powerdesk.servicedesk.models.queries import WorkOrderQuerySet, work_order_is_overdue
from powerdesk.servicedesk.models.status import OPEN_STATUSES, WorkOrderStatus

if TYPE_CHECKING:
    from powerdesk.servicedesk.deadlines import DeadlineNames


class Category(models.TextChoices):
    FAULT_REPAIR = "fault_repair", _("fault repair")
    HAZARD = "hazard", _("hazard")
    BUSINESS = "business", _("business request")
    NEW_CONNECTION = "new_connection", _("new connection")
    CONSULTATION = "consultation", _("consultation")
    BILLING = "billing", _("billing")
    COMPLAINT = "complaint", _("complaint")
    SUGGESTION = "suggestion", _("suggestion")
    PRAISE = "praise", _("praise")
    # The station's own work on the grid in a planned outage's window: a crew's job, no caller
    # (opened when a crew is sent to it: ``outages.planned_work``).
    PLANNED_WORK = "planned_work", _("planned work")


# The title of the order opened when arrears are paid (``arrears.services``).
RECONNECTION_TITLE = _("Reconnection after arrears paid")


class SummaryKind(models.TextChoices):
    """How a work order's title is shown: as written (a caller's words), or composed for the
    reader's language from what the summary names (an outage's order: "停电：…", "Outage: …")."""

    WRITTEN = "", _("as written")
    OUTAGE = "outage", _("an outage's order")
    # Reconnection after the arrears are paid: the system's title, in the reader's language.
    RECONNECTION = "reconnect", _("a reconnection after arrears")
    # A planned outage's job ("计划检修：…", "Planned work: …"), titled like an outage's.
    PLANNED = "planned", _("a planned work's order")


# An order resolved with its outage when no cause was recorded: power restored at its device.
CAUSE_RESTORED = "restored"
# An order's own fault found inside the customer's house (their own wiring, their own breaker):
# no grid device, no grid outage (walkthrough 34, 3); ``cause`` keeps the crew's words.
CAUSE_IN_HOUSE = "in_house"
# An order's own job closed with no fault found: the power on at arrival, nothing wrong, no
# device (``crew_nothing_found``); ``cause`` keeps the crew's words, if any.
CAUSE_NONE_FOUND = "none_found"


class WorkOrder(models.Model):
    """One piece of work (工单) with an owner and deadlines from the commitments."""

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="work_orders", verbose_name=_("station")
    )
    number = models.CharField(_("number"), max_length=20)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    urgent = models.BooleanField(_("urgent"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=WorkOrderStatus.choices,
        default=WorkOrderStatus.RECEIVED,
    )
    summary = models.CharField(_("summary"), max_length=200)
    # The summary as stored (in the station's language: searched, exported) and how its title
    # is shown to each reader (``title``).
    summary_kind = models.CharField(
        _("kind of summary"), max_length=10, choices=SummaryKind.choices, blank=True, default=""
    )
    description = models.TextField(_("description"), blank=True)
    customer = models.ForeignKey(
        Customer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("customer"),
    )
    village = models.ForeignKey(
        Village,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("village"),
    )
    group = models.ForeignKey(
        VillageGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("village group"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_work_orders",
        verbose_name=_("owner"),
    )
    crew = models.ForeignKey(
        Crew,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("crew"),
    )
    created_at = models.DateTimeField(_("received at"))
    arrive_due_at = models.DateTimeField(_("arrive by"), null=True, blank=True)
    resolve_due_at = models.DateTimeField(_("resolve by"), null=True, blank=True)
    callback_due_at = models.DateTimeField(_("call back by"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    paused_at = models.DateTimeField(_("paused since"), null=True, blank=True)
    pause_reason = models.CharField(_("pause reason"), max_length=200, blank=True)
    cause = models.CharField(_("cause found"), max_length=200, blank=True)
    # An order resolved with its outage: the kind of cause the outage's crew found (a code of
    # ``outages.models.OutageCause``), or ``restored`` when none was recorded ("power restored
    # at …", the device being ``device_found``, set to the outage's own device by its restore);
    # drawn in the reader's language, ``cause`` keeping only the crew's own words.
    cause_kind = models.CharField(_("kind of cause"), max_length=12, blank=True)
    device_found = models.ForeignKey(
        GridNode,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("device found"),
    )
    resolution = models.TextField(_("what was done"), blank=True)
    reopened_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)

    objects = WorkOrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["station", "number"], name="work_order_unique_number")
        ]
        indexes = [models.Index(fields=["station", "status"])]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("servicedesk:work_order", args=[self.pk])

    @property
    def description_shown(self) -> str:
        """The description with the lines the system wrote into it ("Where: not asked; …") in
        the reader's language (``description_shown``; the caller's words as written)."""
        from powerdesk.servicedesk.description_shown import description_shown

        return description_shown(self.description)

    @property
    def description_is_cause(self) -> bool:
        """Whether the description only says the cause found, shown just above it: the crew's
        order made at dispatch is described by the outage's cause as then known ("雷击"), in
        the station's words (walk40 5)."""
        from powerdesk.lib.language import station_language
        from powerdesk.outages.models import cause_words

        said = self.description.strip()
        if not said or not (self.cause or self.cause_kind):
            return False
        with station_language():
            stored = cause_words(self.cause_kind, self.cause)
        return said in (stored, self.cause_shown, self.cause.strip())

    @property
    def from_public_page(self) -> bool:
        """Whether the order was opened by a report from the public outage page (its note,
        which the description begins with, opens with the page's line): shown apart from the
        title, which is the villager's words."""
        from powerdesk.servicedesk.understanding.system_text import system_line

        return bool(system_line(self.description)[0])

    @property
    def title(self) -> str:
        """The summary as the reader's language says it: an outage's order is titled anew
        ("Outage: 哔叭支线02号杆跌落式熔断器" in English, stored "停电：…"); any other as
        written."""
        if self.summary_kind == SummaryKind.OUTAGE:
            from powerdesk.servicedesk.titles import outage_title

            return outage_title(self.summary)
        if self.summary_kind == SummaryKind.PLANNED:
            from powerdesk.servicedesk.titles import planned_title

            return planned_title(self.summary)
        if self.summary_kind == SummaryKind.RECONNECTION:
            return str(RECONNECTION_TITLE)
        return self.summary

    @property
    def cause_shown(self) -> str:
        """The cause found in the reader's language: the kind the outage's crew found and the
        words typed ("tree · branch on the line at pole 02"), or "Power restored at …"."""
        from django.utils.translation import gettext

        from powerdesk.outages.models import cause_words

        if self.cause_kind == CAUSE_RESTORED:
            device = self.device_found
            return gettext("Power restored at %(device)s") % {"device": device or ""}
        if self.cause_kind == CAUSE_IN_HOUSE:
            inside = gettext("Inside the customer's house (no grid device)")
            return " · ".join(p for p in (inside, self.cause.strip()) if p)
        if self.cause_kind == CAUSE_NONE_FOUND:
            none = gettext("No fault found (power on at arrival)")
            return " · ".join(p for p in (none, self.cause.strip()) if p)
        return cause_words(self.cause_kind, self.cause)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    def is_overdue(self, now: dt.datetime) -> bool:
        return work_order_is_overdue(self, now)

    @property
    def deadline_names(self) -> DeadlineNames:
        """What its two deadlines are for (a complaint's: the contact and the answer)."""
        from powerdesk.servicedesk.deadlines import deadline_names

        return deadline_names(self.category)

    @property
    def deadline_next(self) -> tuple[str, dt.datetime | None]:
        """The deadline to show with the order, and its name: while open, the next one due
        (arrival until the crew is there, then resolution: ``queries.next_deadline``, as the
        home page and the escalation scan count them); once done, none (no deadline is still
        to come)."""
        names = self.deadline_names
        if not self.is_open:
            return "", None
        if self.arrive_due_at and self.arrived_at is None:
            return str(names.arrive), self.arrive_due_at
        return str(names.resolve), self.resolve_due_at


class WorkOrderEvent(AppendOnlyModel):
    """The append-only history of a work order: who did what, when."""

    class Kind(models.TextChoices):
        # "created" alone is also the label of creation times ("创建时间"): the history
        # line says what happened.
        CREATED = "created", pgettext_lazy("history", "created")
        STATUS = "status", _("status changed")
        ASSIGNED = "assigned", _("assigned")
        DISPATCHED = "dispatched", _("dispatched to a crew")
        PAUSED = "paused", _("clock paused")
        RESUMED = "resumed", _("clock resumed")
        CALL_JOINED = "call_joined", _("call joined")
        # The same caller (number or account) rang about this order again.
        REPEAT_CALL = "repeat_call", _("repeat call")
        REOPENED = "reopened", _("reopened")
        NOTE = "note", _("note")
        ESCALATED = "escalated", _("escalated")

    work_order = models.ForeignKey(
        WorkOrder, on_delete=models.CASCADE, related_name="events", verbose_name=_("work order")
    )
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("by"),
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    # A line the system wrote: what it says, drawn in the reader's language
    # (``servicedesk.history_notes``); ``note`` keeps its words in the station's language.
    note_code = models.CharField(max_length=40, blank=True)
    note_args = models.JSONField(default=dict, blank=True)

    station_field = "work_order__station"
    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("work order event")
        verbose_name_plural = _("work order events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.work_order.number} {self.get_kind_display()}"

    @property
    def shown_note(self) -> str:
        """The note in the reader's language when the system wrote it; as typed otherwise."""
        from powerdesk.servicedesk.history_notes import note_shown

        also: tuple[str, ...] = ()
        if self.kind in (self.Kind.CALL_JOINED, self.Kind.REPEAT_CALL):
            also = ("call_joined",)
        elif self.kind == self.Kind.ESCALATED:  # an unhappy callback's reason, stored before
            also = ("callback_still_not_fixed", "callback_score")
        return note_shown(self.note_code, self.note_args, self.note, also=also)

    @property
    def by_shown(self) -> str:
        """Who made the change: the person; else the API key a system made it with, as an
        outage's callback names it (``order_events.BY_KEY``: desk76's "—"); "" for neither."""
        if self.by_id is not None:
            return str(self.by)
        name = (self.note_args or {}).get("by_key")
        if isinstance(name, str) and name:
            return gettext("API key: %(name)s") % {"name": name}
        return ""

    @property
    def to_status_label(self) -> str:
        """The status the order went to, in words (the column stores its code)."""
        return _status_label(self.to_status)

    @property
    def from_status_label(self) -> str:
        return _status_label(self.from_status)


def _status_label(code: str) -> str:
    if code in WorkOrderStatus.values:
        return str(WorkOrderStatus(code).label)
    return code


class WorkOrderPhoto(models.Model):
    """A photo a crew took on site (the fault, the repair)."""

    work_order = models.ForeignKey(
        WorkOrder, on_delete=models.CASCADE, related_name="photos", verbose_name=_("work order")
    )
    image = models.FileField(_("photo"), upload_to="work-orders/%Y/%m/")
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    uploaded_at = models.DateTimeField(_("time"), auto_now_add=True)
    # SHA-256 of the bytes sent, so that the same photo sent again for the order (a double
    # click, a retry on a weak signal) is stored once (``order_photos.work_order_photo_once``);
    # empty for photos kept before it was.
    content_hash = models.CharField(max_length=64, blank=True, default="", editable=False)

    station_field = "work_order__station"
    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["work_order", "content_hash"],
                condition=~models.Q(content_hash=""),
                name="work_order_photo_once",
            )
        ]

    def __str__(self) -> str:
        return self.image.name or ""
