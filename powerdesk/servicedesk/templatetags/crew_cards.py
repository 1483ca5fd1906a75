"""The crew's card: its time to arrive by, overdue or soon (``crew_deadline``), and the words
for the phone to say it anew as the minutes pass."""

from __future__ import annotations

import datetime as dt

from django import template

from powerdesk.servicedesk.crew_deadline import ArriveBy, arrive_by, clock_words

register = template.Library()


@register.filter
def arrive_by_said(due: dt.datetime | None) -> ArriveBy | None:
    return arrive_by(due)


@register.simple_tag
def crew_clock_words() -> dict[str, str]:
    return clock_words()
