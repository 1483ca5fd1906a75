"""``{{ outage|undo_open }}``: whether the confirmation "no interruption" of an outage whose
crew found the power on may still be undone (``power_found_on.undo_open``: the same day)."""

from __future__ import annotations

from django import template

from powerdesk.outages.models import Outage
from powerdesk.outages.power_found_on import undo_open as _undo_open

register = template.Library()


@register.filter
def undo_open(outage: Outage) -> bool:
    return _undo_open(outage)
