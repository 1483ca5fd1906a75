"""The ask before an outage that texts the households below is recorded (``record_ask``), as
the pages show it: the board's "confirm" and "it is another device", "found here" on a
prediction, and recording one by hand. The first press is answered by the page it came from
(the board's own page, or the outages page) with the ask on top: what recording texts, the one
button that records, and "Cancel"; the button's form carries what the first press sent, the
one-time token, and the page to go back to once recorded (``next``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve

from powerdesk.accounts.tenancy import StationRequest
from powerdesk.lib.came_from import came_from
from powerdesk.outages.record_ask import Asking, RecordAsk

if TYPE_CHECKING:
    from powerdesk.outages.views_report_wrong import WrongAsk

__all__ = ["AskForm", "ask_form", "ask_page"]

FIELD_CHARS = 300  # a carried field as it was sent (the forms' own bounds are smaller)


@dataclass(frozen=True)
class AskForm:
    """The ask's form: what recording texts, where the button posts, the fields the first
    press sent (carried as typed), the one-time token, and where the page goes back to."""

    ask: RecordAsk
    url: str
    fields: tuple[tuple[str, str], ...]
    form_token: str
    next: str
    note: str  # what else staff may do instead
    testid: str
    template: str = "outages/_record_ask_form.html"


def ask_form(
    request: StationRequest,
    asking: Asking,
    *,
    url: str,
    fields: Iterable[str],
    note: str,
    testid: str,
    default: str,
) -> AskForm:
    """The ask for the press ``request`` sent to ``url``: ``fields`` are carried to its
    button; ``default`` is the page to go back to when the press named none (a URL name)."""
    data = request.POST
    return AskForm(
        ask=asking.ask,
        url=url,
        fields=tuple((name, data[name][:FIELD_CHARS]) for name in fields if data.get(name)),
        form_token=asking.form_token,
        next=came_from(request, default),
        note=note,
        testid=testid,
    )


def ask_page(request: StationRequest, asking: AskForm | WrongAsk) -> HttpResponse:
    """The page the press came from, with the ask on top: the board's own page when it came
    from there, else the outages page (which has the board too)."""
    try:
        page = resolve(urlsplit(asking.next).path).view_name
    except Resolver404:
        page = ""
    if page == "outages:board":
        from powerdesk.outages.views_board import board_context

        context = board_context(request)
        return render(
            request,
            "outages/board_page.html",
            {**context, "top": context.get("top"), "asking": asking},
        )
    from powerdesk.outages.views import outage_list_page

    return outage_list_page(request, asking=asking)
