"""Importing customers from a CSV file.

Required columns: ``account_number``, ``name``. Optional: ``phones`` (several separated by
``;``, ``/`` or ``、``), ``address``, ``village``, ``group``, ``transformer`` (the code of an
imported transformer), ``elderly_alone``, ``important``, ``hardship``, ``medical_need``,
``smart_meter``. Customers are matched by account number. Villages and groups named in the
file are created when the station does not have them yet. A file with any error stores nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from django.db import transaction

from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.engine.errors import InputProblem
from powerdesk.lib.csvfile import CsvImportError, CsvRow, parse_bool, read_csv
from powerdesk.lib.phones import InvalidPhoneNumber, normalize_phone
from powerdesk.network.models import GridNode, ImportRun, NodeKind

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

FLAG_COLUMNS = {
    "elderly_alone": "elderly_alone",
    "important": "important",
    "hardship": "hardship",
    "medical_need": "medical_need",
    "smart_meter": "has_smart_meter",
}
_PHONE_SEPARATORS = re.compile(r"[;,/、，；]")


@dataclass
class _Parsed:
    row: CsvRow
    phones: list[str]
    flags: dict[str, bool]
    transformer: GridNode | None


def customer_import(
    *, station: Station, stream: IO[bytes] | IO[str], file_name: str, user: User | None = None
) -> ImportRun:
    """Import the customers in ``stream`` into ``station``; raise ``CsvImportError`` on errors."""
    rows = list(read_csv(stream, file_name, ["account_number", "name"]))
    transformers = {
        t.code: t for t in GridNode.objects.filter(station=station, kind=NodeKind.TRANSFORMER)
    }
    problems: list[InputProblem] = []
    parsed: list[_Parsed] = []
    seen: dict[str, int] = {}
    for row in rows:
        problems += _check_row(row, file_name, seen)
        phones: list[str] = []
        for raw in _PHONE_SEPARATORS.split(row.get("phones")):
            if not raw.strip():
                continue
            try:
                phones.append(normalize_phone(raw, area_code=station.area_code))
            except InvalidPhoneNumber as exc:
                problems.append(InputProblem(file_name, row.line, str(exc), "phones"))
        flags: dict[str, bool] = {}
        for column, attribute in FLAG_COLUMNS.items():
            value = parse_bool(row.get(column))
            if value is None:
                problems.append(
                    InputProblem(file_name, row.line, f"{row.get(column)!r} is not 1 or 0", column)
                )
            flags[attribute] = bool(value)
        code = row.get("transformer")
        transformer = transformers.get(code) if code else None
        if code and transformer is None:
            problems.append(
                InputProblem(
                    file_name,
                    row.line,
                    f"{code!r} is not a transformer of this station (import the network first)",
                    "transformer",
                )
            )
        parsed.append(_Parsed(row, phones, flags, transformer))
    if problems:
        raise CsvImportError(problems)
    with transaction.atomic():
        return _store(station, parsed, file_name, user)


def _check_row(row: CsvRow, file_name: str, seen: dict[str, int]) -> list[InputProblem]:
    problems = []
    account = row.get("account_number")
    if not account:
        problems.append(
            InputProblem(file_name, row.line, "the account number is empty", "account_number")
        )
    elif account in seen:
        problems.append(
            InputProblem(
                file_name,
                row.line,
                f"account number {account!r} appears twice (first on line {seen[account]})",
                "account_number",
            )
        )
    else:
        seen[account] = row.line
    if not row.get("name"):
        problems.append(InputProblem(file_name, row.line, "the name is empty", "name"))
    if row.get("group") and not row.get("village"):
        problems.append(InputProblem(file_name, row.line, "a group needs its village", "village"))
    return problems


def _store(station: Station, parsed: list[_Parsed], file_name: str, user: User | None) -> ImportRun:
    villages = {v.name: v for v in Village.objects.filter(station=station)}
    groups = {
        (g.village.name, g.name): g
        for g in VillageGroup.objects.filter(station=station).select_related("village")
    }
    existing = {c.account_number: c for c in Customer.objects.filter(station=station)}
    created = updated = 0
    for item in parsed:
        row = item.row
        village = None
        if row.get("village"):
            village = villages.get(row.get("village"))
            if village is None:
                village = Village.objects.create(station=station, name=row.get("village"))
                villages[village.name] = village
        group = None
        if village is not None and row.get("group"):
            group = groups.get((village.name, row.get("group")))
            if group is None:
                group = VillageGroup.objects.create(
                    station=station, village=village, name=row.get("group")
                )
                groups[(village.name, group.name)] = group
        customer = existing.get(row.get("account_number")) or Customer(
            station=station, account_number=row.get("account_number")
        )
        is_new = customer.pk is None
        customer.name = row.get("name")
        customer.address = row.get("address")
        customer.village = village
        customer.group = group
        customer.transformer = item.transformer
        for attribute, value in item.flags.items():
            setattr(customer, attribute, value)
        customer.save()
        known = set(customer.phones.values_list("number", flat=True)) if not is_new else set()
        CustomerPhone.objects.bulk_create(
            [
                CustomerPhone(customer=customer, number=n)
                for n in dict.fromkeys(item.phones)
                if n not in known
            ]
        )
        created += is_new
        updated += not is_new
    return ImportRun.objects.create(
        station=station,
        kind=ImportRun.Kind.CUSTOMERS,
        file_name=file_name,
        created_by=user,
        rows_created=created,
        rows_updated=updated,
    )
