"""The grid's lists as files (``lib/exports.py``): each reads its page's selector."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from powerdesk.lib.exports import ExportQuery, ListExport, field, fields, register
from powerdesk.network.models import Defect, Feeder, GridNode
from powerdesk.network.selectors import defects_listed, elements_listed, feeders_listed


def _feeders(query: ExportQuery) -> QuerySet[Feeder]:
    return feeders_listed(query.station)


register(
    ListExport(
        name="feeders",
        page="network:feeders",
        title=_("Feeders"),
        rows=_feeders,
        columns=[
            *fields(Feeder, "code", "name", "substation", "voltage_kv"),
            field("fuse_count", _("Fuses")),
            field("transformer_count", _("Transformer areas")),
            field("pole_count", _("Poles")),
            field("customer_count", _("Customers")),
        ],
    )
)


_TITLES = {
    "transformers": _("Transformer areas"),
    "devices": _("Protective devices"),
    "poles": _("Poles"),
}


def _elements(kind: str) -> ListExport:
    def rows(query: ExportQuery) -> QuerySet[GridNode]:
        return elements_listed(station=query.station, kind=kind, params=query.params)

    counts = [field("customer_count", _("Customers"))] if kind == "transformers" else []
    return ListExport(
        name=kind,
        page=f"network:{kind}",
        title=_TITLES[kind],
        rows=rows,
        columns=[
            *fields(GridNode, "code", width=18),
            *fields(GridNode, "name", width=28),
            *fields(GridNode, "kind", "feeder"),
            field("line_name", _("Line name")),
            *fields(GridNode, "pole_number", "village"),
            *counts,
            *fields(GridNode, "capacity_kva", "install_year", "lightning_zone"),
            field("open_defects", _("Open defects")),
            *fields(GridNode, "x", "y"),
        ],
    )


for _kind in ("transformers", "devices", "poles"):
    register(_elements(_kind))


def _defects(query: ExportQuery) -> QuerySet[Defect]:
    return defects_listed(station=query.station, params=query.params)


register(
    ListExport(
        name="defects",
        page="network:defects",
        title=_("Defects"),
        rows=_defects,
        columns=[
            field("node__code", _("Code"), width=18),
            field("node__name", _("Element"), width=28),
            field("node__feeder", _("Feeder")),
            *fields(Defect, "description", width=36),
            *fields(Defect, "severity", "found_on", "resolved_on"),
        ],
    )
)
