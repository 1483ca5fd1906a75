"""The notification settings' change log in words: the events, audiences and options by their
labels in the reader's language, never their codes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from powerdesk.notifications.models import Audience, Event

__all__ = ["change_lines"]


def change_lines(changes: list[Any]) -> list[str]:
    return [_line(change) for change in changes if isinstance(change, list) and change]


def _line(change: list[Any]) -> str:
    name = str(change[0])
    if name == "webhook_secret":
        return _("webhook secret changed")
    if name == "ping_secret":
        return _("meter ping secret changed")
    before, after = (change[1], change[2]) if len(change) == 3 else ("", "")
    if name in Event.values:
        return _("%(event)s: %(before)s → %(after)s") % {
            "event": Event(name).label,
            "before": _audiences(before),
            "after": _audiences(after),
        }
    label = {
        "webhook_url": _("webhook address"),
        "email_staff": _("also email staff who have an address"),
        "sms_staff": _("also text staff who have a mobile phone"),
        "ping_url": _("meter ping address"),
        "ping_most": _("meters pinged a round"),
    }.get(name, name)
    return _("%(option)s: %(before)s → %(after)s") % {
        "option": label,
        "before": _value(before),
        "after": _value(after),
    }


def _audiences(codes: Any) -> str:
    labels = dict(Audience.choices)
    names = [str(labels.get(code, code)) for code in codes or []]
    return _("、").join(names) if names else _("no one")


def _value(value: Any) -> str:
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return str(value) if value else "—"
