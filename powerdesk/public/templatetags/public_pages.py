"""Links to the stations' public outage pages, for pages anyone sees (the login page)."""

from __future__ import annotations

from django import template

from powerdesk.accounts.models import Station

register = template.Library()


@register.simple_tag
def public_stations() -> list[Station]:
    """Every station, by name: each has a public outage page (a station is no secret)."""
    return list(Station.objects.order_by("name").only("name", "code"))
