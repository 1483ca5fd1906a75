"""A network file's plan stored (``importing.network_import``, once the plan is checked): the new
lines and villages created, each element added or changed, an element moved to another feeder
with its whole stored subtree, the customers under their nearest transformer with a line of
their history for every change, and the import's record with the moves it made. Every write is
batched: the queries do not grow with the rows of the file."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from django.utils import timezone

from powerdesk.community.models import Village
from powerdesk.network.import_plan import ElementPlan, NetworkImportPlan
from powerdesk.network.import_runs import import_run_record
from powerdesk.network.models import Feeder, GridNode, ImportRun

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

__all__ = ["network_store"]


def network_store(station: Station, plan: NetworkImportPlan, user: User | None) -> ImportRun:
    feeders = {f.code: f for f in Feeder.objects.filter(station=station)}
    for code, name in plan.new_feeders:
        feeders[code] = Feeder.objects.create(station=station, code=code, name=name)
    villages = {v.name: v for v in Village.objects.filter(station=station)}
    for name in plan.new_villages:
        villages[name] = Village.objects.create(station=station, name=name)
    existing = {n.code: n for n in GridNode.objects.filter(station=station)}
    grid = [r for r in plan.rows if not r.is_customer and (r.is_new or r.changes)]
    # Written in batches: the queries do not grow with the rows a file adds, changes or moves
    # (review50, 10).
    nodes: dict[str, GridNode] = {}
    for row in grid:
        node = existing.get(row.code) or GridNode(station=station, code=row.code)
        for key, value in row.after.items():
            if key == "feeder":
                node.feeder = feeders[value]
            elif key == "village":
                node.village = villages[value] if value else None
            elif key != "parent":
                setattr(node, key, value)
        nodes[row.code] = node
    # The new ones are created first, without their parent: a parent may come later in the file.
    GridNode.objects.bulk_create([n for n in nodes.values() if n.pk is None], batch_size=500)
    for row in grid:
        code = row.after["parent"]
        nodes[row.code].parent = (nodes.get(code) or existing[code]) if code else None
    if grid:
        fields = {key for row in grid for key in row.after}
        GridNode.objects.bulk_update(list(nodes.values()), sorted(fields), batch_size=500)
    carried: dict[str, list[int]] = defaultdict(list)
    for row in plan.rows:
        if row.move is not None and row.move.carried:
            carried[row.move.to_feeder] += row.move.carried
    for code, pks in carried.items():
        # What is below it goes with it: each feeder stays one tree (review46, 3).
        GridNode.objects.filter(station=station, pk__in=pks).update(feeder=feeders[code])
    moves = []
    for row in plan.moved:
        move = row.move
        assert move is not None
        moves.append(
            {
                "code": row.code,
                "from_parent": move.from_parent,
                "to_parent": move.to_parent,
                "from_feeder": move.from_feeder,
                "to_feeder": move.to_feeder,
                "elements_below": move.elements_below,
                "households": move.households,
            }
        )
    _store_customers(station, plan, user, villages)
    return import_run_record(
        station,
        ImportRun.Kind.NETWORK,
        file_name=plan.file_name,
        user=user,
        created=len(plan.added),
        updated=len(plan.changed),
        unchanged=plan.unchanged,
        moves=moves,
    )


def _store_customers(
    station: Station, plan: NetworkImportPlan, user: User | None, villages: dict[str, Village]
) -> None:
    """The file's customer rows, written in batches (a fixed number of queries however many)."""
    from powerdesk.customers.connected import connected_on_for_new
    from powerdesk.customers.models import Customer, CustomerHistory, customer_history_rows

    rows = [r for r in plan.rows if r.is_customer and (r.is_new or r.changes)]
    if not rows:
        return
    transformers = {
        n.code: n
        for n in GridNode.objects.filter(
            station=station, code__in={r.after["transformer"] for r in rows}
        )
    }
    existing = {
        c.account_number: c
        for c in Customer.objects.filter(
            station=station, account_number__in=[r.code for r in rows if not r.is_new]
        ).order_by()
    }
    # From when a new customer counts in the reliability figures, as the customer file's.
    connected_on = connected_on_for_new(station)
    stored: list[tuple[ElementPlan, Customer]] = []
    for row in rows:
        customer = existing.get(row.code) or Customer(
            station=station, account_number=row.code, connected_on=connected_on
        )
        customer.name = row.after["name"]
        customer.transformer = transformers.get(row.after["transformer"])
        if row.after["village"]:
            customer.village = villages[row.after["village"]]
        customer.has_smart_meter = row.after["has_smart_meter"] == "1"
        stored.append((row, customer))
    Customer.objects.bulk_create([c for r, c in stored if r.is_new], batch_size=1000)
    changed = [c for r, c in stored if not r.is_new]
    if changed:
        fields = ["name", "transformer", "village", "has_smart_meter"]
        Customer.objects.bulk_update(changed, fields, batch_size=500)
    now = timezone.now()
    source = f"import {plan.file_name}"[:250]
    history: list[CustomerHistory] = []
    for row, customer in stored:
        entries = (
            [("", "", customer.name)]
            if row.is_new
            else [(c.field, c.old, c.new) for c in row.changes]
        )
        history += customer_history_rows(customer, entries, at=now, by=user, source=source)
    CustomerHistory.objects.bulk_create(history, batch_size=1000)
