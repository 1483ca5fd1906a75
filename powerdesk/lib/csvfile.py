"""Reading CSV files that people made in Excel or by hand, with errors that say where.

Everything that can be wrong with the file as a table is found here, before an importer looks
at a value: its size, its encoding, quotes left open, rows with more or fewer values than the
header, and values too long for where they will be stored. An importer gets whole rows or a
``CsvImportError`` listing every problem by line and column. With ``keep_going`` an importer
gets the rows and the problems of the table together, checks the values of every row it got
and refuses the file with both at once (``refuse_if_problems``): a file's every problem is said
on its first upload, not one kind at a time (walkthrough 32, finding 6).
"""

from __future__ import annotations

import _csv
import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import IO

from django.utils.translation import gettext as _

from powerdesk.engine.errors import InputProblem
from powerdesk.lib.exports import neutralised

__all__ = [
    "MAX_FIELD_CHARS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "CsvImportError",
    "CsvRow",
    "CsvTable",
    "parse_bool",
    "read_csv",
    "refuse_if_problems",
    "stored_length",
    "stream_again",
]

# A station has tens of thousands of customers and poles, not millions: these bounds are far
# above a real file and keep a wrong or hostile upload from filling the memory.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
# Columns an importer does not bound itself (codes, notes, ignored columns) get this bound.
MAX_FIELD_CHARS = 1000
# Stop listing after this many problems: a file with a problem on every line says enough early.
MAX_PROBLEMS = 200

_TRUE = {"1", "true", "yes", "y", "是", "有", "√"}
_FALSE = {"", "0", "false", "no", "n", "否", "无"}


class CsvImportError(Exception):
    """A file that cannot be imported; nothing of it was stored."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:20])
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(shown + more)


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()


@dataclass(frozen=True, slots=True)
class CsvTable:
    """The header (stripped column names) and the non-blank rows of a file.

    Read with ``keep_going``, ``problems`` lists what is wrong with the table (a row with more
    or fewer values than the header, a value too long, a quote left open) and ``complete`` says
    whether every row is in ``rows``: a row of the wrong width is left out (its values, stripped,
    in ``left_out``), and a quote left open ends the read (``ended_early``: what follows is not
    known at all).
    """

    columns: list[str]
    rows: list[CsvRow]
    problems: list[InputProblem] = field(default_factory=list)
    complete: bool = True
    left_out: frozenset[str] = frozenset()
    ended_early: bool = False

    def has(self, column: str) -> bool:
        return column in self.columns


def read_csv(
    stream: IO[bytes] | IO[str],
    file_name: str,
    required: list[str],
    *,
    max_lengths: Mapping[str, int] | None = None,
    keep_going: bool = False,
    exported: bool = False,
    aliases: Mapping[str, str] | None = None,
) -> CsvTable:
    """The rows of a CSV file in UTF-8 (with or without Excel's BOM) or, when its bytes are
    not UTF-8, GBK/GB18030 (Excel's "CSV" on a Chinese Windows); the header is line 1. Its
    values are separated by commas, or by semicolons or tabs when the header read so names the
    ``required`` columns (``_delimiter``).

    ``max_lengths`` bounds the values of named columns (in characters, as the database field
    that will hold them); every other column is bounded by ``MAX_FIELD_CHARS``. Raises
    ``CsvImportError`` listing every problem found: a file too large, neither UTF-8 nor
    GB18030, a missing or repeated column, a quote left open, a row with more or fewer values
    than the header, a value too long or spread over several lines.

    With ``keep_going`` the problems of rows and values are returned in the table instead
    (``CsvTable.problems``), so that the importer checks the rows too and lists every problem
    at once with ``refuse_if_problems``; a problem of the whole file (its size, encoding, header
    or rows) is still raised, and so is a list that reached ``MAX_PROBLEMS``.

    ``exported``: the file may be one of PowerDesk's exports, where a value a spreadsheet would
    take for a formula (``=``, ``+``, ``-``, ``@``...) was written after an apostrophe
    (``lib.exports.neutralise``): each is read as it was, without it. ``aliases`` names a column
    by another header (casefolded: an export's "户号" or "Account number" for ``account_number``).
    """
    text = _decode(stream, file_name)
    # The csv module's own bound (128 KiB a field) would end the read with an error that names
    # no column; the file is already bounded, so lift it and bound each value here instead.
    if csv.field_size_limit() < MAX_FILE_BYTES:
        csv.field_size_limit(MAX_FILE_BYTES)
    named = {k.casefold(): v for k, v in (aliases or {}).items()}
    delimiter = _delimiter(text, required, named)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems: list[InputProblem] = []

    def problem(line: int, message: str, column: str = "") -> None:
        problems.append(InputProblem(file_name, line, message, column))
        if len(problems) >= MAX_PROBLEMS:
            problems.append(
                InputProblem(file_name, line, _("too many problems: correct these first"))
            )
            raise CsvImportError(problems)

    header = [h.strip() for h in _next_record(reader, file_name, 1) or []]
    header = [named.get(h.casefold(), h) for h in header]
    _check_header(header, file_name, required)
    limits = dict(max_lengths or {})
    rows: list[CsvRow] = []
    records = 0
    complete = True
    ended_early = False
    left_out: set[str] = set()
    try:
        while True:
            start = reader.line_num + 1
            values = _next_record(reader, file_name, start)
            if values is None:
                break
            if exported:
                values = [neutralised(value) for value in values]
            if not any(v.strip() for v in values):
                continue  # blank lines and Excel's rows of empty cells
            records += 1
            if records > MAX_ROWS:
                problem(
                    start,
                    _("the file has more than %(rows)s rows; split it") % {"rows": f"{MAX_ROWS:,}"},
                )
                break
            if len(values) != len(header):
                problem(
                    start,
                    _(
                        "%(values)d values, but the header has %(columns)d columns "
                        "(a comma too many or too few?)"
                    )
                    % {"values": len(values), "columns": len(header)},
                )
                complete = False
                left_out.update(v.strip() for v in values)
                continue
            for column, value in zip(header, values, strict=True):
                limit = limits.get(column, MAX_FIELD_CHARS)
                message = _value_problem(value, column, limit, start, reader.line_num)
                if message:
                    problem(start, message, column)
            rows.append(CsvRow(start, {c: v for c, v in zip(header, values, strict=True) if c}))
    except CsvImportError as exc:
        if exc.problems is problems:  # the list reached its bound
            raise
        # A quoting error ends the read: list it last.
        if not keep_going:
            raise CsvImportError(problems + exc.problems) from None
        problems += exc.problems
        complete = False
        ended_early = True
    if problems and (not keep_going or records > MAX_ROWS):
        raise CsvImportError(problems)
    return CsvTable(header, rows, problems, complete, frozenset(left_out), ended_early)


def refuse_if_problems(table: CsvTable, found: list[InputProblem]) -> None:
    """Raise ``CsvImportError`` listing the table's problems and ``found`` (an importer's, of the
    values of ``table``'s rows) by line and, within a line, in the header's order, if there is
    any. A value the table already refused (too long, say) is not refused again; the list stops
    after ``MAX_PROBLEMS``, as ``read_csv``'s does."""
    refused = {(p.line, p.column) for p in table.problems if p.column}
    problems = table.problems + [p for p in found if (p.line, p.column) not in refused]
    if not problems:
        return
    order = {column: index for index, column in enumerate(table.columns)}
    problems.sort(key=lambda p: (p.line, order.get(p.column, len(order)) if p.column else -1))
    if len(problems) > MAX_PROBLEMS:
        last = problems[MAX_PROBLEMS - 1]
        problems = problems[:MAX_PROBLEMS]
        problems.append(
            InputProblem(last.file, last.line, _("too many problems: correct these first"))
        )
    raise CsvImportError(problems)


def stream_again(data: bytes | str) -> IO[bytes] | IO[str]:
    """A file already read (an import's upload) to be read once more: an import reads its file
    for the plan, and again under the station's lock."""
    return io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)


def parse_bool(value: str) -> bool | None:
    """``True``/``False`` for the usual spellings (1/0, yes/no, 是/否), ``None`` otherwise."""
    folded = value.strip().lower()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    return None


def _decode(stream: IO[bytes] | IO[str], file_name: str) -> str:
    raw = stream.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        limit = f"{MAX_FILE_BYTES / 1024 / 1024:g} MB"
        raise CsvImportError(
            [InputProblem(file_name, 1, _("the file is larger than %(limit)s") % {"limit": limit})]
        )
    text = _text_of(raw, file_name) if isinstance(raw, bytes) else raw.removeprefix("\ufeff")
    if "\x00" in text:
        # A spreadsheet saved in its own format, or UTF-16; the database cannot store NUL either.
        line = text[: text.index("\x00")].count("\n") + 1
        raise CsvImportError(
            [
                InputProblem(
                    file_name,
                    line,
                    _("the file holds NUL bytes: it is not a CSV text file"),
                )
            ]
        )
    return text


# What Excel's plain "CSV" makes on a Chinese Windows (code page 936, GBK): GB18030 reads it
# and everything GBK or GB2312 wrote (walkthrough 31, finding 11).
FALLBACK_ENCODING = "gb18030"


def _text_of(raw: bytes, file_name: str) -> str:
    """The file's text: UTF-8 (with or without Excel's BOM), else line by line: a line in UTF-8
    as such, any other in GB18030 — a UTF-8 register with a line added in GBK (Notepad, WPS)
    keeps its UTF-8 names (decoded whole as GB18030 they came out garbled, 张三 as 寮犱笁, with
    no word). A line that is neither is refused, naming the file and the line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = raw.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    text = []
    for number, line in enumerate(lines, start=1):
        read = _line_text(line)
        if read is None:
            raise CsvImportError(
                [
                    InputProblem(
                        file_name,
                        number,
                        _(
                            "the file is neither UTF-8 nor GBK (GB18030) text: in Excel, save "
                            'it as "CSV UTF-8 (comma delimited)"'
                        ),
                    )
                ]
            )
        text.append(read)
    return "\n".join(text)


# Where the characters of Chinese text written in UTF-8 lie (CJK punctuation, kana, ideographs,
# full-width forms ...). GBK bytes read as UTF-8 by chance make two-byte characters below it.
_CJK_FROM = "\u2e80"


def _line_text(line: bytes) -> str | None:
    """One line of a file that is not all UTF-8: UTF-8 when it reads as UTF-8 Chinese (or plain
    ASCII), else GB18030; ``None`` when it is neither."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if all(c < "\x80" or c >= _CJK_FROM for c in text):
            return text
    try:
        return line.decode(FALLBACK_ENCODING)
    except UnicodeDecodeError:
        return None


# What separates the values of a file: a comma, else what Excel writes where a comma is the
# decimal mark ("CSV" on a European Windows: a semicolon) or a "text" export (a tab).
_DELIMITERS = (",", ";", "\t")


def _delimiter(text: str, required: list[str], named: Mapping[str, str]) -> str:
    """The separator whose header (the first line) names every ``required`` column: a file
    separated by semicolons or tabs is read as it is, not told it lacks its columns (probe 36,
    F12). A comma when none does (the missing columns are then said as such)."""
    first = text.split("\n", 1)[0].rstrip("\r")
    for delimiter in _DELIMITERS:
        try:
            header = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:
            continue
        if set(required) <= {named.get(h.strip().casefold(), h.strip()) for h in header}:
            return delimiter
    return ","


def _next_record(reader: _csv.Reader, file_name: str, start: int) -> list[str] | None:
    """The next record, or ``None`` at the end; a quoting error names its line."""
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            message = _(
                'a quote (") opened in this row is never closed; '
                "everything after it would have been read as one value"
            )
            line = start
        else:
            message = _(
                'text follows a closing quote ("); a quote inside a value is written twice ("")'
            )
            line = reader.line_num
        raise CsvImportError([InputProblem(file_name, line, message)]) from None


def _check_header(header: list[str], file_name: str, required: list[str]) -> None:
    problems = []
    missing = [c for c in required if c not in header]
    if missing:
        message = _(
            "missing column(s): %(missing)s (the first line must name the columns: %(required)s)"
        ) % {"missing": ", ".join(missing), "required": ",".join(required)}
        problems.append(InputProblem(file_name, 1, message))
    named = [h for h in header if h]
    repeated = sorted({h for h in named if named.count(h) > 1})
    if repeated:
        message = _("column(s) named twice: %(columns)s") % {"columns": ", ".join(repeated)}
        problems.append(InputProblem(file_name, 1, message))
    if problems:
        raise CsvImportError(problems)


def _value_problem(value: str, column: str, limit: int, start: int, end: int) -> str:
    """What is wrong with one value, or an empty string."""
    stripped = value.strip()
    if not column:
        return _("a value under a column without a name in the header") if stripped else ""
    if len(stripped) > limit:
        return _("%(length)s characters, at most %(limit)s fit here") % {
            "length": f"{len(stripped):,}",
            "limit": f"{limit:,}",
        }
    if "\n" in stripped or "\r" in stripped:
        return _('the value runs over lines %(start)d-%(end)d: is a quote (") left open?') % {
            "start": start,
            "end": end,
        }
    return ""


def stored_length(model: type, name: str) -> int:
    """The longest value the field ``name`` of ``model`` stores: an importer refuses a longer
    one (``MAX_LENGTHS``), never cuts it short."""
    return int(model._meta.get_field(name).max_length)  # type: ignore[attr-defined]
