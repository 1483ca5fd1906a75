"""What a customer import's preview warns of without stopping it (walkthrough 31, finding 13):
a phone two rows of the file give, a phone an existing customer of the station has already (at
intake the number would then find two households), a village committee or group the import would
create (a typo of one the station has: "左们, did you mean 左门?"), and an account number that
belongs to a customer of another station (never named: only that the number is taken there).

A warning is kept as a code, its line and its arguments (``ImportWarning.stored``, in the
import's record ``ImportRun.warnings``) and said in the reader's language when shown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.lib.phones import format_phone

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.customers.import_plan import CustomerImportPlan

__all__ = ["ImportWarning", "close_name", "import_warnings", "warning_text"]

# Endings a village committee's name is written with or without ("左门村委会", "左门村").
_VILLAGE_ENDINGS = ("村民委员会", "村委会", "居委会", "社区", "村")
_GROUP_ENDINGS = ("村民小组", "小组", "组", "村")


@dataclass(frozen=True)
class ImportWarning:
    """One thing to look at before confirming: ``code`` (what), ``line`` (the first line of
    the file it is about) and the arguments its words need."""

    code: str
    line: int
    args: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return warning_text(self.stored)

    @property
    def stored(self) -> dict[str, Any]:
        return {"code": self.code, "line": self.line, "args": self.args}


def warning_text(stored: dict[str, Any]) -> str:
    """A warning as the reader's language says it (from ``ImportWarning.stored``)."""
    args = {**stored.get("args", {}), "line": stored.get("line", "")}
    code = stored.get("code", "")
    if code == "phone_twice":
        return _(
            "Lines %(lines)s give the same phone %(number)s (%(who)s): at intake the number "
            "will find each of these households."
        ) % {**args, "lines": _joined(args["lines"]), "who": _joined(args["who"])}
    if code == "phone_taken":
        return (
            _(
                "Line %(line)s: %(number)s, given to %(account)s %(name)s, is already the phone of "
                "%(other)s (%(other_account)s): at intake the number will find both households."
            )
            % args
        )
    if code == "new_village":
        said = _("Line %(line)s: the village committee %(name)s is new; it will be created.") % args
        if args.get("like"):
            said += " " + _("Did you mean %(like)s?") % args
        return said
    if code == "new_group":
        said = (
            _("Line %(line)s: the village group %(village)s·%(name)s is new; it will be created.")
            % args
        )
        if args.get("like"):
            said += " " + _("Did you mean %(village)s·%(like)s?") % args
        return said
    if code == "account_elsewhere":
        return (
            _(
                "Line %(line)s: account number %(account)s belongs to a customer of another "
                "station. Check the number: the import would make a second customer with it here."
            )
            % args
        )
    return code


def _joined(items: list[Any]) -> str:
    return pgettext("list separator", ", ").join(str(i) for i in items)


def import_warnings(station: Station, plan: CustomerImportPlan) -> list[ImportWarning]:
    """Every warning of ``plan`` for ``station``, by the line of the file they are about."""
    found = [
        *_phones_twice(plan),
        *_phones_taken(station, plan),
        *_new_places(station, plan),
        *_accounts_elsewhere(station, plan),
    ]
    return sorted(found, key=lambda w: w.line)


def _added_phones(plan: CustomerImportPlan) -> list[tuple[Any, str]]:
    return [(p, c.new) for p in plan.new + plan.changed for c in p.changes if c.field == "phones"]


def _phones_twice(plan: CustomerImportPlan) -> list[ImportWarning]:
    """A phone given by two rows or more (two households, or a typo)."""
    rows: dict[str, list[Any]] = defaultdict(list)
    for item, number in _added_phones(plan):
        rows[number].append(item)
    return [
        ImportWarning(
            "phone_twice",
            items[0].line,
            {
                "number": format_phone(number),
                "lines": [i.line for i in items],
                "who": [f"{i.account_number} {i.name}" for i in items],
            },
        )
        for number, items in rows.items()
        if len(items) > 1
    ]


def _phones_taken(station: Station, plan: CustomerImportPlan) -> list[ImportWarning]:
    """A phone given to a customer that another customer of the station has already."""
    added = _added_phones(plan)
    owners: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    numbers = sorted({n for _item, n in added})
    # By number, and the station compared here: filtered by station in the query, SQLite walks
    # every customer of the station for each number (10,000 new phones against 10,000 customers
    # took 53 s). In slices, under SQLite's limit of a statement's parameters.
    for start in range(0, len(numbers), 5000):
        for customer_id, number, name, account, station_id in CustomerPhone.objects.filter(
            number__in=numbers[start : start + 5000]
        ).values_list(
            "customer_id",
            "number",
            "customer__name",
            "customer__account_number",
            "customer__station_id",
        ):
            if station_id == station.pk:
                owners[number].append((customer_id, name, account))
    found = []
    for item, number in added:
        for customer_id, name, account in owners.get(number, []):
            if customer_id == item.customer_id:
                continue
            found.append(
                ImportWarning(
                    "phone_taken",
                    item.line,
                    {
                        "number": format_phone(number),
                        "account": item.account_number,
                        "name": item.name,
                        "other": name,
                        "other_account": account,
                    },
                )
            )
    return found


def _new_places(station: Station, plan: CustomerImportPlan) -> list[ImportWarning]:
    """Each village committee and group the import would create, at the first line naming it,
    with the station's own one whose name is nearly the same."""
    if not plan.new_villages and not plan.new_groups:
        return []
    villages = list(Village.objects.filter(station=station).values_list("name", flat=True))
    groups: dict[str, list[str]] = defaultdict(list)
    for village, group in VillageGroup.objects.filter(station=station).values_list(
        "village__name", "name"
    ):
        groups[village].append(group)
    first_village: dict[str, int] = {}
    first_group: dict[tuple[str, str], int] = {}
    for item in plan.new + plan.changed:
        village = next((c.new for c in item.changes if c.field == "village"), "")
        first_village.setdefault(village, item.line)
        for c in item.changes:
            if c.field != "group" or not c.new:
                continue
            # The group's village: the row's, else the customer's own (a group alone).
            for v, g in plan.new_groups:
                if g == c.new and village in ("", v):
                    first_group.setdefault((v, g), item.line)
    found = [
        ImportWarning(
            "new_village",
            first_village.get(name, 0),
            {"name": name, "like": close_name(name, villages, _VILLAGE_ENDINGS)},
        )
        for name in plan.new_villages
    ]
    found += [
        ImportWarning(
            "new_group",
            first_group.get((village, name), 0),
            {
                "village": village,
                "name": name,
                "like": close_name(name, groups.get(village, []), _GROUP_ENDINGS),
            },
        )
        for village, name in plan.new_groups
    ]
    return found


def _accounts_elsewhere(station: Station, plan: CustomerImportPlan) -> list[ImportWarning]:
    """A new customer's account number that a customer of another station of the same county
    company has (the county issues the numbers, one per customer across its stations). Nothing
    of that customer is read but that the number is taken; another company's stations are not
    asked at all (docs/roles.md: the one thing a station learns of another's records)."""
    lines = {p.account_number: p.line for p in plan.new}
    taken = (
        Customer.objects.filter(station__company_id=station.company_id)
        .exclude(station=station)
        .filter(account_number__in=lines)
        .values_list("account_number", flat=True)
        .distinct()
    )
    return [ImportWarning("account_elsewhere", lines[a], {"account": a}) for a in set(taken)]


def close_name(name: str, names: list[str], endings: tuple[str, ...] = ()) -> str:
    """The one of ``names`` that ``name`` is most likely a slip of ("左们" for "左门": one
    character off, or the same but for an ending such as 村委会); "" when none is.

    >>> close_name("左们", ["左门", "光禄", "大村"], _VILLAGE_ENDINGS)
    '左门'
    >>> close_name("左门村委会", ["左门"], _VILLAGE_ENDINGS)
    '左门'
    >>> close_name("新组", ["哔叭", "干海"])
    ''
    """
    bare = _bare(name, endings)
    best, best_distance = "", 2
    for other in names:
        if other == name:
            continue
        other_bare = _bare(other, endings)
        distance = 0 if other_bare == bare else _distance(bare, other_bare)
        # One character off only in a name of two or more (a one-character name is any other).
        if distance < best_distance and (distance == 0 or min(len(bare), len(other_bare)) >= 2):
            best, best_distance = other, distance
    return best


def _bare(name: str, endings: tuple[str, ...]) -> str:
    for ending in endings:
        if name.endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)]
    return name


def _distance(a: str, b: str) -> int:
    """Edit distance (insert, delete, replace), stopping early past 1."""
    if abs(len(a) - len(b)) > 1:
        return 2
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
