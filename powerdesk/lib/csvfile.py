"""Reading CSV files that people made in Excel or by hand, with errors that say where."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from powerdesk.engine.errors import InputProblem

__all__ = ["CsvImportError", "CsvRow", "parse_bool", "read_csv"]

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


def read_csv(stream: IO[bytes] | IO[str], file_name: str, required: list[str]) -> Iterator[CsvRow]:
    """Rows of a UTF-8 CSV file (with or without Excel's BOM); the header is line 1.

    Raises ``CsvImportError`` when the file is not UTF-8 or lacks a required column.
    """
    raw = stream.read()
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise CsvImportError(
                [InputProblem(file_name, line, "the file is not UTF-8 text (save it as CSV UTF-8)")]
            ) from None
    else:
        text = raw.removeprefix("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing = [c for c in required if c not in header]
    if missing:
        raise CsvImportError(
            [InputProblem(file_name, 1, f"missing column(s): {', '.join(missing)}")]
        )
    for values in reader:
        if not any((v or "").strip() for v in values.values() if isinstance(v, str)):
            continue
        yield CsvRow(reader.line_num, {k: v for k, v in values.items() if isinstance(k, str)})


def parse_bool(value: str) -> bool | None:
    """``True``/``False`` for the usual spellings (1/0, yes/no, 是/否), ``None`` otherwise."""
    folded = value.strip().lower()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    return None
