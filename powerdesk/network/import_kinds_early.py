"""A network file's kind refusals said with its other problems (walk56, M2).

A file with problems of its rows (an unknown parent, a kind that is none, a number that is not
one) is refused before its plan is made (``importing``); the refusals of a kind change
(``import_kinds``: a transformer with households under it, an element under an open outage) come
from the plan. Said only after the others were fixed, the admin met a ninth problem on the next
upload. So with other problems, each row of an element the station has, whose kind the file
changes to a kind there is, is checked here too, and refused at its row with the rest.

A household leaves a transformer when the file's row for it hangs under another transformer, or
under a parent that cannot be followed (unknown, a loop): it is given the benefit of the doubt,
and the transformer is refused only for the households the file surely leaves under it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from powerdesk.engine.errors import InputProblem
from powerdesk.network.import_kinds import (
    kind_after,
    kinds_under_open_outages,
    transformers_emptied,
)
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.network.selectors import households_per_transformer

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.network.import_parse import Parsed
    from powerdesk.network.import_plan_rows import ElementPlan

__all__ = ["kinds_refused_early"]

_KINDS = frozenset(NodeKind.values)


def kinds_refused_early(
    station: Station,
    file_name: str,
    parsed: list[Parsed],
    stored: dict[str, tuple[str, str]],
    left_out: frozenset[str] = frozenset(),
) -> list[InputProblem]:
    """The kind refusals of ``parsed`` (rows of a file with other problems) that can be told:
    rows of a stored element whose kind the file changes to a known kind. ``stored`` is the
    station's network as ``import_stored.stored_elements`` reads it; a household whose account
    is among the values of a row the table ``left_out`` (of the wrong width) may leave. At most
    four queries, none when the file changes no stored element's kind."""
    from powerdesk.network.import_plan_rows import Change, ElementPlan

    candidates = [p for p in parsed if p.kind != "customer" and p.kind in _KINDS and p.id in stored]
    if not candidates:
        return []
    nodes = {
        n.code: n
        for n in GridNode.objects.filter(station=station, code__in={p.id for p in candidates})
    }
    rows: list[ElementPlan] = []
    for item in candidates:
        node = nodes.get(item.id)
        if node is None:
            continue
        kind = kind_after(item, node)
        if kind == node.kind:
            continue
        rows.append(
            ElementPlan(
                item.row.line,
                item.id,
                kind,
                False,
                [Change("kind", node.kind, kind)],
                {"kind": kind},
            )
        )
    if not rows:
        return []
    transformers = {nodes[r.code].pk: r.code for r in rows if nodes[r.code].kind == "transformer"}
    households = households_per_transformer(station, transformers)
    if transformers:
        rows += _households_leaving(station, parsed, stored, transformers, left_out)
    return transformers_emptied(file_name, rows, nodes, households) + kinds_under_open_outages(
        station, file_name, rows, nodes
    )


def _households_leaving(
    station: Station,
    parsed: list[Parsed],
    stored: dict[str, tuple[str, str]],
    transformers: dict[int, str],
    left_out: frozenset[str],
) -> list[ElementPlan]:
    """The file's customer rows of households now under ``transformers`` that the file puts
    elsewhere (or where it cannot be told), as plan rows of a transformer change."""
    from powerdesk.customers.models import Customer
    from powerdesk.network.import_plan_rows import Change, ElementPlan

    accounts = {p.id: p for p in parsed if p.kind == "customer" and p.id}
    if not accounts and not left_out:
        return []
    under = dict(
        Customer.objects.filter(
            station=station,
            account_number__in=set(accounts) | set(left_out),
            transformer_id__in=transformers,
        ).values_list("account_number", "transformer_id")
    )
    by_id = {p.id: p for p in parsed if p.id}
    rows = []
    for account, transformer_pk in under.items():
        old = transformers[transformer_pk]
        item = accounts.get(account)
        new = _transformer_above(item, by_id, stored) if item is not None else ""
        if new != old:
            rows.append(
                ElementPlan(
                    item.row.line if item is not None else 0,
                    account,
                    "customer",
                    False,
                    [Change("transformer", old, new or "?")],
                )
            )
    return rows


def _transformer_above(
    item: Parsed, by_id: dict[str, Parsed], stored: dict[str, tuple[str, str]]
) -> str:
    """The transformer a customer row hangs under: up the file's rows, then the stored
    elements; "" when the way up cannot be followed (an unknown parent, a loop)."""
    seen: set[str] = set()
    parent = item.parent
    while parent and parent not in seen:
        seen.add(parent)
        if parent in by_id:
            row = by_id[parent]
            if row.kind == NodeKind.TRANSFORMER:
                return parent
            parent = row.parent
        elif parent in stored:
            up, kind = stored[parent]
            if kind == NodeKind.TRANSFORMER:
                return parent
            parent = up
        else:
            return ""
    return ""
