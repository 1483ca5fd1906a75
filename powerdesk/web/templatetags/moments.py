"""A moment said short where the year goes without saying: ``{{ call.received_at|day_time }}``
gives "12-10 14:05" within this year (station time) and "2025-12-10 14:05" before it, so a call
of last December never reads as one still to come."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import dateformat, timezone

register = template.Library()


@register.filter
def day_time(value: dt.datetime | None) -> str:
    """``value`` as "m-d H:i" this year, "Y-m-d H:i" in another; "" for none."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    same_year = local.year == timezone.localtime().year
    return dateformat.format(local, "m-d H:i" if same_year else "Y-m-d H:i")
