"""An arrears case and the steps before any disconnection, each recorded."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from powerdesk.accounts.models import Station
from powerdesk.customers.models import Customer
from powerdesk.lib.language import station_language
from powerdesk.lib.models import HistoryRow, StationQuerySet


class ArrearsCase(models.Model):
    class Stage(models.TextChoices):
        OPEN = "open", _("in arrears")
        NOTICE_GIVEN = "notice_given", _("notice given")
        LIAISON_CONTACTED = "liaison_contacted", _("village liaison contacted")
        CHECKED = "checked", _("household checked")
        APPROVED = "approved", _("disconnection approved")
        DISCONNECTED = "disconnected", _("disconnected")
        PAID = "paid", _("paid")

    class Check(models.TextChoices):
        CLEAR = "clear", _("nothing against disconnection")
        ESCALATE = "escalate", _("the chief must weigh it")
        BLOCK = "block", _("must not be disconnected")

    class NoticeMethod(models.TextChoices):
        IN_PERSON = "in_person", _("handed over in person")
        DOOR = "door", _("posted on the door")
        LIAISON = "liaison", _("through the village liaison")
        SMS = "sms", _("text message")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="arrears_cases", verbose_name=_("station")
    )
    customer = models.ForeignKey(
        Customer, on_delete=models.PROTECT, related_name="arrears_cases", verbose_name=_("customer")
    )
    amount = models.DecimalField(_("amount owed (yuan)"), max_digits=10, decimal_places=2)
    owed_since = models.DateField(_("owed since"))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.OPEN)
    notice_delivered_at = models.DateTimeField(_("notice delivered"), null=True, blank=True)
    notice_method = models.CharField(
        _("how"), max_length=12, choices=NoticeMethod.choices, blank=True
    )
    liaison_contacted_at = models.DateTimeField(_("liaison contacted"), null=True, blank=True)
    liaison_outcome = models.CharField(_("what the liaison said"), max_length=300, blank=True)
    check_result = models.CharField(
        _("household check"), max_length=10, choices=Check.choices, blank=True
    )
    situation = models.TextField(_("the household's situation"), blank=True)
    # The words the check read in the situation and the liaison's words ("制氧机、老人"), most
    # serious first: the page says them, so the chief sees why (``arrears.vulnerable``).
    check_read = models.CharField(_("words the check read"), max_length=100, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approval_reason = models.CharField(_("why, despite the check"), max_length=300, blank=True)
    # The station chief's own look at a household blocked by the words of its check alone
    # (``arrears.lift``): who visited, when, what they found, the statement that no one at home
    # depends on power for life, and the words it lifted (a word not among them blocks again).
    lift_visited_by = models.CharField(_("who visited"), max_length=100, blank=True)
    lift_visited_at = models.DateTimeField(_("visited at"), null=True, blank=True)
    lift_found = models.TextField(_("what the visit found"), blank=True)
    lift_no_life_support = models.BooleanField(
        _("no one at home depends on power for life"), default=False
    )
    lift_words = models.JSONField(_("words the visit lifted"), default=list, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("block lifted by"),
    )
    lifted_at = models.DateTimeField(_("block lifted at"), null=True, blank=True)
    # When the words the check reads were last recorded (the liaison's, the situation seen): a
    # later visit than them lifts them, an earlier one saw what they say before it was said.
    words_at = models.DateTimeField(_("words recorded at"), null=True, blank=True)
    # What blocks a disconnection now (``blocks.block_of``: care_flag, words, check; "" when
    # nothing does), stored so that lists filter on it: written at every save of the case
    # (``save``) and when the customer's medical-need flag changes (``blocks.blocks_followed``).
    blocked_by = models.CharField(_("blocked by"), max_length=10, blank=True, default="")
    disconnected_at = models.DateTimeField(_("disconnected at"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    reconnection = models.ForeignKey(
        "servicedesk.WorkOrder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reconnection work order"),
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)

    # Not stored: what recording the household's words later did (``words_later``): how many
    # chiefs were told of a cut household's need, and whether the words were the same ones sent
    # again (recorded once, answered as a replay).
    chiefs_told: int = 0
    said_again: bool = False
    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("arrears case")
        verbose_name_plural = _("arrears cases")
        ordering = ["-opened_at"]
        indexes = [
            # The chief's approvals (checked, nothing blocking) and the list's blocked filter.
            models.Index(fields=["station", "stage", "blocked_by"], name="arrears_stage_block_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.customer} ¥{self.amount}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saved with what blocks it now (``blocks.block_of``), whatever step saved it."""
        from powerdesk.arrears.blocks import block_of

        if self.customer_id is not None and "customer" in self._state.fields_cache:
            # The care flags as they are now, not as the step's page loaded them: set on the
            # customer's record meanwhile, the flag is what is stored (review73, M2).
            self.customer.refresh_from_db(
                fields=["medical_need", "elderly_alone", "hardship", "important"]
            )
        self.blocked_by = block_of(self)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "blocked_by"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("arrears:case", args=[self.pk])


# The stage of the history line the station chief's visit finding writes (the case's own stage
# stays): "checked" was the clerk's look, this one is the chief's (walk72b, L3).
LIFTED = "lifted"


class ArrearsEvent(HistoryRow):
    """The append-only history of a case."""

    case = models.ForeignKey(ArrearsCase, on_delete=models.CASCADE, related_name="events")

    class Meta(HistoryRow.Meta):
        verbose_name = _("arrears case event")
        verbose_name_plural = _("arrears case events")

    stage = models.CharField(_("stage"), max_length=20)
    # A line the system wrote ("written notice sent by text message"): what it says, drawn in
    # the reader's language (``servicedesk.history_notes``); ``note`` keeps the station's words.
    note_code = models.CharField(max_length=40, blank=True)
    note_args = models.JSONField(default=dict, blank=True)

    station_field = "case__station"
    objects = StationQuerySet.as_manager()

    def __str__(self) -> str:
        return self.stage_label

    @property
    def stage_label(self) -> str:
        """The stage the case reached, in words (the column stores its code)."""
        if self.stage in ArrearsCase.Stage.values:
            return str(ArrearsCase.Stage(self.stage).label)
        if self.stage == LIFTED:
            return str(_("block lifted after the chief's visit"))
        return self.stage

    @property
    def note_shown(self) -> str:
        """The note in the page's language where it is a choice: how the notice was delivered
        is stored as its code (and was stored as its Chinese label before), and so is the
        household check's result before the situation seen. A line the system wrote is said in
        the reader's language (by its code, or by its wording for a line stored before)."""
        from powerdesk.servicedesk.history_notes import note_shown

        if self.note_code or self.stage == ArrearsCase.Stage.OPEN:
            return note_shown(self.note_code, self.note_args, self.note)
        if self.stage == ArrearsCase.Stage.NOTICE_GIVEN:
            method = _code_of(ArrearsCase.NoticeMethod, self.note)
            if method is not None:
                return str(ArrearsCase.NoticeMethod(method).label)
        if self.stage == ArrearsCase.Stage.CHECKED:
            for separator in (":", "："):
                label, found, rest = self.note.partition(separator)
                check = _code_of(ArrearsCase.Check, label) if found else None
                if check is not None:
                    return "%s%s%s" % (  # noqa: UP031 (three parts, one of them translated)
                        ArrearsCase.Check(check).label,
                        pgettext("label separator", ": "),
                        rest,
                    )
        return self.note


def check_in_note(note: str) -> str | None:
    """The household check's result a check line's note opens with ("clear:…", or its label
    before the codes), read with either colon; None for a note that opens with none."""
    for separator in (":", "："):
        label, found, _rest = note.partition(separator)
        check = _code_of(ArrearsCase.Check, label) if found else None
        if check is not None:
            return check
    return None


def _code_of(choices: type[models.TextChoices], said: str) -> str | None:
    """The code of a choice stored as its code, or as its label in the station's language."""
    if said in choices.values:
        return said
    with station_language():
        labels = {str(label): code for code, label in choices.choices}
    return labels.get(said)
