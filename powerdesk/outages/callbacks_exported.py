"""The outage callbacks' file (``outages/exports.py``) with the period and state a station chief
asks for (walk73b 2): the households still to call (the page's list, as before), or a month's
callbacks — every one, those reached, those given up — each with every try, so that the tries
of a household reached or given up are in a file too. ``?show=`` names which, ``?month=YYYY-MM``
the month (this month when missing): the callbacks due in it (their "call back by")."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerdesk.lib.exports import ExportRefused
from powerdesk.lib.params import month_bounds, month_or_none
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.outages.selectors import TRIES, outage_callbacks_listed

if TYPE_CHECKING:
    from django.http import QueryDict

    from powerdesk.accounts.models import Station

__all__ = [
    "SHOWN",
    "callbacks_asked_wrong",
    "callbacks_choice",
    "callbacks_exported",
    "callbacks_shown",
]

# The months the file may hold: from 2000 (``lib.params.month_or_none``) to this month.
FIRST_MONTH = (2000, 1)
_MONTH = re.compile(r"\d{4}-\d{2}")

# What the file may hold (``?show=``), as the export's choice names it; the first is the default.
SHOWN = {
    "due": gettext_lazy("Still to call"),
    "month": gettext_lazy("All of a month"),
    "reached": gettext_lazy("Reached, of a month"),
    "given_up": gettext_lazy("Given up, of a month"),
}


def callbacks_asked_wrong(params: QueryDict) -> str:
    """What is wrong with the ``?show=`` and ``?month=`` asked for ("" when nothing is): a
    choice the file does not have, not a month, or a month before 2000 or to come. Said, never
    read as this month (probe76, L11), as the monthly report says it."""
    show = params.get("show", "")
    if show and show not in SHOWN:
        return _("“%(show)s” is not a choice of the callbacks' file: %(choices)s.") % {
            "show": show[:20],
            "choices": ", ".join(SHOWN),
        }
    raw = params.get("month", "").strip()
    if not raw:
        return ""
    today = timezone.localdate()
    current = (today.year, today.month)
    asked = month_or_none(params)
    if not _MONTH.fullmatch(raw) or not 1 <= int(raw[5:]) <= 12:
        return _("“%(month)s” is not a month: write the year and the month, e.g. %(example)s.") % {
            "month": raw[:20],
            "example": f"{today.year:04d}-{today.month:02d}",
        }
    if asked is None or not FIRST_MONTH <= asked <= current:
        return _(
            "There are no callbacks of %(month)s: a month from %(first)s to this month, "
            "%(current)s."
        ) % {
            "month": raw[:20],
            "first": f"{FIRST_MONTH[0]:04d}-{FIRST_MONTH[1]:02d}",
            "current": f"{current[0]:04d}-{current[1]:02d}",
        }
    return ""


def _asked(params: QueryDict) -> tuple[str, tuple[int, int]]:
    wrong = callbacks_asked_wrong(params)
    if wrong:
        raise ExportRefused(wrong)
    show = params.get("show", "")
    today = timezone.localdate()
    return (show if show in SHOWN else "due"), month_or_none(params) or (today.year, today.month)


def callbacks_exported(station: Station, params: QueryDict) -> QuerySet[OutageCallback]:
    """The callbacks ``params`` ask for (see the module), soonest due first, with their tries."""
    show, (year, month) = _asked(params)
    if show == "due":
        return outage_callbacks_listed(station)
    start, end = month_bounds(year, month)
    rows = (
        OutageCallback.objects.for_station(station)
        .filter(due_at__gte=start, due_at__lt=end)
        # As on the page: once the household's power is back (a step of it, or the outage).
        .filter(Q(outage__status=Outage.Status.RESTORED) | Q(back_at__isnull=False))
        .exclude(outage__status=Outage.Status.CANCELLED)
    )
    if show == "reached":
        rows = rows.filter(done_at__isnull=False, given_up=False)
    elif show == "given_up":
        rows = rows.filter(given_up=True)
    return (
        rows.select_related("customer", "outage__device", "tried_by", "tried_by_key", "done_by")
        .prefetch_related("customer__phones", TRIES)
        .order_by("due_at", "pk")
    )


def callbacks_shown(params: QueryDict) -> tuple[str, str]:
    """Which callbacks the file holds: a word for its name ("due", "month-2026-12": ASCII)
    and a line for its head, above the header row."""
    show, (year, month) = _asked(params)
    if show == "due":
        return "due", _("After an outage: still to call (%(day)s)") % {
            "day": timezone.localdate().isoformat()
        }
    said = {"month": f"{year:04d}-{month:02d}"}
    if show == "reached":
        head = _("After an outage: reached, due in %(month)s, with every try") % said
    elif show == "given_up":
        head = _("After an outage: given up, due in %(month)s, with every try") % said
    else:
        head = (
            _(
                "After an outage: every household due in %(month)s (reached, given up, still to "
                "call), with every try"
            )
            % said
        )
    return f"{show.replace('_', '-')}-{said['month']}", head


def callbacks_choice(filters: QueryDict, day: dt.date) -> str:
    """Which callbacks a file held, said from the filters its export logged, for the audit's
    line (desk76): "Still to call", or the choice and its month ("Reached, of a month:
    2026-12"). A month not given is the one the file was made in (``day``: its date), as the
    file took it then."""
    show = filters.get("show", "")
    show = show if show in SHOWN else "due"
    if show == "due":
        return str(SHOWN["due"])
    year, month = month_or_none(filters) or (day.year, day.month)
    return _("%(choice)s: %(month)s") % {
        "choice": SHOWN[show],
        "month": f"{year:04d}-{month:02d}",
    }
