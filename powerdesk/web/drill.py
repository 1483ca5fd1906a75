"""What a figure's drill-down put in a list's query string, said in words above the list.

A chief who clicks a bar lands on a list filtered by what the bar counts (a category and a
month, missed deadlines); the list says so, with a way back to all of it.
"""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Station
from powerdesk.lib.forms import id_or_none
from powerdesk.lib.params import month_text, month_value, year_value

# The query parameters only a drill-down sets (a list's own filters are shown by its form).
DRILL_PARAMS = ("month", "year", "deadline", "state", "hour", "village", "opened", "solved")


def drill_summary(params: QueryDict, station: Station) -> list[str]:
    """The drill-down's filters of ``params`` in words, empty if it has none."""
    from powerdesk.community.models import Village
    from powerdesk.servicedesk.models import Promise

    said: list[str] = []
    month = month_value(params)
    if month is not None:
        said.append(_("month %(month)s") % {"month": month_text(month)})
    elif params.get("year"):
        said.append(_("year %(year)s") % {"year": year_value(params)})
    deadline = params.get("deadline")
    if deadline == "met":
        said.append(_("deadlines met"))
    elif deadline == "missed":
        said.append(_("deadlines missed"))
    state = params.get("state", "")
    if state in Promise.State.values:
        said.append(str(Promise.State(state).label))
    if params.get("opened"):
        said.append(_("opened"))
    if params.get("solved"):
        said.append(_("solved"))
    hour = params.get("hour", "")
    if hour.isascii() and hour.isdigit() and int(hour) < 24:
        said.append(
            _("received %(start)02d:00–%(end)02d:00") % {"start": int(hour), "end": int(hour) + 1}
        )
    village_id = id_or_none(params.get("village"))
    if village_id is not None:
        village = Village.objects.for_station(station).filter(pk=village_id).first()
        said.append(village.name if village else _("no such village"))
    topic = params.get("topic", "").strip()[:60]
    if topic:
        said.append(_("talking of “%(topic)s”, in any of its forms") % {"topic": topic})
    return said
