"""A network file's kind for an element already stored (``import_plan``).

The engine contract has no pole: its ``node`` is "any other point (pole, junction)", so a file
in its format lists a stored pole as ``node``; a file may also give the station's kind ``pole``
(``import_words.STATION_KINDS``), stored as a pole and checked as a ``node``. A ``node`` row for
a stored pole or junction leaves its kind as it is; any other kind a row gives is the
element's (a fuse, a pole's ``transformer``; ``node`` for a stored device makes it a junction,
``pole`` a stored junction a pole), shown in the preview's changed fields like any other change.
A transformer with households under it keeps its kind while they are there: they would be in no
transformer area; and no element changes kind while an outage is open at it (the live engine
reads the device's kind: a fuse that opened by itself made a junction). Each refused at its row,
column kind.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerdesk.engine.errors import InputProblem
from powerdesk.network.models import NodeKind

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.network.import_parse import Parsed
    from powerdesk.network.import_plan import ElementPlan
    from powerdesk.network.models import GridNode

__all__ = ["kind_after", "kind_label", "kinds_under_open_outages", "transformers_emptied"]

# The stored kinds a ``node`` row says nothing against: points that are not devices.
_POINTS = frozenset({NodeKind.POLE, NodeKind.NODE})


def kind_after(item: Parsed, node: GridNode | None) -> str:
    """The kind ``item`` gives the element ``node`` (``None``: a new one)."""
    if node is not None and item.kind == NodeKind.NODE and node.kind in _POINTS:
        return node.kind
    return item.kind


def kind_label(kind: str) -> str:
    """A kind as the element's page names it (``pole`` → pole, ``node`` → junction)."""
    if kind == "customer":
        return _("customer")
    names = dict(NodeKind.choices)
    return str(names[kind]) if kind in names else kind


def transformers_emptied(
    file_name: str,
    rows: list[ElementPlan],
    stored: dict[str, GridNode],
    households: Counter[int],
) -> list[InputProblem]:
    """A stored transformer that would stop being one with households still under it, at its
    row: those the file's customer rows give another transformer area are not counted."""
    leaving: Counter[str] = Counter()
    for row in rows:
        if row.is_customer:
            for change in row.changes:
                if change.field == "transformer" and change.new and change.old != change.new:
                    leaving[change.old] += 1
    problems = []
    for row in rows:
        node = stored.get(row.code)
        if row.is_customer or node is None or node.kind != NodeKind.TRANSFORMER:
            continue
        if row.after.get("kind") == NodeKind.TRANSFORMER:
            continue
        left = households[node.pk] - leaving[row.code]
        if left <= 0:
            continue
        message = ngettext(
            "%(id)s cannot change its kind to %(kind)s: %(count)s household is in its "
            "transformer area and would be in none. Move the household to another transformer "
            "first, or give its kind as transformer.",
            "%(id)s cannot change its kind to %(kind)s: %(count)s households are in its "
            "transformer area and would be in none. Move the households to another transformer "
            "first, or give its kind as transformer.",
            left,
        ) % {"id": repr(row.code), "kind": kind_label(row.after["kind"]), "count": f"{left:,}"}
        problems.append(InputProblem(file_name, row.line, message, "kind"))
    return problems


def kinds_under_open_outages(
    station: Station, file_name: str, rows: list[ElementPlan], stored: dict[str, GridNode]
) -> list[InputProblem]:
    """A kind change refused, at its row, while an outage is open at the element: recorded
    (announced, active) or in the live engine's picture (predicted or confirmed, not recorded
    yet: the engine reads the device's kind too). Two queries, only when the file changes a
    kind."""
    from powerdesk.outages.models import Outage, PredictedOutage

    changed = {
        stored[r.code].pk: r
        for r in rows
        if not r.is_customer and any(c.field == "kind" for c in r.changes)
    }
    if not changed:
        return []
    open_at = set(
        Outage.objects.filter(
            station=station,
            device_id__in=changed,
            status__in=[Outage.Status.ANNOUNCED, Outage.Status.ACTIVE],
        ).values_list("device_id", flat=True)
    )
    seen_at = set(
        PredictedOutage.objects.filter(station=station, device_id__in=changed).values_list(
            "device_id", flat=True
        )
    )
    return [
        InputProblem(
            file_name,
            row.line,
            _(
                "%(id)s cannot change its kind while an outage is open at it. Import this row "
                "after the outage is restored."
            )
            % {"id": repr(row.code)},
            "kind",
        )
        for pk, row in changed.items()
        if pk in open_at
    ] + [
        InputProblem(
            file_name,
            row.line,
            _(
                "%(id)s cannot change its kind while the system sees an outage at it (predicted "
                "or confirmed, not yet recorded). Import this row after that outage is cleared."
            )
            % {"id": repr(row.code)},
            "kind",
        )
        for pk, row in changed.items()
        if pk in seen_at and pk not in open_at
    ]
