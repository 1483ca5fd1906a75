"""What follows a call: promises kept, suggestions and praise answered, and the notifications
that escalate what is late (hard problems followed for months: ``hard_problems``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from powerdesk.accounts.models import Station
from powerdesk.customers.models import Customer
from powerdesk.lib.models import StationQuerySet
from powerdesk.servicedesk.models.calls import Call
from powerdesk.servicedesk.models.core import WorkOrder
from powerdesk.servicedesk.models.hard_problems import HardProblem


class Promise(models.Model):
    """What staff told a customer would happen, and by when (承诺)."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        KEPT = "kept", _("kept")
        BROKEN = "broken", _("broken")
        # Done, but after its time (said with the time it was done: walk74 finding 7): neither
        # kept on time nor never done, counted apart.
        KEPT_LATE = "kept_late", _("kept late")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="promises", verbose_name=_("station")
    )
    work_order = models.ForeignKey(
        WorkOrder,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="promises",
        verbose_name=_("work order"),
    )
    customer = models.ForeignKey(
        Customer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="promises",
        verbose_name=_("customer"),
    )
    text = models.CharField(_("what was promised"), max_length=200)
    due_at = models.DateTimeField(pgettext_lazy("deadline", "by"))
    made_at = models.DateTimeField(_("made at"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    # Why a promise was marked not kept (said by whoever marked it; the system says nothing).
    settled_note = models.CharField(_("why not kept"), max_length=200, blank=True)
    # When it was done, as the clerk said it (at or before ``settled_at``, never before it was
    # made), and who said so: a promise kept but recorded after its time, even one the
    # escalation job broke meanwhile (walk74 finding 7).
    kept_at = models.DateTimeField(_("kept at"), null=True, blank=True)
    kept_said_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kept said by"),
    )

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("promise")
        verbose_name_plural = _("promises")
        ordering = ["due_at"]
        indexes = [models.Index(fields=["station", "state", "due_at"])]

    def __str__(self) -> str:
        return self.text


class Feedback(models.Model):
    """A suggestion or a word of praise, reviewed and answered."""

    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", _("suggestion")
        PRAISE = "praise", _("praise")

    class State(models.TextChoices):
        NEW = "new", _("new")
        REVIEWED = "reviewed", _("reviewed")
        ANSWERED = "answered", _("answered")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("station")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("what was said"))
    customer = models.ForeignKey(
        Customer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("customer"),
    )
    call = models.OneToOneField(
        Call, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback"
    )
    received_at = models.DateTimeField(_("received"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.NEW)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The answers it had before its answerer corrected it, oldest first: {"by", "by_id", "at"
    # (ISO time), "answer"} (``feedback.feedback_answer``).
    answer_history = models.JSONField(_("earlier answers"), default=list, blank=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("suggestion or praise")
        verbose_name_plural = _("suggestions and praise")
        ordering = ["state", "-received_at"]

    def __str__(self) -> str:
        return self.text[:40]


class Notification(models.Model):
    """A notice to a person (the owner, the chief) that something is late or about to be.

    ``key`` names the occasion: an order late on its current deadline, a given callback, a
    revisit due on a given day. A person is told once per occasion, so an order that is late
    again after being reopened, or a second unhappy callback, is told again.
    """

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("due soon")
        OVERDUE = "overdue", _("overdue")
        PROMISE_DUE = "promise_due", _("promise due")
        PROMISE_BROKEN = "promise_broken", _("promise broken")
        UNHAPPY = "unhappy", _("unhappy customer")
        CALLBACK_OVERDUE = "callback_overdue", _("callback overdue")
        REVISIT_MISSED = "revisit_missed", _("hard problem revisit missed")
        # A step of a hard problem's plan past its due date, not done (walk74, 3).
        STEP_OVERDUE = "step_overdue", _("hard problem step overdue")
        CALL_NOT_RETURNED = "call_not_returned", _("missed call not returned")
        # An urgent call kept without a work order (the administrator took it): to the
        # dispatchers at once, and again with the chief when its commitment has passed.
        URGENT_CALL = "urgent_call", _("urgent call waiting for a work order")
        # Through the notifications app: news of an outage, and callbacks due after one.
        OUTAGE = "outage", _("outage")
        CALLBACKS_DUE = "callbacks_due", _("callbacks due")
        # Work without an owner given to the person by the dispatcher or the chief (``ownership``):
        # never when they took it themselves.
        WORK_GIVEN = "work_given", _("work given to you")
        # A job sent to the person's crew (an order, an outage), or taken off it (sent to
        # another crew): what the crew's text message says, in PowerDesk too
        # (``staff_notices.notify_crew_dispatched``, ``notify_crew_taken_off``).
        CREW_JOB = "crew_job", _("your crew's jobs")
        # A job taken off the crew (called back, sent to another crew), and a job of the crew
        # turned urgent or given a new urgent reason: each its own label (walk40, 12).
        CREW_TAKEN_OFF = "crew_taken_off", _("job taken off your crew")
        CREW_URGENT = "crew_urgent", _("your crew's job urgent")
        # A role given or taken, a password reset by someone else, a person's work ended: told
        # to the station's chiefs (``accounts.role_grants.staff_changed_tell``).
        STAFF_CHANGE = "staff_change", _("staff accounts changed")
        # A household cut off for arrears names a medical need since: told to the station's
        # chiefs at once (``arrears.cut_need``; review74, L5).
        CUT_NEED = "cut_need", _("household cut off names a medical need")

    class ReadReason(models.TextChoices):
        READ = "", _("read")
        ORDER_FINISHED = "order_finished", pgettext_lazy("notice", "order finished")
        # An urgent call's order was opened (by anyone): the notice that it waits for one is
        # done with (``notices.notices_call_ordered``).
        ORDER_OPENED = "order_opened", _("work order opened")
        # Why a broken promise was not kept was recorded (``promise_explain``): the notice
        # that it was broken is done with, for everyone told (walkthrough 33, finding 4).
        WHY_RECORDED = "why_recorded", _("why recorded")
        # A promise was settled (kept, or broken: by hand, by its time passing, by power back):
        # the notice that it is due soon is done with, for everyone told (walkthrough 34, 2).
        PROMISE_SETTLED = "promise_settled", _("promise settled")
        # Work given to the person (``WORK_GIVEN``): they opened it, it went to someone else (handed
        # back as their work at the station ended, then given again), or it was done (the order
        # closed, the problem solved, the step done): nothing is left to tell them.
        OPENED = "opened", pgettext_lazy("notice", "opened")
        OWNER_CHANGED = "owner_changed", _("no longer theirs")
        WORK_DONE = "work_done", _("work done")

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="notifications")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("to"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=120)
    text = models.CharField(_("text"), max_length=200)
    work_order = models.ForeignKey(
        WorkOrder, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    promise = models.ForeignKey(
        Promise, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    hard_problem = models.ForeignKey(
        HardProblem, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    call = models.ForeignKey(
        "servicedesk.Call",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    # What it is about, whatever its kind (problems76): the order, promise, problem or call of
    # the links above, or what has no link of its own (a household's arrears case, an outage).
    # Only a thing of the notice's own station (``notices_subject.subject_of_station``); a
    # summary of many, or a person (a staff change), has none.
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    # How many things it speaks for: one, or a scan run's summary ("1,671 work orders due
    # within the hour") told to the chief instead of one notice per order.
    count = models.PositiveIntegerField(_("how many"), default=1)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Why it was put away: read by the person (empty), or its work order was finished, which
    # settles a notice that it is due or late (``notices.notices_order_finished``), or the
    # order an urgent call waited for was opened (``notices.notices_call_ordered``).
    read_reason = models.CharField(
        _("put away because"), max_length=20, choices=ReadReason.choices, blank=True
    )
    sent_at = models.DateTimeField(_("sent by SMS at"), null=True, blank=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")
        ]
        indexes = [models.Index(fields=["recipient", "station", "read_at"])]

    def __str__(self) -> str:
        return self.text

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Made with one of its links and no subject: that link is what it is about (its
        # station is checked where the line is drawn: ``notices_subject.with_subject_here``).
        if self._state.adding and self.subject_type_id is None:
            for field in ("work_order", "hard_problem", "call", "promise"):
                pk = getattr(self, f"{field}_id")
                if pk is not None:
                    model = self._meta.get_field(field).related_model
                    assert model is not None  # a link's
                    self.subject_type = ContentType.objects.get_for_model(model)
                    self.subject_id = pk
                    break
        super().save(*args, **kwargs)


class NotificationsRead(models.Model):
    """A person marked their notices read all at once ("mark all read"): who, when, how many,
    of which kind (all kinds if empty), up to which notice (those that came after stay unread).
    One notice marked read keeps its own time (``Notification.read_at``).

    Or the system put notices away (``user`` empty): a work order was finished, which settles
    the notices that it was due or late, or an urgent call's order was opened, which settles
    the notices that the call waited for one (``reason``, ``work_order``: why)."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("time"))
    kind = models.CharField(_("kind"), max_length=20, blank=True)
    upto = models.PositiveBigIntegerField(_("up to notice"))
    count = models.PositiveIntegerField(_("how many"))
    reason = models.CharField(
        _("put away because"),
        max_length=20,
        choices=Notification.ReadReason.choices,
        blank=True,
    )
    work_order = models.ForeignKey(
        WorkOrder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("work order"),
    )

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notices marked read")
        verbose_name_plural = _("notices marked read")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.at:%Y-%m-%d %H:%M} {self.count}"
