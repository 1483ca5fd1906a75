"""The board's "Checked: the report was wrong" on a village liaison's report of power back
(``liaison_checked``). The mark cannot be taken back: it writes both outages' histories and
tells the liaison it is not back yet (review46, 7). The first press marks nothing: the page it
came from (the board's own, or the outages page) comes back with the question on top, outside
the board polled every second, which would redraw it; only its button (``sure``) marks it, once
however often it is sent. No script is needed, and none is asked a dialog that a redraw could
take away."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.utils.translation import gettext as _

from powerdesk.accounts.tenancy import StationRequest, get_for_user
from powerdesk.lib.came_from import came_from
from powerdesk.lib.forms import object_id
from powerdesk.outages.liaison_checked import liaison_report_to_check, liaison_report_wrong
from powerdesk.outages.models import OutageEvent

__all__ = ["WrongAsk", "report_wrong_action"]

WRONG_TESTID = "report-wrong-ask"


@dataclass(frozen=True)
class WrongAsk:
    """The question before marking a report wrong: the board's line of it, the report (by pk),
    and where the page goes back to (``next``, and "Cancel")."""

    text: str
    report: int
    next: str
    testid: str = WRONG_TESTID
    template: str = "outages/_report_wrong_ask.html"


def report_wrong_action(request: StationRequest, *, default: str) -> WrongAsk | None:
    """The first press asks (``WrongAsk``); the question's button (``sure``) marks it."""
    data = request.POST
    report = get_for_user(request, OutageEvent, pk=object_id(data.get("report"), _("report")))
    if data.get("sure") != "1":
        check = liaison_report_to_check(report=report, user=request.user)
        return WrongAsk(text=check.text, report=report.pk, next=came_from(request, default))
    liaison_report_wrong(report=report, user=request.user)
    messages.success(request, _("Recorded: the village liaison's report was wrong."))
    return None
