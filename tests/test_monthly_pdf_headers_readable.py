"""The monthly PDF's reliability table: its column headers read as words (walkthrough 35, 6:
"用户数" stood one character a line, its column squeezed to the width of its numbers by the
names kept whole). Laid out by WeasyPrint, as the PDF is: no header takes more than two lines,
"用户数" one."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import translation

from powerdesk.reports.monthly import monthly_figures
from powerdesk.reports.pdf import report_html
from tests.base import BaseTestCase

RUNNING = dt.datetime(2026, 12, 4, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _text(box: Any) -> str:
    own = getattr(box, "text", "") or ""
    return own + "".join(_text(c) for c in getattr(box, "children", None) or [])


def header_lines(html: str) -> dict[str, int]:
    """Each header cell of the first table laid out (its words → how many lines they take)."""
    from weasyprint import HTML

    found: dict[str, int] = {}

    def walk(box: Any, in_head: bool) -> None:
        kind = type(box).__name__
        if kind == "TableRowGroupBox" and getattr(box, "is_header", False):
            in_head = True
        if kind == "TableCellBox" and in_head:
            lines = [c for c in box.children if type(c).__name__ == "LineBox"]
            found.setdefault(_text(box), len(lines))
            return
        for child in getattr(box, "children", None) or []:
            walk(child, in_head)

    page = HTML(string=html).render().pages[0]
    walk(page._page_box, False)
    return found


class PdfHeadersReadableTests(BaseTestCase):
    def test_no_header_stands_a_character_a_line(self) -> None:
        figures = monthly_figures(self.station_a, 2026, 12, now=RUNNING)
        with translation.override("zh-hans"):
            html = report_html(figures)
            served = translation.gettext("Customers served")
        lines = header_lines(html)
        self.assertEqual(lines[served], 1, lines)
        self.assertLessEqual(max(lines.values()), 3, lines)
