"""Where a fault was found on patrol ("found here"), as fields: later patrols learn from them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from powerdesk.lib.models import AppendOnlyModel, StationQuerySet
from powerdesk.network.models import GridNode
from powerdesk.outages.models.records import OutageCause
from powerdesk.outages.stretch import SPAN, span_label


class FoundPlace(AppendOnlyModel):
    """The place of the stretch where the fault of an outage was, what caused it, who found
    it and when. ``place`` is the patrol list's key: an element's code, or ``<pole code>/span``
    for the span leading down to that pole; ``device`` is that element (the pole, for a span).

    Written with a ``found_here`` line of the outage's history (which stays the audit trail in
    words); ``outages.patrol.FaultHistory`` reads these fields, not the line.
    """

    outage = models.ForeignKey(
        "outages.Outage",
        on_delete=models.CASCADE,
        related_name="found_places",
        verbose_name=_("outage"),
    )
    place = models.CharField(_("place on the patrol list"), max_length=80)
    device = models.ForeignKey(
        GridNode,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("device found"),
    )
    cause = models.CharField(_("cause"), max_length=12, choices=OutageCause.choices)
    found_at = models.DateTimeField(_("found at"))
    found_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("found by"),
    )
    note = models.CharField(_("note"), max_length=150, blank=True)

    station_field = "outage__station"
    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("place the fault was found")
        verbose_name_plural = _("places faults were found")
        ordering = ["found_at", "pk"]

    def __str__(self) -> str:
        return f"{self.place} ({self.get_cause_display()})"

    @property
    def label(self) -> str:
        """Where, in words, as the patrol list says it: a span by the poles at its ends
        ("左门线 06–07号杆档距"; load ``device__parent`` with the row), anything else by its
        name."""
        device = self.device
        if self.place.endswith(SPAN):
            return span_label(device, device.parent)
        return device.name or device.code

    @property
    def code_shown(self) -> str:
        """The code to show beside ``label``: the device's or the pole's own; none for a span,
        which its name says by the poles at its ends (the code of the pole it leads down to,
        beside it, was read as the span's code), nor when the label is the code already."""
        if self.place.endswith(SPAN) or not self.device.name:
            return ""
        return self.device.code
