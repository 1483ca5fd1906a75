"""Telling people: a notice for each thing that happened, a delivery for each person and channel.

A ``Notice`` is one event (an outage known, power back, a crew dispatched) with a key that names
it, so that the same event is never raised twice. Each recipient's address on each channel gets
one ``Delivery`` (a phone shared by several households gets one), which the worker sends, retries
and records (``sending``). Texts are rendered from templates when first sent, in the recipient's
language (``texts``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from powerdesk.accounts.models import Station
from powerdesk.lib.models import HistoryRow, StationQuerySet


class Event(models.TextChoices):
    OUTAGE_KNOWN = "outage_known", _("outage known")
    ETR_MOVED = "etr_moved", _("restoration time moved")
    POWER_BACK = "power_back", _("power back")
    # A step of an outage gave part of its households power back: the webhook's event (the
    # households and liaisons are texted under ``POWER_BACK``, as the station chose for it).
    POWER_BACK_PART = "power_back_part", _("power back in part")
    PLANNED_ANNOUNCED = "planned_announced", _("planned outage announced")
    PLANNED_TOMORROW = "planned_tomorrow", _("planned outage tomorrow")
    CREW_DISPATCHED = "crew_dispatched", _("crew dispatched")
    ESCALATION = "escalation", _("escalation")
    ARREARS_NOTICE = "arrears_notice", _("arrears written notice")
    CALLBACK_DUE = "callback_due", _("callbacks due")
    # An urgent call (a danger, a medical need) kept without a work order by one who may not
    # open orders: the station's dispatchers are told at once (``servicedesk.call_urgent``).
    URGENT_CALL = "urgent_call", _("urgent call waiting for a work order")
    SMS_REPLY = "sms_reply", _("answer to a text message")
    # Work without an owner given to someone by the dispatcher or the chief: that person is told
    # in PowerDesk (``staff_notices.notify_work_given``).
    WORK_GIVEN = "work_given", _("work given to someone")
    # A role given or taken, a login reset by someone else, work at the station ended: the
    # station's chiefs are told in PowerDesk (``accounts.role_grants.staff_changed_tell``).
    STAFF_CHANGE = "staff_change", _("staff accounts changed")


class Audience(models.TextChoices):
    HOUSEHOLDS = "households", _("households under the outage (mobile phones)")
    LIAISONS = "liaisons", _("village liaisons and group leaders")
    CREW = "crew", _("the crew (by text message)")
    CHIEF = "chief", _("the station chief")
    OWNER = "owner", _("the owner of the work")
    OFFICE = "office", _("counter and dispatch staff")
    CUSTOMER = "customer", _("the household concerned")
    WEBHOOK = "webhook", _("the station's webhook")


class Channel(models.TextChoices):
    SMS = "sms", _("text message")
    EMAIL = "email", _("email")
    WEBHOOK = "webhook", _("webhook")
    IN_APP = "inapp", _("in PowerDesk")


class Notice(models.Model):
    """One event worth telling people about; ``key`` names it once per station."""

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    event = models.CharField(_("event"), max_length=20, choices=Event.choices)
    key = models.CharField(_("event key"), max_length=150)
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    # What the texts say, as it was when the event happened (times in ISO, codes not words):
    # a text sent after an hour of retries still says what the event said.
    facts = models.JSONField(_("facts"), default=dict)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["station", "key"], name="notice_once_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.get_event_display()} {self.key}"


class DeliveryState(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    DELIVERED = "delivered", _("delivered")
    FAILED_TEMPORARY = "failed_temporary", _("failed, will retry")
    FAILED_PERMANENT = "failed_permanent", _("failed")
    # Out of date before it went out (an estimate for an outage whose power is already back):
    # not sent, and not a failure to retry.
    WITHDRAWN = "withdrawn", _("not sent: out of date")


def new_message_id() -> str:
    return uuid.uuid4().hex


# Texts raised under another event's name (so that the station's choice of who hears of that
# event holds for them too) but which the messages page must not call by that name: a planned
# outage called off is not "a planned outage announced".
_TEXT_LABELS = {
    "planned_moved": _("planned outage moved"),
    "planned_cancelled": _("planned outage called off"),
}


class Delivery(models.Model):
    """One notice to one address on one channel: its attempts, errors and next try."""

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("notice")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=200)
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    template = models.CharField(_("text"), max_length=40)
    # Who it is for (one of them; the address is what counts for sending).
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    liaison = models.ForeignKey(
        "community.Liaison", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    crew = models.ForeignKey(
        "accounts.Crew", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=DeliveryState.choices, default=DeliveryState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    next_try_at = models.DateTimeField(_("next try"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    # The id the gateway is given: the same on every retry, so that it keeps one message.
    message_id = models.CharField(
        _("message id"), max_length=40, unique=True, default=new_message_id
    )
    text = models.TextField(_("text sent"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "channel", "address"], name="delivery_once_per_address"
            )
        ]
        indexes = [
            models.Index(fields=["state", "next_try_at"]),
            models.Index(fields=["station", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.address} {self.state}"

    @property
    def recipient(self) -> str:
        for who in (self.customer, self.liaison, self.crew, self.user):
            if who is not None:
                return str(who)
        return ""

    @property
    def failed(self) -> bool:
        return self.state in (DeliveryState.FAILED_PERMANENT, DeliveryState.FAILED_TEMPORARY)

    @property
    def event_label(self) -> str:
        """What the message was about, as the messages page lists it."""
        label = _TEXT_LABELS.get(self.template)
        return str(label) if label is not None else str(self.notice.get_event_display())


class DeliveryEvent(HistoryRow):
    """What happened to a delivery that staff did (a retry), or a gateway said (a receipt)."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryRow.Meta):
        verbose_name = _("text message event")
        verbose_name_plural = _("text message events")

    what = models.CharField(_("what"), max_length=20)

    station_field = "delivery__station"
    objects = StationQuerySet.as_manager()

    def __str__(self) -> str:
        return self.what


class NotifySettings(models.Model):
    """A station's choice of who is told of what, and where its webhook and emails go."""

    station = models.OneToOneField(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    rules = models.JSONField(_("who is told of what"), default=dict)
    webhook_url = models.URLField(_("webhook address"), blank=True)
    webhook_secret = models.CharField(_("webhook secret"), max_length=100, blank=True)
    email_staff = models.BooleanField(_("also email staff who have an address"), default=False)
    sms_staff = models.BooleanField(_("also text staff who have a mobile phone"), default=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"notification settings of station {self.station_id}"


class NotifySettingsChange(HistoryRow):
    """The history of a station's notification settings (who changed what)."""

    settings = models.ForeignKey(NotifySettings, on_delete=models.CASCADE, related_name="history")
    # What changed as codes, ``[[name, before, after], ...]`` (an event's audiences as lists):
    # the page words them in the reader's language. ``note`` keeps the same in plain codes.
    changes = models.JSONField(_("changes"), default=list, blank=True)

    station_field = "settings__station"
    objects = StationQuerySet.as_manager()

    def __str__(self) -> str:
        return self.note

    @property
    def lines(self) -> list[str]:
        """Each change in words: "outage known: households, liaisons → liaisons"."""
        from powerdesk.notifications.settings_words import change_lines

        return change_lines(self.changes) if self.changes else [self.note]


class InboundSms(models.Model):
    """A villager's text message, taken once by the gateway's id, and what became of it."""

    class Intent(models.TextChoices):
        REPORT = "report", _("reports a problem")
        QUERY = "query", _("asks about the area")
        POWER_BACK = "yes", _("power is back")
        STILL_OFF = "no", _("still no power")
        ACCOUNT = "account", _("gave an account number")
        UNKNOWN_NUMBER = "unknown_number", _("number not on file")
        OTHER = "other", _("other")
        LIMITED = "limited", _("too many messages")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    message_id = models.CharField(_("gateway's id"), max_length=100)
    from_number = models.CharField(pgettext_lazy("sender", "from"), max_length=40)
    from_e164 = models.CharField(max_length=20, blank=True, db_index=True)
    text = models.CharField(_("text"), max_length=1000)
    received_at = models.DateTimeField(_("received"))
    taken_at = models.DateTimeField(_("taken"), auto_now_add=True)
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    intent = models.CharField(_("what it says"), max_length=20, choices=Intent.choices)
    call = models.ForeignKey(
        "servicedesk.Call", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reply = models.ForeignKey(
        Delivery, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("text message received")
        verbose_name_plural = _("text messages received")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["station", "message_id"], name="inbound_sms_once_per_id"
            )
        ]
        indexes = [models.Index(fields=["station", "from_e164", "taken_at"])]

    def __str__(self) -> str:
        return f"{self.from_number}: {self.text[:20]}"


class SmsQuestion(models.Model):
    """ "电来了吗？" asked of a household after a restore, and its answer (1 or 2)."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="+")
    number = models.CharField(max_length=20, db_index=True)
    outage = models.ForeignKey("outages.Outage", on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey("customers.Customer", on_delete=models.CASCADE, related_name="+")
    asked_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(max_length=1, blank=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        ordering = ["-asked_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["outage", "customer", "number"], name="sms_question_once"
            )
        ]

    def __str__(self) -> str:
        return f"asked {self.number} after outage {self.outage_id}"
