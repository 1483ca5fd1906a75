"""A household to call back after an outage's power is back (回访), its tries and outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models.made_by import api_key_field, who_made
from powerdesk.lib.models import StationQuerySet
from powerdesk.outages.models.records import Outage
from powerdesk.servicedesk.models.calls import Callback

if TYPE_CHECKING:
    from powerdesk.accounts.models import User


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
    # The dangers the household's calls named ("arcing or sparks": the rules' codes, as kept
    # with the call): power back does not mean they are gone, the callback asks (walk41, 7).
    dangers = models.JSONField(_("dangers reported"), default=list, blank=True)
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
    # The household called about it (its call is on an order of the outage, or of another
    # outage restored while this one still kept it dark), whatever the reason it is listed for:
    # asked by text whether its power is back (``power_back._callers``).
    called = models.BooleanField(_("called about it"), default=False)
    # Power came back to the household at a step of the outage, before its restore: called back
    # from then, the outage still open (``outage_callbacks.callbacks_back_at_step``).
    back_at = models.DateTimeField(_("power back at"), null=True, blank=True)
    # The last try's outcome, as a work order's callback has them (``Callback.Outcome``; "" not
    # tried yet): reached ends it (``done_at``), not reached or retry later keep it due, each try
    # counted (``attempts``, the last at ``tried_at``); after ``outage_callback_record.
    # GIVE_UP_AFTER`` tries the chief may give it up, a recorded decision (``given_up``).
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Callback.Outcome.choices, blank=True
    )
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction (1-5)"), null=True, blank=True)
    # Reached, and the power is still off or the danger still there: a fault order is opened.
    still_off = models.BooleanField(_("power still off or danger still there"), default=False)
    attempts = models.PositiveSmallIntegerField(_("tries"), default=0)
    tried_at = models.DateTimeField(_("last tried at"), null=True, blank=True)
    # Who made the last try (``last_tried_by``: a row reached before it was kept, who reached
    # it); two clerks each trying are two tries, one clerk's try sent again within
    # ``SAME_TRY_WITHIN`` one (``outage_callback_record``), as on a work order.
    tried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last tried by"),
    )
    # The last try made with an API key (by a system, so no person: ``tried_by`` None).
    tried_by_key = api_key_field(_("last tried with the API key"))
    given_up = models.BooleanField(_("given up by the chief"), default=False)
    # Why the chief gave it up (the last time); ``note`` keeps the last try's (walk69, L1).
    given_up_why = models.CharField(_("why given up"), max_length=300, blank=True)
    # The chief put a household given up back on the list (恢复回访), saying why: the last time,
    # who and why (each time is a line of the outage's history too, ``callback_put_back``).
    put_back_at = models.DateTimeField(_("put back at"), null=True, blank=True)
    put_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("put back by"),
    )
    put_back_why = models.CharField(_("why put back"), max_length=300, blank=True)
    # One call, counted once (review68, 3): a household on this list with its own order's
    # callback due too is settled on both by one call (``callbacks_household``). The side the
    # call settled without being made there is marked, and the figures (the monthly report,
    # /figures/service/, satisfaction) leave it out: ``settled_by_order``, the order's callback
    # whose call settled this row (counted there, not here); ``order_settled``, the order's
    # callback this row's call recorded too (counted here, not there).
    settled_by_order = models.ForeignKey(
        Callback,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("settled by the order's callback"),
    )
    order_settled = models.OneToOneField(
        Callback,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="settled_on_list",
        verbose_name=_("the order's callback it settled"),
    )

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

    def get_absolute_url(self) -> str:
        """Where the household's place on the outage's list is shown (walk73b 5): its row on
        the callbacks page while it is to call (or given up, the outage not closed), else the
        outage among those recently restored, with its households tried."""
        from django.urls import reverse

        if self.done_at is None and (
            self.outage.status == Outage.Status.RESTORED or self.back_at is not None
        ):
            return reverse("servicedesk:callbacks") + f"#outage-callback-{self.pk}"
        if self.given_up and not self.outage.events.filter(what="closed").exists():
            return reverse("servicedesk:callbacks") + f"#given-up-{self.pk}"
        return reverse("outages:list") + f"#restored-{self.outage_id}"

    @property
    def last_tried_by(self) -> User | None:
        """Who made the last try: ``tried_by``; a household reached before it was kept, who
        reached it (``done_by``). None: not known, or tried by the system (a text's answer)."""
        if self.tried_by_id is not None or self.outcome != Callback.Outcome.REACHED:
            return self.tried_by
        return self.done_by

    @property
    def tried_by_said(self) -> str:
        """Who made the last try, as the page, the API and the file name them: the person, or
        the API key it was made with ("接口令牌：县公司看板"); "" when not known."""
        return who_made(self.last_tried_by, self.tried_by_key)

    @property
    def tries_not_kept(self) -> int:
        """How many of its counted tries were made before each was kept (outages 0028 kept
        only the last): ``attempts`` less those kept of the list's own (an order's call that
        settled it is kept, counted on the order). Reads ``tries.all()``: prefetch it."""
        kept = len(self.tries.all()) - (1 if self.settled_by_order_id else 0)
        return max(self.attempts - kept, 0)

    @property
    def dangers_shown(self) -> str:
        """The dangers its calls reported, as the clerk asks about them ("险情：放电打火"); ""
        for none."""
        if not self.dangers:
            return ""
        from django.utils.translation import gettext, pgettext

        from powerdesk.servicedesk.safety import DANGER_LABELS

        return gettext("Danger: %(dangers)s") % {
            "dangers": pgettext("list separator", ", ").join(
                str(DANGER_LABELS.get(code, code)) for code in self.dangers
            )
        }


class OutageCallbackTry(models.Model):
    """One try at calling a household on an outage's callback list: who, when, what came of it
    and what they noted, kept as it was recorded (append-only: ``save`` refuses a change). The
    callback's own ``outcome``, ``attempts``, ``tried_at``, ``tried_by`` and ``note`` are its
    last try's and the count, written in the same transaction by the one service that adds a
    try (``callback_tries.try_add``). A household tried before tries were kept has one, its
    stored last try (outages 0027); its ``attempts`` may count more than are kept."""

    callback = models.ForeignKey(
        OutageCallback, on_delete=models.CASCADE, related_name="tries", verbose_name=_("callback")
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Callback.Outcome.choices)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction (1-5)"), null=True, blank=True)
    still_off = models.BooleanField(_("power still off or danger still there"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # None: the household's own answer by text ("1"), or a person not known (before 0026).
    tried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tried by"),
    )
    # Made with an API key (a system's: no person); shown as who (``tried_by_said``).
    tried_by_key = api_key_field(_("tried with the API key"))
    tried_at = models.DateTimeField(_("tried at"), db_index=True)

    class Meta:
        verbose_name = _("callback try")
        verbose_name_plural = _("callback tries")
        ordering = ["tried_at", "pk"]

    def __str__(self) -> str:
        return f"try {self.pk} of callback {self.callback_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("A callback's try is kept as it was recorded: never changed.")
        super().save(*args, **kwargs)

    @property
    def tried_by_said(self) -> str:
        """Who made it: the person, or the API key ("接口令牌：县公司看板"); "" not known."""
        return who_made(self.tried_by, self.tried_by_key)
