"""Reading an interruptions file: ``id,start,end,customers,planned``, one interruption a row.

Times are ISO 8601 with a zone; ``customers`` is how many customers the interruption took
supply from (1 to the number served); ``planned`` is 0 or 1. Every bad row is named by its
line, all at once, so a file is fixed in one pass.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from powerdesk.engine.errors import InputProblem, InterruptionsError
from powerdesk.engine.reliability import Interruption

__all__ = ["COLUMNS", "parse_interruptions", "read_interruptions"]

COLUMNS = ("id", "start", "end", "customers", "planned")


def read_interruptions(path: str | Path, *, customers_served: int) -> list[Interruption]:
    """The file's interruptions; raise ``InterruptionsError`` naming every bad row's line.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "INTERRUPTIONS.csv"
    >>> _ = path.write_text("id,start,end,customers,planned\\n"
    ...                     "I1,2026-05-04T10:00+08:00,2026-05-04T12:30+08:00,40,1\\n")
    >>> [(i.customers, i.planned, i.end - i.start) for i in read_interruptions(
    ...     path, customers_served=100)]
    [(40, True, datetime.timedelta(seconds=9000))]
    """
    path = Path(path)
    name = path.name
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InterruptionsError(
            [InputProblem(name, 0, f"cannot be read: {exc.strerror}")]
        ) from None
    except UnicodeDecodeError:
        raise InterruptionsError([InputProblem(name, 1, "is not UTF-8 text")]) from None
    return parse_interruptions(text, name=name, customers_served=customers_served)


def parse_interruptions(text: str, *, name: str, customers_served: int) -> list[Interruption]:
    """As ``read_interruptions``, from the file's text.

    >>> try:
    ...     parse_interruptions("id,start,end,customers,planned\\n"
    ...                         "I1,2026-05-04T10:00+08:00,,400,0\\n",
    ...                         name="INTERRUPTIONS.csv", customers_served=100)
    ... except InterruptionsError as error:
    ...     print(error)
    INTERRUPTIONS.csv, line 2, column end: '' is not an ISO 8601 time
    INTERRUPTIONS.csv, line 2, column customers: 400 customers: more than the 100 served
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [c.strip() for c in next(reader, [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise InterruptionsError(
            [InputProblem(name, 1, f"missing column(s): {', '.join(missing)}")]
        )
    at = {c: header.index(c) for c in COLUMNS}
    problems: list[InputProblem] = []
    items: list[Interruption] = []
    seen: dict[str, int] = {}
    line = reader.line_num + 1
    for row in reader:
        here, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        row = row + [""] * (len(header) - len(row))
        found: list[tuple[str, str]] = []
        item = _row(row, at, customers_served, found)
        problems.extend(InputProblem(name, here, msg, column) for msg, column in found)
        key = row[at["id"]].strip()
        if key in seen:
            problems.append(
                InputProblem(name, here, f"id {key!r} is also on line {seen[key]}", "id")
            )
        elif key:
            seen[key] = here
        if item is not None:
            items.append(item)
    if problems:
        raise InterruptionsError(problems)
    return items


def _row(
    row: list[str], at: dict[str, int], customers_served: int, found: list[tuple[str, str]]
) -> Interruption | None:
    """One row as an interruption, or None with what is wrong with it added to ``found``."""

    def problem(message: str, column: str) -> None:
        found.append((message, column))

    ok = True
    if not row[at["id"]].strip():
        problem("no id", "id")
        ok = False
    times: list[dt.datetime] = []
    for column in ("start", "end"):
        value = row[at[column]].strip()
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            problem(f"{value!r} is not an ISO 8601 time", column)
            ok = False
            continue
        if moment.tzinfo is None or moment.utcoffset() is None:
            problem(f"{value!r} has no zone (add +08:00 or Z)", column)
            ok = False
            continue
        times.append(moment)
    if len(times) == 2 and times[1] < times[0]:
        problem("ends before it starts", "end")
        ok = False
    value = row[at["customers"]].strip()
    try:
        customers = int(value)
    except ValueError:
        problem(f"{value!r} is not a whole number", "customers")
        customers, ok = 0, False
    else:
        if customers <= 0:
            problem(f"{customers} customers: must be at least 1", "customers")
            ok = False
        elif customers > customers_served:
            problem(f"{customers} customers: more than the {customers_served} served", "customers")
            ok = False
    planned = row[at["planned"]].strip()
    if planned not in ("0", "1"):
        problem(f"{planned!r}: planned must be 0 or 1", "planned")
        ok = False
    if not ok:
        return None
    return Interruption(times[0], times[1], customers, planned == "1")
