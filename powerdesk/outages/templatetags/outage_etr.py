"""``{% etr_of outage as etr %}``: the restoration estimate of a fault outage with the power
off, for pages that show an outage without their view asking (the caller panel at intake)."""

from __future__ import annotations

from django import template

from powerdesk.outages.etr import Etr, etr_for
from powerdesk.outages.models import Outage

register = template.Library()


@register.simple_tag
def etr_of(outage: Outage) -> Etr | None:
    if outage.kind != Outage.Kind.UNPLANNED or outage.status != Outage.Status.ACTIVE:
        return None
    return etr_for(outage)
