"""``powerdesk report``: a station's monthly service report as an Excel workbook and a PDF."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from powerdesk.accounts.models import Station
from powerdesk.reports.monthly import monthly_figures

HELP = """\
Write a station's monthly service report: an Excel workbook (a sheet per area, totals and
rates as formulas) and/or a PDF with charts, in Chinese unless --language says otherwise.
A month still running is counted to now."""


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--station", required=True, help="the station's code, e.g. guanglu")
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--xlsx", type=Path, help="where to write the workbook")
        parser.add_argument("--pdf", type=Path, help="where to write the PDF")
        parser.add_argument("--language", default="zh-hans", help="zh-hans (default) or en")

    def handle(self, *args: object, **options: object) -> None:
        code = str(options["station"])
        station = Station.objects.filter(code=code).first()
        if station is None:
            raise CommandError(f"--station: no station with the code {code!r}.")
        month = str(options["month"])
        found = re.fullmatch(r"(\d{4})-(\d{2})", month)
        if not found or not 1 <= int(found.group(2)) <= 12:
            raise CommandError(f"--month: {month!r} is not a month written YYYY-MM.")
        year, number = int(found.group(1)), int(found.group(2))
        today = timezone.localdate()
        if (year, number) > (today.year, today.month) or year < 2000:
            raise CommandError(f"--month: {month} has not begun yet (or is before 2000).")
        xlsx, pdf = options["xlsx"], options["pdf"]
        if xlsx is None and pdf is None:
            raise CommandError("Give --xlsx FILE, --pdf FILE or both.")
        for path in (xlsx, pdf):
            if isinstance(path, Path) and not path.parent.is_dir():
                raise CommandError(f"{path}: its folder does not exist.")
        with translation.override(str(options["language"])):
            figures = monthly_figures(station, year, number)
            if isinstance(xlsx, Path):
                from powerdesk.reports.workbook import report_workbook

                xlsx.write_bytes(report_workbook(figures))
                self.stdout.write(f"{xlsx}")
            if isinstance(pdf, Path):
                from powerdesk.reports.pdf import report_pdf

                pdf.write_bytes(report_pdf(figures))
                self.stdout.write(f"{pdf}")
