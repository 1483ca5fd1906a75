"""The history lines of an outage's power back in part of it, of households it still keeps dark,
and of village liaisons' reports of power back checked (``outages.restoration``,
``outages.liaison_checked``), by code; part of ``history_messages.NOTES`` (in its place there:
the order of the codes is the order lines are recognised in)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from powerdesk.servicedesk.history_wordings import Counted, held_other, held_planned, partly_back

__all__ = ["MOVED_WHY", "OUTAGE_STEP_NOTES"]

OUTAGE_STEP_NOTES: dict[str, Any] = {
    "outage_partly_back": Counted(partly_back, "back"),
    # Of those a step gave power back to, the households another outage in progress still
    # keeps dark (``outages.restoration.step_line``): not counted as back.
    "held_planned": Counted(held_planned, "n"),
    "held_other": Counted(held_other, "n"),
    "outage_back_in": _("Power back in %(where)s"),
    # Said by a liaison of an outage inside a wider one still recorded as off (walk44, 2): the
    # inner outage's line and the wider one's; the args keep the other outage's id.
    "outage_back_in_under": _(
        "Power back in %(where)s, while the wider outage on %(device)s above is still recorded "
        "as off: to be checked"
    ),
    "liaison_on_inside": _(
        "A village liaison said power is back in %(where)s, within the outage on %(device)s, "
        "while this outage is still recorded as off: to be checked"
    ),
    # Such a report checked by the station and found wrong (``outages.liaison_checked``).
    "liaison_report_wrong": _(
        "Checked: the report of power back in %(where)s was wrong (the wider outage on "
        "%(device)s above is still off)"
    ),
    "liaison_inside_wrong": _(
        "Checked: the report of power back in %(where)s, within the outage on %(device)s, was wrong"
    ),
    # ...where the inner outage itself still holds the place (the wider one's record has power
    # back there: ``liaison_checks.Check.inner_holds``); ``device`` is the inner outage's.
    "liaison_report_wrong_held": _(
        "Checked: the report of power back in %(where)s was wrong (this outage on %(device)s is "
        "still off there)"
    ),
    "liaison_inside_wrong_held": _(
        "Checked: the report of power back in %(where)s, within the outage on %(device)s, was "
        "wrong (that outage is still off there)"
    ),
    "outage_moved": _("moved from %(code)s"),
    # The model's estimate moved by a step (``outages.estimate_moved``): the times, and why
    # (one of the ``moved_*`` parts below).
    "estimate_moved": _("Estimated restoration moved from %(was)s to %(now)s: %(why)s"),
    "moved_cause": _("cause recorded: %(cause)s"),
    "moved_on_site": _("crew %(crew)s on site"),
    "moved_on_line": _("crew on site"),  # no crew named (none sent, the office's step)
    "moved_dispatched": _("crew %(crew)s sent"),
    "moved_recalled": _("crew called back"),
}

# The parts saying why an estimate moved: drawn inside its line, never recognised alone.
MOVED_WHY = ("moved_cause", "moved_on_site", "moved_on_line", "moved_dispatched", "moved_recalled")
