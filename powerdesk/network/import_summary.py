"""A network file's plan in plain text, for ``powerdesk import_csv network``: what the import
page's preview shows (the elements added, changed field by field, moved with what is below them,
the lines and villages created), in the file's own words (ids, columns, kinds)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.network.import_plan import NetworkImportPlan

__all__ = ["plan_summary_lines"]


def plan_summary_lines(plan: NetworkImportPlan, station: Station) -> list[str]:
    lines = [
        f"{plan.file_name}: would create {len(plan.added)} and update {len(plan.changed)} in "
        f"{station} ({plan.unchanged} unchanged)."
    ]
    if plan.new_feeders:
        names = ", ".join(f"{name} ({code})" for code, name in plan.new_feeders)
        lines.append(f"Lines that will be created: {names}.")
    if plan.new_villages:
        lines.append(f"Villages that will be created: {', '.join(plan.new_villages)}.")
    for row in plan.moved:
        move = row.move
        assert move is not None
        lines.append(
            f"  moves {row.code}: from {move.from_parent or '-'} ({move.from_feeder_name}) to "
            f"{move.to_parent or '-'} ({move.to_feeder_name}), with {move.elements_below} "
            f"elements and {move.households} households below it"
        )
    for row in plan.changed:
        changes = ", ".join(f"{c.field} {c.old or '-'} -> {c.new or '-'}" for c in row.changes)
        lines.append(f"  changes {row.code} ({row.kind}), line {row.line}: {changes}")
    return lines
