"""The crew's card: its time to arrive by, overdue or soon (``crew_deadline``)."""

from __future__ import annotations

import datetime as dt

from django import template

from powerdesk.servicedesk.crew_deadline import ArriveBy, arrive_by

register = template.Library()


@register.filter
def arrive_by_said(due: dt.datetime | None) -> ArriveBy | None:
    return arrive_by(due)
