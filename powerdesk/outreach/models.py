"""Outreach visits (用电宣传) and the hotline cards (便民服务卡) households have received."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.models import Customer
from powerdesk.lib.models import HistoryRow, StationQuerySet


class Topic(models.TextChoices):
    SAFE_USE = "safe_use", _("safe use of electricity")
    SENSIBLE_USE = "sensible_use", _("sensible use and saving")
    ANTI_THEFT = "anti_theft", _("anti-theft and protecting the grid")
    TARIFFS = "tariffs", _("tariffs and paying bills")
    REPORTING = "reporting", _("how to report faults")
    CLEARANCE = "clearance", _("trees and buildings near lines")


class OutreachVisit(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="outreach_visits", verbose_name=_("station")
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=100)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="outreach_visits", verbose_name=_("staff")
    )
    villages = models.ManyToManyField(Village, related_name="visits", verbose_name=_("villages"))
    groups = models.ManyToManyField(
        VillageGroup, blank=True, related_name="visits", verbose_name=_("village groups")
    )
    topics = models.JSONField(_("topics"), default=list)
    households_reached = models.PositiveIntegerField(_("households reached"), default=0)
    materials = models.CharField(_("materials handed out"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The one-time token of the page that planned it: the same page sent again (a double
    # click, a retry, the page sent twice at once) is this visit, not a second one (probe71 M1).
    form_token = models.CharField(max_length=64, blank=True, default="", editable=False)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("outreach visit")
        verbose_name_plural = _("outreach visits")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["station", "date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["station", "form_token"],
                condition=~models.Q(form_token=""),
                name="outreach_visit_planned_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("outreach:visit", args=[self.pk])

    def topic_labels(self) -> list[str]:
        labels = dict(Topic.choices)
        return [str(labels.get(t, t)) for t in self.topics]


class OutreachVisitEvent(HistoryRow):
    """The visit's history: planned, changed, recorded as done, cancelled."""

    class Meta(HistoryRow.Meta):
        verbose_name = _("outreach visit event")
        verbose_name_plural = _("outreach visit events")

    # What happened, beyond the visit's statuses (kept as a plain column: its codes are
    # shown through ``what_label``).
    WHAT = {
        "photo": _("photo added"),
        "cards": _("hotline cards handed out"),
        "staff": _("who goes changed"),
    }

    visit = models.ForeignKey(OutreachVisit, on_delete=models.CASCADE, related_name="events")
    what = models.CharField(_("what"), max_length=20)
    # A line the system wrote ("120 households reached"): what it says, drawn in the reader's
    # language (``servicedesk.history_notes``); ``note`` keeps its words in the station's.
    note_code = models.CharField(max_length=40, blank=True)
    note_args = models.JSONField(default=dict, blank=True)

    station_field = "visit__station"
    objects = StationQuerySet.as_manager()

    @property
    def what_label(self) -> str:
        if self.what in OutreachVisit.Status.values:
            return str(OutreachVisit.Status(self.what).label)
        return str(self.WHAT.get(self.what, self.what))

    @property
    def note_shown(self) -> str:
        """The note in the reader's language when the system wrote it; as typed otherwise."""
        from powerdesk.servicedesk.history_notes import note_shown

        return note_shown(self.note_code, self.note_args, self.note)


class VisitPhoto(models.Model):
    visit = models.ForeignKey(
        OutreachVisit, on_delete=models.CASCADE, related_name="photos", verbose_name=_("visit")
    )
    image = models.FileField(_("photo"), upload_to="outreach/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # SHA-256 of the bytes sent, so that the same photo sent again for the visit (a double
    # click, a retry) is stored once (``services.visit_photo_once``); empty for photos kept
    # before it was.
    content_hash = models.CharField(max_length=64, blank=True, default="", editable=False)

    station_field = "visit__station"
    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "content_hash"],
                condition=~models.Q(content_hash=""),
                name="visit_photo_once",
            )
        ]

    def __str__(self) -> str:
        return self.caption or str(self.image.name)


class HotlineCard(models.Model):
    """A household received the card with 95598 and the station's own number."""

    class Channel(models.TextChoices):
        VISIT = "visit", _("at an outreach visit")
        LIAISON = "liaison", _("through the village liaison")
        COUNTER = "counter", _("at the counter")
        CREW = "crew", _("by a crew on a job")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="hotline_cards", verbose_name=_("customer")
    )
    given_on = models.DateField(_("given on"))
    channel = models.CharField(_("how"), max_length=12, choices=Channel.choices)
    visit = models.ForeignKey(
        OutreachVisit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cards",
        verbose_name=_("visit"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("hotline card")
        verbose_name_plural = _("hotline cards")
        ordering = ["-given_on"]
        indexes = [models.Index(fields=["station", "customer"])]

    def __str__(self) -> str:
        return f"{self.customer} {self.given_on:%Y-%m-%d}"
