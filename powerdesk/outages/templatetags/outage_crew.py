"""``{% crew_state_of outage as crew %}``: where the crew sent to an outage is
(``outages.crew.CrewState``), for what staff tell a caller at intake."""

from __future__ import annotations

from django import template

from powerdesk.outages.crew import CrewState, outage_crew_state
from powerdesk.outages.models import Outage

register = template.Library()


@register.simple_tag
def crew_state_of(outage: Outage) -> CrewState:
    return outage_crew_state(outage)
