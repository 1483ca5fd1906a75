"""Lists written out as CSV and Excel: the columns of each list declared once, the files built here.

Each app declares its lists in its own ``exports.py`` (``register(ListExport(...))``): a name for
the address, the list page whose line of the role matrix it follows, the rows (the same selector
the page uses, so that the file holds what the page shows with its filters) and the columns, each
a header (through gettext, so Chinese by default) and a function of one row.

Cells are written as what they are: numbers, dates and times as typed cells in Excel (times in
the station's time zone, which Excel cannot hold), yes/no as words. A text that starts with
``= + - @``, a tab or a carriage return could be taken as a formula by a spreadsheet (OWASP, "CSV
injection"): in CSV it gets a leading apostrophe, in Excel it is a text cell marked as quoted
text, which no spreadsheet evaluates, so its text stays as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Model, QuerySet
from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.text import capfirst
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    from powerdesk.accounts.models import Station, User

__all__ = [
    "MAX_ROWS",
    "Column",
    "ExportQuery",
    "ExportRefused",
    "ListExport",
    "csv_response",
    "exports",
    "field",
    "fields",
    "neutralise",
    "neutralised",
    "register",
    "sheet_text",
    "xlsx_response",
]

# A station's lists run to thousands of rows (poles, customers), not millions: a file past this
# is cut, and says so in its last line, rather than holding the server for minutes.
MAX_ROWS = 50_000

# What a spreadsheet may read as the start of a formula (OWASP "CSV Injection").
# Their full-width forms too (a Chinese input method types ＝ for =; WPS, common at stations,
# may take a cell beginning with one for a formula when it is edited).
# A leading ";" too: where the list separator is ";" a spreadsheet splits the cell (probe73 L12).
FORMULA_STARTS = ("=", "+", "-", "@", ";", "\t", "\r", "＝", "＋", "－", "＠", "；")

Cell = str | int | float | Decimal | dt.date | dt.datetime | bool | None


@dataclass(frozen=True)
class Column:
    header: str | _StrPromise
    value: Callable[[Any], Cell]
    width: int = 14  # in characters, for Excel; a Chinese character counts about two


@dataclass(frozen=True)
class ExportQuery:
    """What a list's rows depend on: the station, the person (for "mine") and the filters."""

    station: Station
    user: User
    params: QueryDict


class ExportRefused(ValueError):
    """The rows asked for are not a choice of the list (a month that is not one, a state it
    does not know): the export answers 400 with this sentence, no file, nothing logged."""


@dataclass(frozen=True)
class ListExport:
    name: str  # in the address: /accounts/exports/<name>.csv
    page: str  # the list page's URL name: who may open it may export it (with list.export)
    title: str | _StrPromise  # the sheet's name and part of the file's name
    rows: Callable[[ExportQuery], Iterable[Any]]
    columns: Sequence[Column]
    # A list whose file holds one of several choices of rows (a period, a state) says which:
    # a word in the file's name (ASCII) and a line above its header row. None: neither.
    said: Callable[[ExportQuery], tuple[str, str]] | None = None
    # The same choice said from the filters an export logged, and the day it was made (the
    # audit's line: which rows left the system). None: the list has no such choice.
    choice: Callable[[QueryDict, dt.date], str] | None = None

    def headers(self) -> list[str]:
        return [str(c.header) for c in self.columns]


def fields(model: type[Model], *paths: str, width: int = 14) -> list[Column]:
    """Columns of ``paths`` of ``model`` (``"number"``, ``"customer__account_number"``), each
    headed by its field's verbose name (translated with the model)."""
    columns = []
    for path in paths:
        target: Any = model
        for name in path.split("__"):
            found = target._meta.get_field(name)
            target = found.related_model or target
        columns.append(field(path, capfirst(found.verbose_name), width=width))
    return columns


def field(path: str, header: str | _StrPromise, *, width: int = 14) -> Column:
    """A column of ``path`` of each row (``"customer__name"``): a choice as its label, a
    related record as its name, nothing on the way as an empty cell."""
    *through, last = path.split("__")

    def value(item: Any) -> Cell:
        for name in through:
            item = getattr(item, name, None)
            if item is None:
                return None
        display = getattr(item, f"get_{last}_display", None)
        if display is not None:
            return str(display()) if getattr(item, last) not in ("", None) else ""
        found = getattr(item, last, None)
        if isinstance(found, Model):
            return str(found)
        return found  # type: ignore[no-any-return]

    return Column(header, value, width)


_REGISTRY: dict[str, ListExport] = {}
_discovered = False


def register(export: ListExport) -> ListExport:
    if export.name in _REGISTRY and _REGISTRY[export.name] is not export:
        raise ValueError(f"Two lists are exported as {export.name!r}.")
    _REGISTRY[export.name] = export
    return export


def exports() -> dict[str, ListExport]:
    """Every list that can be exported, by name (each app's ``exports`` module is read once)."""
    global _discovered
    if not _discovered:
        autodiscover_modules("exports")
        _discovered = True
    return _REGISTRY


@dataclass
class Rows:
    """The rows of one export, cut at ``MAX_ROWS``; ``total`` counted before (one query)."""

    items: Iterable[Any]
    total: int
    named: str = ""  # which rows, in the file's name (``ListExport.said``)
    caption: str = ""  # which rows, as the file's first line

    @property
    def cut(self) -> bool:
        return self.total > MAX_ROWS

    @property
    def written(self) -> int:
        return min(self.total, MAX_ROWS)


def bounded_rows(export: ListExport, query: ExportQuery) -> Rows:
    rows = export.rows(query)
    named, caption = export.said(query) if export.said is not None else ("", "")
    if isinstance(rows, QuerySet):
        # Counted first so the audit log has the number before the file is streamed.
        return Rows(rows[:MAX_ROWS].iterator(chunk_size=2000), rows.count(), named, caption)
    listed = list(rows)
    return Rows(listed[:MAX_ROWS], len(listed), named, caption)


def cut_note(total: int) -> str:
    return _(
        "Only the first %(max)s of %(total)s rows are in this file: narrow the filters on the "
        "page to export the rest."
    ) % {"max": MAX_ROWS, "total": total}


def sheet_text(text: str) -> str:
    """``text`` as an Excel cell can hold it: without the control characters (an escape, a bell,
    pasted from another program or sent in a public report) that the workbook's XML cannot
    carry and openpyxl refuses the whole file for. Tabs and line breaks stay."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)


def neutralise(text: str) -> str:
    """A text a spreadsheet would take for a formula, made plain text (for CSV): an apostrophe
    before it. One that begins with an apostrophe and then so is given one more, so that
    ``neutralised`` reads every value back as it was (an export imported back)."""
    if text.startswith(FORMULA_STARTS) or (
        text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS)
    ):
        return "'" + text
    return text


def neutralised(text: str) -> str:
    """The value ``neutralise`` wrote as ``text`` (what an importer reads from an export)."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def plain(value: Cell) -> Cell:
    """A cell's value in the station's terms: local times without a zone, yes/no as words."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None, microsecond=0)
    return value


def file_name(export: ListExport, station: Station, extension: str, named: str = "") -> str:
    today = timezone.localdate().isoformat()
    which = f"-{named}" if named else ""
    return f"{station.code}-{export.name}{which}-{today}.{extension}"


def _attachment(name: str) -> str:
    # Names are ASCII (station code, list name, date): no RFC 5987 encoding needed.
    return f'attachment; filename="{name}"'


def csv_response(export: ListExport, station: Station, rows: Rows) -> StreamingHttpResponse:
    """The list as UTF-8 CSV with a byte-order mark, which Excel needs to read Chinese."""

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)

        def flush() -> str:
            text = buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            return text

        if rows.caption:
            writer.writerow([neutralise(rows.caption)])
        writer.writerow(neutralise(h) for h in export.headers())
        yield "\ufeff" + flush()
        for n, item in enumerate(rows.items, 1):
            writer.writerow(_csv_cell(column.value(item)) for column in export.columns)
            if n % 500 == 0:
                yield flush()
        if rows.cut:
            writer.writerow([cut_note(rows.total)])
        yield flush()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _attachment(file_name(export, station, "csv", rows.named))
    response["X-Export-Rows"] = str(rows.written)
    return response


def _csv_cell(value: Cell) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(export: ListExport, station: Station, rows: Rows) -> HttpResponse:
    """The list as an Excel workbook: a bold, frozen header row, widths, typed cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    # Excel refuses sheet names over 31 characters or with []:*?/\ in them.
    title = "".join(c for c in str(export.title) if c not in "[]:*?/\\")[:31] or "export"
    sheet = book.create_sheet(title)
    for index, column in enumerate(export.columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A3" if rows.caption else "A2"
    bold = Font(bold=True)

    def cell(value: Cell, *, header: bool = False) -> WriteOnlyCell:
        value = plain(value)
        if isinstance(value, str):
            value = sheet_text(value)
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            # A text cell is never a formula; quotePrefix keeps it text when someone edits it.
            written.data_type = "s"
            if value.startswith(FORMULA_STARTS):
                written.quotePrefix = True
        elif isinstance(value, dt.datetime):
            written.number_format = "yyyy-mm-dd hh:mm:ss"
        elif isinstance(value, dt.date):
            written.number_format = "yyyy-mm-dd"
        if header:
            written.font = bold
        return written

    if rows.caption:
        sheet.append([cell(rows.caption, header=True)])
    sheet.append([cell(h, header=True) for h in export.headers()])
    for item in rows.items:
        sheet.append([cell(column.value(item)) for column in export.columns])
    if rows.cut:
        sheet.append([cell(cut_note(rows.total), header=True)])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = _attachment(file_name(export, station, "xlsx", rows.named))
    response["X-Export-Rows"] = str(rows.written)
    return response
