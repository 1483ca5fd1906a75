"""Importing customers from a CSV file: first a plan of what would change, then applying it.

Required columns: ``account_number``, ``name``. Optional: ``phones`` (several separated by
``;``, ``/`` or ``、``), ``address``, ``village``, ``group``, ``transformer`` (the code of an
imported transformer), ``elderly_alone``, ``important``, ``hardship``, ``medical_need``,
``smart_meter``, ``customer_type`` (``household``, ``clinic``, ``water_pump``, ``school``,
``important``, or their Chinese names: 居民, 诊所/医院, 饮水泵站, 学校, 重要用户). Customers are
matched by account number.

A re-import changes only what the file says: a column the file does not have, and an empty cell
in a column it has, leave the customer's value as it is. A flag is cleared only by an explicit
``0`` (or 否, no); phones are added, never removed. A customer moved to another village without
a group leaves their old group (it belongs to the old village). Villages and groups named in the
file are created when the station does not have them yet.

``customer_import_preview`` says what an import would do (new, changed with which fields,
unchanged, every care flag that changes) and stores nothing; ``customer_import`` applies it and
writes every change into the customer's history. A file with any error stores nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from powerdesk.accounts.models import Station
from powerdesk.accounts.permissions import Do, require
from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.import_apply import import_apply
from powerdesk.customers.import_headers import export_headers
from powerdesk.customers.import_plan import (
    FLAG_COLUMNS,
    CustomerImportPlan,
    CustomerPlan,
    FieldChange,
    ImportPlanChanged,
)
from powerdesk.customers.import_stamp import import_stamp
from powerdesk.customers.import_warnings import import_warnings
from powerdesk.customers.models import Customer, CustomerPhone, CustomerType
from powerdesk.customers.selectors import without_format
from powerdesk.engine.errors import InputProblem
from powerdesk.lib.csvfile import (
    CsvRow,
    CsvTable,
    parse_bool,
    read_csv,
    refuse_if_problems,
    stored_length,
    stream_again,
)
from powerdesk.lib.phones import InvalidPhoneNumber, normalize_phone
from powerdesk.network.models import GridNode, ImportRun, NodeKind

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = [
    "COLUMNS",
    "CustomerImportPlan",
    "CustomerPlan",
    "FieldChange",
    "ImportPlanChanged",
    "customer_import",
    "customer_import_preview",
]

COLUMNS = [
    "account_number",
    "name",
    "phones",
    "address",
    "village",
    "group",
    "transformer",
    *FLAG_COLUMNS,
    "customer_type",
]
# What a customer_type cell may say, besides the type's own value: the names stations use.
TYPE_NAMES = {
    **{t.value: t.value for t in CustomerType},
    "居民": CustomerType.HOUSEHOLD,
    "普通居民": CustomerType.HOUSEHOLD,
    "居民用户": CustomerType.HOUSEHOLD,
    "诊所": CustomerType.CLINIC,
    "医院": CustomerType.CLINIC,
    "诊所/医院": CustomerType.CLINIC,
    "卫生室": CustomerType.CLINIC,
    "卫生院": CustomerType.CLINIC,
    "饮水泵站": CustomerType.WATER_PUMP,
    "人饮泵站": CustomerType.WATER_PUMP,
    "泵站": CustomerType.WATER_PUMP,
    "学校": CustomerType.SCHOOL,
    "小学": CustomerType.SCHOOL,
    "重要用户": CustomerType.IMPORTANT,
    "其他重要用户": CustomerType.IMPORTANT,
}
_PHONE_SEPARATORS = re.compile(r"[;,/、，；]")


# Each value must fit where it is stored: a longer one is an error, never cut short.
MAX_LENGTHS = {
    "account_number": stored_length(Customer, "account_number"),
    "name": stored_length(Customer, "name"),
    "address": stored_length(Customer, "address"),
    "village": stored_length(Village, "name"),
    "group": stored_length(VillageGroup, "name"),
    "transformer": stored_length(GridNode, "code"),
}


def customer_import_preview(
    *, station: Station, stream: IO[bytes] | IO[str], file_name: str, user: User | None = None
) -> CustomerImportPlan:
    """What importing ``stream`` would do; stores nothing. Raises ``CsvImportError``, and
    ``NotAllowed`` for a user who may not import at the station (None: the system)."""
    require(user, station, Do.IMPORT_CSV)
    return _plan(station, stream, file_name)


def customer_import(
    *,
    station: Station,
    stream: IO[bytes] | IO[str],
    file_name: str,
    user: User | None = None,
    expected_fingerprint: str | None = None,
) -> ImportRun:
    """Import the customers in ``stream`` into ``station`` and record each change.

    With ``expected_fingerprint`` (the previewed plan's), the import is applied only if it would
    still do exactly what the preview showed; otherwise ``ImportPlanChanged`` is raised and
    nothing is stored. Raises ``CsvImportError`` for a file with problems.
    """
    require(user, station, Do.IMPORT_CSV)
    data = stream.read()
    # The plan is made before the write lock is taken: on SQLite that lock stops every write of
    # every station (a call logged, a crew's step), and planning a large file takes seconds
    # (probe 36: 14 s for 100,000 rows). Under the lock, the plan is made again only if what it
    # read changed meanwhile.
    stamp = import_stamp(station)
    plan = _plan(station, stream_again(data), file_name)
    if expected_fingerprint is not None and plan.fingerprint != expected_fingerprint:
        raise ImportPlanChanged(plan)
    with transaction.atomic():
        # One import of a station at a time, so that the plan cannot change while it is applied.
        Station.objects.select_for_update().filter(pk=station.pk).first()
        if import_stamp(station) != stamp:
            plan = _plan(station, stream_again(data), file_name)
            if expected_fingerprint is not None and plan.fingerprint != expected_fingerprint:
                raise ImportPlanChanged(plan)
        return import_apply(station, plan, user)


def _plan(station: Station, stream: IO[bytes] | IO[str], file_name: str) -> CustomerImportPlan:
    # Every problem of the file at once: the table's (a short row, a name too long) with those
    # of every value read (an unknown customer type), not one kind per upload (walk32, 6).
    # The customer list's export is read back as it is (its headers, its apostrophes before a
    # value a spreadsheet would take for a formula: probe73 L8).
    table = read_csv(
        stream,
        file_name,
        ["account_number", "name"],
        max_lengths=MAX_LENGTHS,
        keep_going=True,
        exported=True,
        aliases=export_headers(),
    )
    context = _Context.load(station, table)
    problems: list[InputProblem] = []
    plans = [_plan_row(row, context, file_name, problems) for row in table.rows]
    refuse_if_problems(table, problems)
    new = [p for p in plans if p.is_new]
    changed = [p for p in plans if not p.is_new and p.changes]
    plan = CustomerImportPlan(
        file_name=file_name,
        ignored_columns=[c for c in table.columns if c and c not in COLUMNS],
        new=new,
        changed=changed,
        unchanged=len(plans) - len(new) - len(changed),
        new_villages=list(context.new_villages),
        new_groups=list(context.new_groups),
    )
    # What deserves a second look and does not stop the import (a phone shared, a village new).
    plan.warnings = import_warnings(station, plan)
    return plan


@dataclass
class _Context:
    station: Station
    table: CsvTable
    existing: dict[str, Customer]
    phones: dict[int, set[str]]
    transformers: dict[str, GridNode]
    villages: set[str]
    groups: set[tuple[str, str]]
    new_villages: dict[str, None] = field(default_factory=dict)
    new_groups: dict[tuple[str, str], None] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)
    transformer_names: dict[str, str] = field(default_factory=dict)  # a unique name → its code

    @classmethod
    def load(cls, station: Station, table: CsvTable) -> _Context:
        accounts = {without_format(row.get("account_number")) for row in table.rows}
        existing = {
            c.account_number: c
            for c in Customer.objects.filter(station=station, account_number__in=accounts)
            .select_related("village", "group", "transformer")
            .order_by()
        }
        phones: dict[int, set[str]] = {}
        for customer_id, number in CustomerPhone.objects.filter(
            customer__in=[c.pk for c in existing.values()]
        ).values_list("customer_id", "number"):
            phones.setdefault(customer_id, set()).add(number)
        transformers = {
            t.code: t for t in GridNode.objects.filter(station=station, kind=NodeKind.TRANSFORMER)
        }
        named = Counter(t.name for t in transformers.values())
        return cls(
            station=station,
            table=table,
            existing=existing,
            phones=phones,
            transformers=transformers,
            transformer_names={
                t.name: code
                for code, t in transformers.items()
                if t.name and named[t.name] == 1 and t.name not in transformers
            },
            villages=set(Village.objects.filter(station=station).values_list("name", flat=True)),
            groups=set(
                VillageGroup.objects.filter(station=station).values_list("village__name", "name")
            ),
        )

    def given(self, row: CsvRow, column: str) -> str:
        """The row's value of ``column``; empty when the file lacks the column."""
        return row.get(column) if self.table.has(column) else ""


def _plan_row(
    row: CsvRow, ctx: _Context, file_name: str, problems: list[InputProblem]
) -> CustomerPlan:
    def problem(message: str, column: str) -> None:
        problems.append(InputProblem(file_name, row.line, message, column))

    # (an invisible character a paste carried tells no account apart: probe72, H1)
    account = without_format(row.get("account_number"))
    name = row.get("name")
    if not account:
        problem(_("the account number is empty"), "account_number")
    elif account in ctx.seen:
        problem(
            _("account number '%(account)s' appears twice (first on line %(first)d)")
            % {"account": account, "first": ctx.seen[account]},
            "account_number",
        )
    else:
        ctx.seen[account] = row.line
    if not name:
        problem(_("the name is empty"), "name")
    customer = ctx.existing.get(account) if account else None
    plan = CustomerPlan(row.line, account, name, customer.pk if customer else None)
    old = _values(customer, ctx.phones.get(customer.pk, set()) if customer else set())

    def change(field_name: str, new: str) -> None:
        if old.get(field_name, "") != new:
            plan.changes.append(FieldChange(field_name, old.get(field_name, ""), new))

    if name:
        change("name", name)
    if address := ctx.given(row, "address"):
        change("address", address)
    village = ctx.given(row, "village")
    group = ctx.given(row, "group")
    if village:
        change("village", village)
        if village not in ctx.villages:
            ctx.new_villages[village] = None
        if not group and village != old.get("village") and old.get("group"):
            change("group", "")
    if group:
        in_village = village or old.get("village", "")
        # The export writes a group as "village·group" (``VillageGroup.__str__``).
        group = group.removeprefix(f"{in_village}·") if in_village else group
        if not in_village:
            problem(_("a group needs its village"), "village")
        else:
            change("group", group)
            if (in_village, group) not in ctx.groups:
                ctx.new_groups[(in_village, group)] = None
    if code := ctx.given(row, "transformer"):
        code = ctx.transformer_names.get(code, code)  # the export writes its name
        if code not in ctx.transformers:
            problem(
                _("'%(code)s' is not a transformer of this station (import the network first)")
                % {"code": code},
                "transformer",
            )
        else:
            change("transformer", code)
    for column, attribute in FLAG_COLUMNS.items():
        text = ctx.given(row, column)
        if not text:
            continue  # empty: leave the flag as it is (a new customer's stays off)
        value = parse_bool(text)
        if value is None:
            problem(_("'%(value)s' is not 1 or 0 (or 是, 否)") % {"value": text}, column)
        elif value or customer is not None:
            change(attribute, "1" if value else "0")
    if text := ctx.given(row, "customer_type"):
        kind = TYPE_NAMES.get(text.strip().lower())
        if kind is None:
            problem(
                _("'%(value)s' is not a customer type: use one of %(types)s")
                % {"value": text, "types": _type_names()},
                "customer_type",
            )
        elif customer is not None or kind != CustomerType.HOUSEHOLD:
            change("customer_type", str(kind))
    known = ctx.phones.get(customer.pk, set()) if customer else set()
    for raw in _PHONE_SEPARATORS.split(ctx.given(row, "phones")):
        if not raw.strip():
            continue
        try:
            number = normalize_phone(raw, area_code=ctx.station.area_code)
        except InvalidPhoneNumber:
            problem(
                _(
                    "'%(phone)s' is not a telephone number that can be dialled "
                    "(too few or too many digits?)"
                )
                % {"phone": raw.strip()},
                "phones",
            )
            continue
        if number not in known:
            known = known | {number}
            plan.changes.append(FieldChange("phones", "", number))
    return plan


def _type_names() -> str:
    """The customer types a cell may name: each code with its name in the reader's language
    ("household (household)", "clinic (诊所/医院)")."""
    return pgettext("list separator", ", ").join(f"{t.value} ({t.label})" for t in CustomerType)


def _values(customer: Customer | None, phones: set[str]) -> dict[str, str]:
    """A customer's values in the history's form (empty for a new customer)."""
    if customer is None:
        return {}
    values = {
        "name": customer.name,
        "address": customer.address,
        "village": customer.village.name if customer.village else "",
        "group": customer.group.name if customer.group else "",
        "transformer": customer.transformer.code if customer.transformer else "",
        "customer_type": customer.customer_type,
    }
    for attribute in FLAG_COLUMNS.values():
        values[attribute] = "1" if getattr(customer, attribute) else "0"
    return values
