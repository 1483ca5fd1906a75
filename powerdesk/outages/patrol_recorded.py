"""The places of a patrol list that are themselves a recorded outage with the power off (a
transformer area's inside the fuse's walked: walk44, 6): ranked as any place, but said so, with
who works it, so that the crew does not walk to a place another crew is already at. Marked
after the list is ranked or taken from the cache (``patrol_cache``): an outage recorded or a
crew sent since shows at once."""

from __future__ import annotations

import dataclasses

from django.utils.translation import gettext as _

from powerdesk.outages.models import Outage, OutageLink, PredictedOutage
from powerdesk.outages.patrol import PatrolStop

__all__ = ["with_recorded"]


def with_recorded(subject: Outage | PredictedOutage, stops: list[PatrolStop]) -> list[PatrolStop]:
    """``stops`` with ``recorded`` said of each place (not a span) that is the device of another
    outage with the power off: "Outage recorded here: 抢修三班 on it", "…: no crew sent yet",
    or planned work. One query, two with such a place."""
    devices = {s.element_id for s in stops if s.kind != "span"}
    if not devices:
        return stops
    others = Outage.objects.filter(
        station_id=subject.station_id, status=Outage.Status.ACTIVE, device_id__in=devices
    )
    if isinstance(subject, Outage):
        others = others.exclude(pk=subject.pk)
    found = list(others.order_by("starts_at", "pk"))
    if not found:
        return stops
    crews = dict(
        OutageLink.objects.filter(outage__in=found, crew__isnull=False).values_list(
            "outage_id", "crew__name"
        )
    )
    said: dict[int, str] = {}
    for outage in found:
        said.setdefault(outage.device_id, _said(outage, crews.get(outage.pk)))
    return [
        dataclasses.replace(s, recorded=said[s.element_id])
        if s.kind != "span" and s.element_id in said
        else s
        for s in stops
    ]


def _said(outage: Outage, crew: str | None) -> str:
    if outage.kind == Outage.Kind.PLANNED:
        return _("Planned work recorded here: power off")
    if crew:
        return _("Outage recorded here: %(crew)s on it") % {"crew": crew}
    return _("Outage recorded here: no crew sent yet")
