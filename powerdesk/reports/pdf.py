"""The monthly service report as a PDF: an HTML page rendered by WeasyPrint, its charts SVG drawn
here (``svg``), its text in the CJK font the machine has (fonts-noto-cjk or fonts-wqy-microhei:
``scripts/install-system-packages.sh``). WeasyPrint needs Pango (libpango-1.0-0,
libpangoft2-1.0-0), installed by the same script."""

from __future__ import annotations

import functools
import ssl
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.reports.monthly import MonthlyFigures
from powerdesk.reports.svg import bars, horizontal_bars

__all__ = ["report_html", "report_pdf"]

THIS_YEAR = "#1f77b4"
LAST_YEAR = "#b0b7c0"


def pdf_writer() -> type:
    """WeasyPrint's ``HTML``, imported when a PDF is asked for or by a web process's warm-up
    (``ops.warmup``: seconds to import, which the first PDF waited for: walk58, M4)."""
    from PIL import ImageFile
    from weasyprint import HTML

    # WeasyPrint's import tells Pillow to accept truncated images, process-wide; the report has
    # no raster images, and uploaded photos must be refused when truncated.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    _ssl_context()  # made by the warm-up too
    return HTML  # type: ignore[no-any-return]


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """The TLS context of WeasyPrint's fetcher of linked files, made once a process: its default
    fetcher, made for each PDF, read the machine's CA certificates for each (speed73: a tenth
    of the PDF's time), though the report links to no file."""
    return ssl.create_default_context()


def report_pdf(figures: MonthlyFigures) -> bytes:
    from weasyprint.urls import URLFetcher

    html = pdf_writer()(
        string=report_html(figures), url_fetcher=URLFetcher(ssl_context=_ssl_context())
    )
    pdf = html.write_pdf()
    assert pdf is not None
    return bytes(pdf)


def report_html(figures: MonthlyFigures) -> str:
    return render_to_string("reports/monthly_pdf.html", _context(figures))


def _context(f: MonthlyFigures) -> dict[str, Any]:
    months = f.reliability.saidi_by_month
    return {
        "f": f,
        "station_row": f.station_row,
        "made_at": timezone.localtime(f.made_at),
        "until": timezone.localtime(f.until),
        "calls": f.calls,
        "resolved": f.resolved,
        "in_time": f.in_time,
        "in_time_rate": f.in_time_rate,
        "satisfied_rate": f.follow_up.satisfaction,
        "scored": f.scored,
        "kept_rate": f.kept_rate,
        "saidi_chart": bars(
            [_("month %(m)s") % {"m": m} for m, _this, _last in months],
            [
                (str(f.year), [this for _m, this, _l in months], THIS_YEAR),
                (str(f.year - 1), [last for _m, _t, last in months], LAST_YEAR),
            ],
            unit=_("SAIDI (minutes)"),
            # (a little lower than the calls chart: the reliability section, its table's last
            # year dated, stays on the first page with the month at a glance)
            height=190,
        ),
        "calls_chart": bars(
            [c.label for c in f.categories],
            [
                (_calls_series(f, f.year), [c.calls for c in f.categories], THIS_YEAR),
                (
                    _calls_series(f, f.year - 1),
                    [c.calls_last_year for c in f.categories],
                    LAST_YEAR,
                ),
            ],
            unit=_("Calls"),
        ),
        "keywords_chart": horizontal_bars(
            [(k.word, k.trend.count) for k in f.voice.by_count[:12]],
            highlight=[k.word for k in f.voice.rising],
        ),
        "rising": f.voice.rising,
    }


def _calls_series(f: MonthlyFigures, year: int) -> str:
    """The calls chart's name for a series: the month, or in a month still running the days
    counted, which last year are the same days (review 32, finding 10: last year's few days
    were named as all of its month)."""
    if year != f.year:
        return f.last_year_month
    month = f"{year:04d}-{f.month:02d}"
    if not f.running:
        return month
    return _("%(month)s-01 to %(until)s") % {
        "month": month,
        "until": timezone.localtime(f.until).strftime("%m-%d %H:%M"),
    }
