"""What a retried request finds: the one-time tokens of forms and the API's idempotency keys.

Each row is claimed by inserting it under a unique constraint, in the same transaction as the
work it guards, so that of two identical requests at the same moment only one does the work
and the other finds what the first one made.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import ApiToken, Station
from powerdesk.servicedesk.models.calls import Call
from powerdesk.servicedesk.models.core import WorkOrder


class FormSubmission(models.Model):
    """A form's one-time token, and what its first submission made."""

    class Kind(models.TextChoices):
        INTAKE = "intake", _("call intake")
        LIAISON_REPORT = "liaison_report", _("liaison's report")
        # A villager's report on the public outage page or through Open311: no login.
        PUBLIC_PAGE = "public_page", _("public page")
        # The outage board's "confirm" of a prediction: recording it texts the households below.
        OUTAGE_CONFIRM = "outage_confirm", _("outage board's confirm")
        # "Found here" on a prediction, and an outage recorded by hand: they text them too.
        OUTAGE_FOUND = "outage_found", _("fault found on a prediction")
        OUTAGE_DECLARE = "outage_declare", _("outage recorded by hand")
        # A planned outage announced, moved or called off: each texts the households.
        PLANNED_ANNOUNCE = "planned_announce", _("planned outage announced")
        PLANNED_MOVE = "planned_move", _("planned outage moved")
        PLANNED_CANCEL = "planned_cancel", _("planned outage called off")
        # The chief's change of the station's service commitments: one change per form.
        COMMITMENTS = "commitments", _("service commitments changed")
        # Training: a session, a person's self-study, a course of the year's plan (probe72).
        TRAINING_SESSION = "training_session", _("training session recorded")
        SELF_STUDY = "self_study", _("self-study recorded")
        PLAN_COURSE = "plan_course", _("course added to a training plan")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    token = models.CharField(_("form token"), max_length=64)
    kind = models.CharField(_("form"), max_length=20, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("time"), db_index=True)
    call = models.ForeignKey(
        Call, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("call")
    )
    work_order = models.ForeignKey(
        WorkOrder,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("work order"),
    )
    outage = models.ForeignKey(
        "outages.Outage",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("outage"),
    )

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")
        constraints = [
            models.UniqueConstraint(fields=["station", "token"], name="form_submission_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.token[:8]}"


class IdempotencyKey(models.Model):
    """An API client's ``Idempotency-Key``: the request it came with and the answer given."""

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    # Keys are the client's own: one system's key must not replay another's answer.
    api_token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, null=True, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    response = models.JSONField(null=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(
                fields=["station", "api_token", "key"],
                condition=models.Q(api_token__isnull=False),
                name="idempotency_key_once_per_token",
            ),
            models.UniqueConstraint(
                fields=["station", "user", "key"],
                condition=models.Q(user__isnull=False),
                name="idempotency_key_once_per_user",
            ),
        ]

    def __str__(self) -> str:
        return self.key
