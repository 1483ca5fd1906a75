"""A job's time to arrive by, as the crew's card says it: already past ("已超期 2小时20分", in its
own marking), soon ("还剩 25分钟"), or later (the time alone). Worked out each time the card is
drawn, and the phone's list is drawn again every 20 seconds: "due soon" becomes "overdue" as
the time passes, without a tap."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

__all__ = ["SOON", "ArriveBy", "arrive_by", "clock_words", "span_words"]

# Within this, a deadline is "due soon" (the crew should be on its way).
SOON = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class ArriveBy:
    state: str  # "overdue", "soon" or "later"
    words: str  # "" for later: the time alone says it

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"


def arrive_by(due: dt.datetime | None, *, now: dt.datetime | None = None) -> ArriveBy | None:
    if due is None:
        return None
    now = now or timezone.now()
    if due <= now:
        return ArriveBy("overdue", _("overdue by %(span)s") % {"span": span_words(now - due)})
    if due - now <= SOON:
        return ArriveBy("soon", _("%(span)s left") % {"span": span_words(due - now)})
    return ArriveBy("later", "")


def span_words(span: dt.timedelta) -> str:
    """A span in hours and minutes, rounded down to the minute ("2小时20分", "25分钟")."""
    minutes = max(int(span.total_seconds() // 60), 0)
    hours, minutes = divmod(minutes, 60)
    if hours >= 24:
        days, hours = divmod(hours, 24)
        return _("%(d)d d %(h)d h") % {"d": days, "h": hours}
    if hours:
        return _("%(h)d h %(m)d min") % {"h": hours, "m": minutes}
    return _("%(m)d min") % {"m": minutes}


def clock_words() -> dict[str, str]:
    """The words of ``arrive_by`` and ``span_words`` for the phone to say them anew from each
    deadline as the minutes pass, out of signal too (crew_card.js): ``{span}``, ``{d}``, ``{h}``
    and ``{m}`` stand for what is filled in; ``soon``: ``SOON`` in seconds."""
    return {
        "overdue": _("overdue by %(span)s") % {"span": "{span}"},
        "left": _("%(span)s left") % {"span": "{span}"},
        "days": _("%(d)d d %(h)d h").replace("%(d)d", "{d}").replace("%(h)d", "{h}"),
        "hours": _("%(h)d h %(m)d min").replace("%(h)d", "{h}").replace("%(m)d", "{m}"),
        "minutes": _("%(m)d min").replace("%(m)d", "{m}"),
        "soon": str(int(SOON.total_seconds())),
    }
