"""Writing a worksheet row by row, with the report's headings and number formats."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["DECIMAL", "FOUR", "PERCENT", "Sheet"]

HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
PERCENT = "0.0%"
DECIMAL = "0.00"
FOUR = "0.0000"


class Sheet:
    """Rows written one after another, with the number of the row last written."""

    def __init__(self, ws: Worksheet, widths: Sequence[int]) -> None:
        self.ws = ws
        self.row = 0
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width

    def title(self, text: str) -> None:
        self.row += 1 if self.row == 0 else 2
        self.ws.cell(self.row, 1, text).font = TITLE_FONT

    def header(self, *cells: str) -> None:
        self.row += 1
        for i, text in enumerate(cells, start=1):
            cell = self.ws.cell(self.row, i, text)
            cell.font = BOLD
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")

    def line(self, *cells: Any, formats: dict[int, str] | None = None, bold: bool = False) -> int:
        """One row; ``{row}`` in a formula is this row's number."""
        self.row += 1
        for i, value in enumerate(cells, start=1):
            if isinstance(value, str) and value.startswith("="):
                value = value.replace("{row}", str(self.row))
            cell = self.ws.cell(self.row, i, value)
            if bold:
                cell.font = BOLD
            if formats and i in formats:
                cell.number_format = formats[i]
        return self.row
