"""The voice of the customer and the monthly service report's page and files."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.tenancy import StationRequest, station_page
from powerdesk.community.models import Village
from powerdesk.reports.keywords import PRIOR_MONTHS, RISING_LIFT, RISING_MIN_NOTES
from powerdesk.reports.voice import category_label, month_voice
from powerdesk.servicedesk.models import Category

# The first month a report is made for: the same bound as the month filters of the lists.
FIRST_MONTH = (2000, 1)
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def _month_asked(request: StationRequest) -> tuple[tuple[int, int], str]:
    """The month of ``?month=YYYY-MM`` (this month when none is asked), and what is wrong with
    the one asked for: not a month, or one the report cannot be made for (to come, or before
    ``FIRST_MONTH``); then this month, with the reason to show."""
    today = timezone.localdate()
    current = (today.year, today.month)
    raw = request.GET.get("month", "").strip()
    if not raw:
        return current, ""
    shown = raw[:20]
    found = _MONTH.fullmatch(raw)
    if found is None or not 1 <= int(found[2]) <= 12:
        return current, _(
            "“%(month)s” is not a month: write the year and the month, e.g. %(example)s."
        ) % {"month": shown, "example": f"{today.year:04d}-{today.month:02d}"}
    asked = (int(found[1]), int(found[2]))
    if not FIRST_MONTH <= asked <= current:
        return current, _(
            "There is no report for %(month)s: a report is made for a month from %(first)s to "
            "this month, %(current)s."
        ) % {
            "month": f"{asked[0]:04d}-{asked[1]:02d}",
            "first": f"{FIRST_MONTH[0]:04d}-{FIRST_MONTH[1]:02d}",
            "current": f"{current[0]:04d}-{current[1]:02d}",
        }
    return asked, ""


def _step(year: int, month: int, by: int) -> str:
    index = year * 12 + month - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@station_page("reports:voice")
def voice(request: StationRequest) -> HttpResponse:
    """The month's calls in the customers' words; a month that is not one, or one to come, is
    said above this month's (400), as on the monthly report (``_month_asked``)."""
    (year, month), month_error = _month_asked(request)
    found = month_voice(request.station, year, month)
    calls = reverse("servicedesk:calls")

    def calls_link(**filters: object) -> str:
        # An empty search clears one the call list kept, which would count other calls.
        return calls + "?" + urlencode({"month": found.label, "q": "", **filters})

    names = dict(Village.objects.for_station(request.station).values_list("pk", "name"))
    today = timezone.localdate()
    return render(
        request,
        "reports/voice.html",
        {
            "voice": found,
            "previous": _step(year, month, -1),
            "following": _step(year, month, 1) if (year, month) < (today.year, today.month) else "",
            "all_calls": calls_link(),
            "keywords": [(k, calls_link(topic=k.word)) for k in found.by_count],
            "rising": [(k, calls_link(topic=k.word)) for k in found.rising],
            "villages": [
                (
                    names.get(int(g.key), "") if g.key else "",
                    g,
                    calls_link(village=g.key) if g.key else "",
                    [
                        (w, n, calls_link(topic=w, village=g.key) if g.key else "")
                        for w, n in g.keywords
                    ],
                )
                for g in found.villages
                for words in [g.keywords]
            ],
            "categories": [
                (
                    category_label(g.key),
                    g,
                    calls_link(category=g.key) if g.key else "",
                    [
                        (w, n, calls_link(topic=w, category=g.key) if g.key else "")
                        for w, n in g.keywords
                    ],
                )
                for g in found.categories
                for words in [g.keywords]
            ],
            "places": [(name, n, calls_link(q=name)) for name, n in found.places],
            "topic_months": [label for label, _row in found.category_months],
            "topics": [
                (
                    label,
                    [
                        (row.get(code, 0), calls + "?" + urlencode({"month": m, "category": code}))
                        for m, row in found.category_months
                    ],
                )
                for code, label in Category.choices
            ],
            "prior_months": PRIOR_MONTHS,
            "rising_lift": RISING_LIFT,
            "rising_min": RISING_MIN_NOTES,
            "month_error": month_error,
        },
        status=400 if month_error else 200,
    )


@station_page("reports:monthly")
def monthly(request: StationRequest) -> HttpResponse:
    """The month's key figures on the page, from the same ``monthly_figures`` the workbook and
    the PDF are written from, and the two files to download."""
    from powerdesk.reports.monthly import monthly_figures, report_filename

    (year, month), month_error = _month_asked(request)
    label = f"{year:04d}-{month:02d}"
    today = timezone.localdate()
    figures = monthly_figures(request.station, year, month)
    return render(
        request,
        "reports/monthly.html",
        {
            "f": figures,
            "station_row": figures.station_row,
            "until": timezone.localtime(figures.until),
            "running": (year, month) == (today.year, today.month),
            "label": label,
            "previous": _step(year, month, -1),
            "following": _step(year, month, 1) if (year, month) < (today.year, today.month) else "",
            "xlsx": reverse("reports:monthly_file", kwargs={"fmt": "xlsx"}) + f"?month={label}",
            "pdf": reverse("reports:monthly_file", kwargs={"fmt": "pdf"}) + f"?month={label}",
            "xlsx_name": report_filename(request.station, year, month, "xlsx"),
            "pdf_name": report_filename(request.station, year, month, "pdf"),
            # A month that cannot be shown is said, above this month's figures (never shown
            # silently in its place).
            "month_error": month_error,
        },
        status=400 if month_error else 200,
    )


@station_page("reports:monthly_file")
def monthly_file(request: StationRequest, fmt: str) -> HttpResponse:
    from powerdesk.reports.monthly import CONTENT_TYPES, monthly_figures, report_filename
    from powerdesk.reports.pdf import report_pdf
    from powerdesk.reports.workbook import report_workbook

    if fmt not in CONTENT_TYPES:
        raise Http404("no such format")
    (year, month), month_error = _month_asked(request)
    if month_error:
        # A file of another month than the one asked for would be filed under the wrong name.
        return HttpResponse(month_error, status=400, content_type="text/plain; charset=utf-8")
    figures = monthly_figures(request.station, year, month)
    body = report_workbook(figures) if fmt == "xlsx" else report_pdf(figures)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = report_filename(request.station, year, month, fmt)
    # A plain ASCII name first (the station's code) for download managers and the built-in
    # browsers of WeChat and WPS that read no RFC 5987 name, then the Chinese one.
    plain = f"{request.station.code}-{year}-{month:02d}.{fmt}"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{_ascii(plain)}\"; filename*=UTF-8''{_quote(name)}"
    )
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def _ascii(name: str) -> str:
    """``name`` with anything but letters, digits and ``.-_`` written as ``_``."""
    return "".join(c if c.isascii() and (c.isalnum() or c in ".-_") else "_" for c in name)
