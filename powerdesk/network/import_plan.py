"""What a network file would do to the station's network, worked out without storing anything:
the elements it adds, changes (each field, old → new) and moves (from which parent and feeder to
which, with the stored elements and households that go with it), the customers it adds or
changes, and what it leaves as it is. The import page previews it; the import applies it
(``import_store``) only when the plan made again under the station's write lock is the one
previewed (the same ``fingerprint``).

An element moved to another feeder takes its whole stored subtree with it: each feeder is one
tree and what is below a device is looked for on its feeder alone (``selectors.subtree_ids``);
children left on the old feeder would drop out of every outage on the new one (review46, 3).

A row under a stored element is on the feeder of its nearest ancestor that is a row of the
file (up through the stored elements), else on that of the stored line it hangs under: a row
below a stored element that another row's move carries goes along to the new feeder (review50,
2). A move is refused while an outage is open where it changes the network (``import_moves``).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from powerdesk.community.models import Village
from powerdesk.engine.errors import InputProblem
from powerdesk.lib.csvfile import CsvTable, parse_bool
from powerdesk.network.import_kinds import (
    kind_after,
    kinds_under_open_outages,
    transformers_emptied,
)
from powerdesk.network.import_moves import open_outages_in_the_way, parent_code, places_of_move
from powerdesk.network.import_parse import NODE_NUMBER_COLUMNS, NODE_TEXT_COLUMNS, Parsed
from powerdesk.network.import_plan_rows import Change, ElementPlan, Move, shown
from powerdesk.network.models import Feeder, GridNode, NodeKind
from powerdesk.network.selectors import households_per_transformer

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station

__all__ = ["Change", "ElementPlan", "Move", "NetworkImportPlan", "network_plan"]


@dataclass
class NetworkImportPlan:
    file_name: str
    rows: list[ElementPlan]
    new_feeders: list[tuple[str, str]]  # (code, name)
    new_villages: list[str]
    problems: list[InputProblem]

    @property
    def added(self) -> list[ElementPlan]:
        return [r for r in self.rows if r.is_new]

    @property
    def changed(self) -> list[ElementPlan]:
        return [r for r in self.rows if not r.is_new and r.changes]

    @property
    def moved(self) -> list[ElementPlan]:
        """The stored elements given another parent. A row of the file below one that moves
        to another feeder (under it in the file, or under stored elements below it) goes along;
        it is listed as changed (its feeder)."""
        return [r for r in self.rows if r.move is not None and r.move.parent_changes]

    @property
    def unchanged(self) -> int:
        return sum(1 for r in self.rows if not r.is_new and not r.changes)

    @property
    def fingerprint(self) -> str:
        """The same for two plans that would store the same: the preview's, checked when the
        import is confirmed."""
        stored = {
            "rows": [asdict(r) for r in self.rows],
            "feeders": self.new_feeders,
            "villages": self.new_villages,
        }
        text = json.dumps(stored, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def network_plan(
    station: Station, table: CsvTable, parsed: list[Parsed], file_name: str
) -> NetworkImportPlan:
    """What importing ``parsed`` (rows of a file with no problem) into ``station`` would do."""

    by_id = {p.id: p for p in parsed}
    stored = {n.code: n for n in GridNode.objects.filter(station=station).select_related("feeder")}
    by_pk = {n.pk: n for n in stored.values()}
    feeders = {f.code: f.name for f in Feeder.objects.filter(station=station)}
    villages = dict(Village.objects.filter(station=station).values_list("pk", "name"))
    children: dict[int, list[int]] = defaultdict(list)
    for element in stored.values():
        if element.parent_id is not None:
            children[element.parent_id].append(element.pk)
    plan = NetworkImportPlan(file_name, [], [], [], [])

    def root_of(item: Parsed) -> Parsed:
        while item.parent and item.parent in by_id:
            item = by_id[item.parent]
        return item

    feeder_codes: dict[str, str] = {}  # a row's feeder, once worked out

    def feeder_of(item: Parsed) -> str:
        """The feeder of the tree ``item`` is in once the file is stored: that of its nearest
        ancestor that is a row of the file, up through the stored elements a row hangs under
        (a row under a stored element that another row's move carries goes along; review50,
        2), else that of the stored line's source it hangs under."""
        walked: set[str] = set()
        current, code = item, feeder_codes.get(item.id)
        while code is None:
            walked.add(current.id)
            root = root_of(current)
            if not root.parent:
                code = root_feeder(root)
                break
            # Under an element already stored: up the stored elements to the first that is a
            # row of the file, whose feeder (as the file makes it) is this one's.
            node: GridNode | None = stored[root.parent]
            top = stored[root.parent]
            while node is not None and node.code not in by_id:
                top = node
                node = by_pk[node.parent_id] if node.parent_id is not None else None
            if node is None or node.code in walked:  # (a cycle is refused before the plan)
                code = top.feeder.code
                break
            current = by_id[node.code]
            code = feeder_codes.get(current.id)
        for code_of_row in walked:
            feeder_codes[code_of_row] = code
        return code

    def root_feeder(root: Parsed) -> str:
        if root.id in stored:  # a line's source already stored: its line
            return stored[root.id].feeder.code
        if root.id not in feeders:
            feeders[root.id] = root.row.get("feeder") or root.row.get("name") or root.id
            plan.new_feeders.append((root.id, feeders[root.id]))
        return root.id

    def village_named(name: str) -> str:
        if name and name not in villages.values() and name not in plan.new_villages:
            plan.new_villages.append(name)
        return name

    def below(pk: int, *, stop: set[str]) -> list[int]:
        """The stored elements below ``pk``, not going into those of ``stop`` (rows of the
        file: each row's own element carries what is below it)."""
        found, stack = [], list(children.get(pk, []))
        while stack:
            nxt = stack.pop()
            if by_pk[nxt].code in stop:
                continue
            found.append(nxt)
            stack.extend(children.get(nxt, []))
        return found

    households = households_per_transformer(station)
    file_codes = set(by_id)
    moves: list[tuple[Parsed, set[int]]] = []  # each move's row, and the places it changes
    for item in (p for p in parsed if p.kind != "customer"):
        node = stored.get(item.id)
        after: dict[str, Any] = {
            "feeder": feeder_of(item),
            "parent": item.parent,
            # A ``node`` row keeps a stored pole a pole (``import_kinds``).
            "kind": kind_after(item, node),
        }
        for column, attribute in NODE_TEXT_COLUMNS.items():
            if table.has(column):
                after[attribute] = item.row.get(column)
        if table.has("village"):
            after["village"] = village_named(item.row.get("village"))
        for column in NODE_NUMBER_COLUMNS:
            if table.has(column):
                after[column] = item.numbers.get(column)
        if table.has("lightning_zone"):
            after["lightning_zone"] = item.lightning_zone
        before = _node_values(node, by_pk, villages) if node is not None else {}
        changes = [
            Change(key, shown(before[key]), shown(value))
            if key != "feeder"
            else Change(
                key, before[key], value, feeders.get(before[key], ""), feeders.get(value, "")
            )
            for key, value in after.items()
            if node is not None and before[key] != value
        ]
        move = None
        if node is not None and {"feeder", "parent"} & {c.field for c in changes}:
            under = below(node.pk, stop=set())
            carried = below(node.pk, stop=file_codes) if before["feeder"] != after["feeder"] else []
            move = Move(
                from_parent=before["parent"],
                to_parent=after["parent"],
                from_feeder=before["feeder"],
                to_feeder=after["feeder"],
                elements_below=len(under),
                households=sum(households[pk] for pk in [node.pk, *under]),
                carried=tuple(sorted(carried)),
                from_feeder_name=feeders.get(before["feeder"], ""),
                to_feeder_name=feeders.get(after["feeder"], ""),
            )
            moves.append((item, places_of_move(item, node, under, by_id, stored, by_pk)))
        plan.rows.append(
            ElementPlan(item.row.line, item.id, after["kind"], node is None, changes, after, move)
        )
    plan.problems += open_outages_in_the_way(station, file_name, moves)
    plan.rows += _customer_rows(station, parsed, by_id, stored, by_pk, village_named)
    # A transformer made another kind with households under it; a kind changed under an open
    # outage.
    plan.problems += transformers_emptied(file_name, plan.rows, stored, households)
    plan.problems += kinds_under_open_outages(station, file_name, plan.rows, stored)
    return plan


def _customer_rows(
    station: Station,
    parsed: list[Parsed],
    by_id: dict[str, Parsed],
    stored: dict[str, GridNode],
    by_pk: dict[int, GridNode],
    village_named: Any,
) -> list[ElementPlan]:
    """The file's customer rows: each under its nearest transformer (one query, however many)."""
    from powerdesk.customers.models import Customer

    items = [p for p in parsed if p.kind == "customer"]
    if not items:
        return []
    customers = {
        c.account_number: c
        for c in Customer.objects.filter(station=station).select_related("village", "transformer")
    }
    rows: list[ElementPlan] = []
    for item in items:
        customer = customers.get(item.id)
        before = _customer_values(customer) if customer is not None else {}
        ami = parse_bool(item.row.get("ami"))
        after = {
            "name": item.row.get("name") or before.get("name") or item.id,
            "transformer": _nearest_transformer(item, by_id, stored, by_pk),
            "village": village_named(item.row.get("village")) or before.get("village", ""),
            "has_smart_meter": ("1" if ami else "0")
            if item.row.get("ami") and ami is not None
            else before.get("has_smart_meter", "0"),
        }
        changes = [
            Change(key, before[key], value)
            for key, value in after.items()
            if customer is not None and before[key] != value
        ]
        rows.append(
            ElementPlan(item.row.line, item.id, "customer", customer is None, changes, after)
        )
    return rows


def _node_values(
    node: GridNode, by_pk: dict[int, GridNode], villages: dict[int, str]
) -> dict[str, Any]:
    """What a network file sets on a grid element, as the plan says it."""
    values: dict[str, Any] = {
        "feeder": node.feeder.code,
        "parent": parent_code(node, by_pk),
        "kind": node.kind,
        "village": villages.get(node.village_id, "") if node.village_id else "",
        "lightning_zone": node.lightning_zone,
    }
    values.update({a: getattr(node, a) for a in NODE_TEXT_COLUMNS.values()})
    values.update({c: getattr(node, c) for c in NODE_NUMBER_COLUMNS})
    return values


def _customer_values(customer: Any) -> dict[str, str]:
    """What a network file sets on a customer, in the form of the customer's history."""
    return {
        "name": customer.name,
        "transformer": customer.transformer.code if customer.transformer_id else "",
        "village": customer.village.name if customer.village_id else "",
        "has_smart_meter": "1" if customer.has_smart_meter else "0",
    }


def _nearest_transformer(
    item: Parsed, by_id: dict[str, Parsed], stored: dict[str, GridNode], by_pk: dict[int, GridNode]
) -> str:
    """The code of the transformer above a customer row: in the file, else as stored."""
    parent = item.parent
    while parent in by_id:
        if by_id[parent].kind == "transformer":
            return parent
        parent = by_id[parent].parent
    node = stored.get(parent) if parent else None
    while node is not None:
        if node.kind == NodeKind.TRANSFORMER:
            return node.code
        node = by_pk.get(node.parent_id) if node.parent_id else None
    return ""
