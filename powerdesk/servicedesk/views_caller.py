"""The intake page's live parts (htmx): what is known of the caller as the number is typed,
and what the note suggests as it is typed (``intake_shown``)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext as _

from powerdesk.accounts.tenancy import StationRequest, station_view
from powerdesk.servicedesk.forms import INTAKE_TEXT_MAX
from powerdesk.servicedesk.intake_category import preselected_category, suggesting
from powerdesk.servicedesk.intake_choices import then_category
from powerdesk.servicedesk.intake_shown import caller_shown, suggestion_for_caller
from powerdesk.servicedesk.number_short import number_looks_incomplete
from powerdesk.servicedesk.understanding.urgency import findings_once
from powerdesk.servicedesk.views_intake import DESK_ROLES


@station_view(roles=DESK_ROLES)
def caller_panel(request: StationRequest) -> HttpResponse:
    """What is known about the caller, as the number is typed, and again when the call's
    category changes (htmx)."""
    # Posted (the intake page's htmx), so that the number is not in any address or log.
    # The "Then" choices follow the caller and the category (swapped out of band: one group,
    # one chosen); the page sends what it had chosen, kept if the clerk chose it.
    data = request.POST if request.method == "POST" else request.GET
    # The note bounded first, at what the form takes: every reading below (the rules, the
    # category, the "Then" choices) reads no more (walk58 L7: 3.2 s for 5,000 characters).
    text = data.get("text", "")[:INTAKE_TEXT_MAX]
    # Each reading asks the rules of the same note: read once (fix60a: 0.6-1.2 s for 2,000
    # characters, read again by each).
    with findings_once():
        shown = caller_shown(
            request.station,
            request.user,
            data.get("caller_number", ""),
            action=data.get("action"),
            category=then_category(
                data.get("category", ""),
                text,
                preselected_category(
                    request.station,
                    text,
                    data.get("caller_number", ""),
                    data.get("action") or "",
                ),
            ),
            then_default=data.get("then_default"),
            text=text,
            caller_is=data.get("caller_is", ""),
        )
        # A number a digit short or long is said beside "unknown caller" (walk72, 8).
        number_hint = number_looks_incomplete(data.get("caller_number", ""))
        return render(
            request,
            "servicedesk/_caller.html",
            {**shown, "oob": True, "number_hint": number_hint},
        )


@station_view(roles=DESK_ROLES)
def suggest(request: StationRequest) -> HttpResponse:
    """The category and urgency the note suggests, as staff type (htmx).

    Posted, so that a long note fits (a GET of 10,000 characters is refused as too long a
    URL); the first few thousand characters are plenty to classify.
    """
    data = request.POST if request.method == "POST" else request.GET
    if data.get("waiting") and not suggesting():
        # The page's ask while no model is read yet: nothing new to draw (htmx swaps nothing).
        return HttpResponse(status=204)
    text = data.get("text", "")
    if len(text) > INTAKE_TEXT_MAX:
        # Answered at once: the rules never read a note the form will refuse (walk56, H2).
        return HttpResponse(
            format_html(
                '<p class="suggestion" data-testid="too-long-to-suggest">{}</p>',
                _("Too long to suggest: at most %(n)s characters fit.") % {"n": INTAKE_TEXT_MAX},
            )
        )
    # The suggestion, the rules' category and the urgency each ask the rules of the same note
    # (with no model loaded, two or three times a request): read once, as the caller panel does.
    with findings_once():
        return render(
            request,
            "servicedesk/_suggestion.html",
            suggestion_for_caller(request.station, text, data.get("caller_number", "")),
        )
