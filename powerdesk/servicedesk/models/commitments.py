"""A station's service commitments (服务承诺), which the work orders' deadlines are counted from
(``deadlines``), and the history of their changes (``commitments``: the chief's page)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.lib.models import HistoryRow, StationQuerySet


class CommitmentPolicy(models.Model):
    """A station's service commitments; the defaults are the public ones of domain.md."""

    station = models.OneToOneField(
        Station, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("station")
    )
    arrive_rural_minutes = models.PositiveIntegerField(_("arrive on site, rural (min)"), default=90)
    arrive_remote_minutes = models.PositiveIntegerField(
        _("arrive on site, no road access (min)"), default=120
    )
    restore_rural_hours = models.PositiveIntegerField(_("restore after arrival (h)"), default=4)
    restore_remote_hours = models.PositiveIntegerField(
        _("restore after arrival, no road access (h)"), default=8
    )
    hazard_arrive_minutes = models.PositiveIntegerField(
        _("arrive on site, hazard or urgent fault (min)"), default=45
    )
    hazard_make_safe_hours = models.PositiveIntegerField(_("make a hazard safe (h)"), default=2)
    new_connection_days = models.PositiveIntegerField(
        _("new connection, residential (working days)"), default=5
    )
    reconnection_hours = models.PositiveIntegerField(
        _("reconnection after payment (h)"), default=24
    )
    complaint_contact_hours = models.PositiveIntegerField(
        _("complaint: contact the customer (h)"), default=24
    )
    complaint_answer_days = models.PositiveIntegerField(
        _("complaint: answer (working days)"), default=4
    )
    other_request_days = models.PositiveIntegerField(_("other requests (working days)"), default=5)
    callback_hours = models.PositiveIntegerField(_("callback after resolution (h)"), default=24)
    planned_notice_days = models.PositiveIntegerField(
        _("planned outage: announce ahead (days)"), default=7
    )

    class Meta:
        verbose_name = _("service commitments")
        verbose_name_plural = _("service commitments")

    def __str__(self) -> str:
        return str(self.station)


class CommitmentChange(HistoryRow):
    """One change of a station's commitments: who changed what from what to what, and when."""

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    # ``[[field, before, after], ...]``: the page names each field in the reader's language.
    changes = models.JSONField(_("changes"), default=list)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("change of the service commitments")
        verbose_name_plural = _("changes of the service commitments")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.note
