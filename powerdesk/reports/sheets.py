"""Writing a worksheet row by row, with the report's headings and number formats.

A formula is written with the value it gives (``Formula``): openpyxl saves formulas without a
cached value, so a previewer (a phone's, a mail client's), pandas and openpyxl's ``data_only``
would show the cell blank. ``Book.save`` puts each formula's value into the saved sheet as its
cached value; Excel and LibreOffice still recalculate on opening (openpyxl marks the workbook
``fullCalcOnLoad``), so a chief who changes a figure sees the rates follow.

Text is always written as text: a title or a note that begins with "=" is not a formula.

Each sheet is frozen under its first header row (its title and any lines above it stay in view
with it), wherever on the sheet that row is.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from powerdesk.lib.exports import sheet_text
from powerdesk.lib.shares import PERCENT_DECIMALS

__all__ = ["DECIMAL", "FOUR", "PERCENT", "PERCENT_DECIMALS", "Book", "Formula", "Sheet", "share"]

HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
# A rate's decimals in the workbook's cells as on every page (``lib.shares``).
PERCENT = "0." + "0" * PERCENT_DECIMALS + "%"
DECIMAL = "0.00"
FOUR = "0.0000"

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@dataclass(frozen=True)
class Formula:
    """A formula (``{row}`` is its row's number) and the value it gives over the values written:
    a number, or "" where the formula gives an empty text (a share of nothing)."""

    text: str
    value: float | int | str

    def __post_init__(self) -> None:
        if not self.text.startswith("="):
            raise ValueError("a formula begins with '='")


def share(part: float, whole: float) -> float | str:
    """``IF(whole=0,"",part/whole)``, as the sheets' rates are written."""
    return part / whole if whole else ""


class Sheet:
    """Rows written one after another, with the number of the row last written."""

    def __init__(self, ws: Worksheet, widths: Sequence[int]) -> None:
        self.ws = ws
        self.row = 0
        self.values: dict[str, Any] = {}  # cell → the value written, or its formula's value
        self.cached: dict[str, float | int | str] = {}  # formula cell → the value it gives
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width

    def title(self, text: str) -> None:
        self.row += 1 if self.row == 0 else 2
        self._put(self.row, 1, text).font = TITLE_FONT

    def header(self, *cells: str) -> None:
        self.row += 1
        if self.ws.freeze_panes is None:
            # The sheet's first header stays in view (walkthrough 46, finding 12: the summary
            # was frozen at row 1, its header being row 4, and the other sheets not at all).
            self.ws.freeze_panes = f"A{self.row + 1}"
        for i, text in enumerate(cells, start=1):
            cell = self._put(self.row, i, text)
            cell.font = BOLD
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")

    def line(self, *cells: Any, formats: dict[int, str] | None = None, bold: bool = False) -> int:
        """One row; ``{row}`` in a ``Formula`` is this row's number."""
        self.row += 1
        for i, value in enumerate(cells, start=1):
            cell = self._put(self.row, i, value)
            if bold:
                cell.font = BOLD
            if formats and i in formats:
                cell.number_format = formats[i]
        return self.row

    def value(self, coordinate: str) -> Any:
        return self.values.get(coordinate)

    def _put(self, row: int, column: int, value: Any) -> Any:
        if isinstance(value, Formula):
            cell = self.ws.cell(row, column, value.text.replace("{row}", str(row)))
            self.cached[cell.coordinate] = value.value
            self.values[cell.coordinate] = value.value
            return cell
        if isinstance(value, str):
            value = sheet_text(value)
        cell = self.ws.cell(row, column, value)
        if isinstance(value, str):
            cell.data_type = "s"  # openpyxl would take text beginning with "=" for a formula
        self.values[cell.coordinate] = value
        return cell


class Book:
    """A workbook of ``Sheet``s, saved with each formula's value cached in its cell."""

    def __init__(self) -> None:
        self.workbook = Workbook()
        self.sheets: list[Sheet] = []

    def sheet(self, title: str, widths: Sequence[int]) -> Sheet:
        if self.sheets:
            ws = self.workbook.create_sheet(title)
        else:
            ws = self.workbook.active
            assert ws is not None
            ws.title = title
        found = Sheet(ws, widths)
        self.sheets.append(found)
        return found

    def save(self) -> bytes:
        out = io.BytesIO()
        self.workbook.save(out)
        # A worksheet's path inside the file is set when the workbook is saved.
        cached = {s.ws.path.lstrip("/"): s.cached for s in self.sheets if s.cached}
        return _with_cached_values(out.getvalue(), cached)


def _with_cached_values(xlsx: bytes, cached: dict[str, dict[str, float | int | str]]) -> bytes:
    """The saved workbook with the value of each formula cell written into its ``<v>``."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            values = cached.get(item.filename)
            if values:
                data = _cache_sheet(data, values)
            target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _cache_sheet(xml: bytes, values: dict[str, float | int | str]) -> bytes:
    root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False))
    for cell in root.iter(f"{_MAIN}c"):
        coordinate = cell.get("r")
        if coordinate not in values or cell.find(f"{_MAIN}f") is None:
            continue
        value = values[coordinate]
        v = cell.find(f"{_MAIN}v")
        if v is None:
            v = etree.SubElement(cell, f"{_MAIN}v")
        if isinstance(value, str):
            cell.set("t", "str")  # a formula's text result
            v.text = value
        else:
            v.text = repr(float(value)) if isinstance(value, float) else str(int(value))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
