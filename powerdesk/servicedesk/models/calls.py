"""Calls to the station, corrections of the categories the classifier suggested, and the
callbacks a station owes its callers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.accounts.models.made_by import api_key_field, who_made
from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.models import Customer
from powerdesk.lib.models import StationQuerySet
from powerdesk.lib.phones import format_phone
from powerdesk.servicedesk.models.core import Category, WorkOrder


class Call(models.Model):
    """A telephone call to the station, answered or not."""

    class Status(models.TextChoices):
        ANSWERED = "answered", _("answered")
        MISSED = "missed", _("missed")
        ABANDONED = "abandoned", _("abandoned")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="calls", verbose_name=_("station")
    )
    received_at = models.DateTimeField(_("received at"))
    caller_number = models.CharField(_("caller number"), max_length=40, blank=True)
    caller_e164 = models.CharField(
        _("caller (normalised)"), max_length=20, blank=True, db_index=True
    )
    cti_call_id = models.CharField(_("telephone system call id"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ANSWERED
    )
    customer = models.ForeignKey(
        Customer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("customer"),
    )
    text = models.TextField(_("note"), blank=True)
    # What is known of a caller the station cannot find from the number, and where the
    # problem is ("村口", "3号杆旁") when it is not at the caller's home.
    caller_name = models.CharField(_("caller's name"), max_length=60, blank=True)
    village = models.ForeignKey(
        Village,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("village"),
    )
    group = models.ForeignKey(
        VillageGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("village group"),
    )
    # The village liaison (committee member, group leader) who rang from their own number: not a
    # customer account, but known to the station (walk74, M1; ``community.liaison_calls``).
    liaison = models.ForeignKey(
        "community.Liaison",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("village liaison"),
    )
    place = models.CharField(_("where"), max_length=200, blank=True)
    answer = models.TextField(_("what the caller was told"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)
    suggested_category = models.CharField(_("suggested category"), max_length=20, blank=True)
    suggestion_confidence = models.FloatField(_("suggestion confidence"), null=True, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    # Why it was urgent as the rules read its note when it was taken (each danger's code, and
    # "medical"), kept: a later round of the rules does not change why (review38, 15). None: a
    # call stored before this was kept, read anew (``urgent_reasons``).
    urgent_codes = models.JSONField(_("why urgent"), null=True, blank=True, default=None)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls_taken",
        verbose_name=_("taken by"),
    )
    work_order = models.ForeignKey(
        WorkOrder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("work order"),
    )
    # A second matter of the call (``second_order``): its note told the power off beside another
    # errand ("电费卡里钱扣多了，灯也不亮"), and the desk opened a fault-repair order for it too,
    # beside the order of the call's own category. One per call, however often it is asked.
    fault_order = models.OneToOneField(
        WorkOrder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="second_matter_call",
        verbose_name=_("fault repair order too"),
    )
    # The caller had rung about its work order before (``servicedesk.repeats``): counted on the
    # order, which shows how often someone had to chase it.
    is_repeat = models.BooleanField(_("repeat call"), default=False)
    # Taken by someone who may not open work orders (the administrator at the phone) and of a
    # kind that wants one: the desk opens it from the call (``call_order``).
    needs_order = models.BooleanField(_("waiting for a work order"), default=False)
    # Taken below the engine's prediction on this device by someone who may not record outages
    # (the administrator at the phone): kept with no order, and joined to the outage's work
    # order when staff record the outage (``outages.joined.outage_join_open_orders``).
    awaits_outage_on = models.ForeignKey(
        "network.GridNode",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("waits for the outage on"),
    )
    called_back_at = models.DateTimeField(_("called back at"), null=True, blank=True)
    called_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("called back by"),
    )

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["station", "status", "called_back_at"])]
        # The telephone system sends an event again when it gets no answer: one call per id.
        constraints = [
            models.UniqueConstraint(
                fields=["station", "cti_call_id"],
                condition=~models.Q(cti_call_id=""),
                name="call_cti_call_id_once",
            )
        ]

    def __str__(self) -> str:
        return f"{localtime(self.received_at):%Y-%m-%d %H:%M} {self.caller_number}"

    @property
    def number_shown(self) -> str:
        """The number as staff write it ("188 7049 5863"), also for a call stored before numbers
        were kept so (as typed: "18870495863", "188-7049-5863")."""
        return format_phone(self.caller_e164) if self.caller_e164 else self.caller_number

    @property
    def urgent_why(self) -> str:
        """Why an urgent call is urgent, in the reader's words (the dangers and a medical need at
        home its note names: "a medical need at home"), "" for a call that is not urgent or
        that a clerk marked urgent without any of them named (walk37, 1: the order and the
        crew's card show it beside the call's words)."""
        from powerdesk.servicedesk.urgent_why import reasons_said

        return reasons_said(self.urgent_code_list)

    @property
    def urgent_reasons(self) -> list[str]:
        """``urgent_why``'s reasons one by one (none for a call that is not urgent), in the
        order and words every place says them (``urgent_why.reasons_in_order``)."""
        from powerdesk.servicedesk.urgent_why import reason_words, reasons_in_order

        return [reason_words(code) for code in reasons_in_order(self.urgent_code_list)]

    @property
    def urgent_code_list(self) -> list[str]:
        """The codes of ``urgent_reasons``: those kept as the call was taken (``urgent_codes``),
        read anew only for a call stored before they were; none for a call not urgent."""
        if not self.urgent:
            return []
        return codes_kept_or_read(self.urgent_codes, self.text)

    @property
    def needs_callback(self) -> bool:
        return self.status != self.Status.ANSWERED and self.called_back_at is None


MEDICAL_CODE = "medical"  # a medical need at home, among a call's ``urgent_codes``


def codes_kept_or_read(kept: list[str] | None, text: str) -> list[str]:
    """An urgent call's reasons: its ``urgent_codes`` as kept, else read from its ``text`` (a
    call stored before they were kept)."""
    return [str(code) for code in (urgent_codes_of(text) if kept is None else kept)]


def urgent_codes_of(text: str) -> list[str]:
    """Why a note is urgent by the rules: each danger's code, then ``MEDICAL_CODE``."""
    if not text.strip():
        return []
    from powerdesk.servicedesk.understanding.urgency import findings

    found = findings(text)
    return [*found.dangers, *([MEDICAL_CODE] if found.medical else [])]


class CategoryCorrection(models.Model):
    """A call whose suggested category staff changed: kept as labelled data for retraining."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="+")
    call = models.OneToOneField(Call, on_delete=models.CASCADE, related_name="correction")
    text = models.TextField()
    suggested = models.CharField(max_length=20)
    category = models.CharField(max_length=20, choices=Category.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("category correction")
        verbose_name_plural = _("category corrections")

    def __str__(self) -> str:
        return f"{self.suggested} → {self.category}"


class Callback(models.Model):
    """A call to the customer after the work is done (回访)."""

    class Outcome(models.TextChoices):
        REACHED = "reached", _("reached")
        NOT_REACHED = "not_reached", _("not reached")
        RETRY = "retry", _("retry later")

    work_order = models.ForeignKey(
        WorkOrder, on_delete=models.CASCADE, related_name="callbacks", verbose_name=_("work order")
    )
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # Made with an API key (a system's: no person, ``by`` None); named as who (``by_said``).
    by_key = api_key_field(_("tried with the API key"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction (1-5)"), null=True, blank=True)
    still_not_fixed = models.BooleanField(_("still not fixed"), default=False)
    comment = models.TextField(_("comment"), blank=True)

    station_field = "work_order__station"
    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("callback")
        verbose_name_plural = _("callbacks")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.work_order.number} {self.get_outcome_display()}"

    @property
    def by_said(self) -> str:
        """Who made it: the person, or the API key ("接口令牌：县公司看板"), as an outage's
        callback names its tries (``accounts.models.made_by.who_made``); "" not known."""
        return who_made(self.by, self.by_key)

    @property
    def comment_shown(self) -> str:
        """The comment in the reader's language when the system wrote it (a household's "1"
        by text after a restore, recognised by the station's wording); as typed otherwise."""
        from powerdesk.servicedesk.history_notes import note_recognised, note_shown

        # Only the system's own callback comment: a typed comment that reads like another
        # system line ("班组已接单") is shown as typed.
        found = note_recognised(self.comment, ("sms_power_back",))
        if found is None:
            return self.comment
        return note_shown(*found, self.comment)
