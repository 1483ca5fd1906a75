"""The outage record as a file (``lib/exports.py``): the rows behind a reliability figure."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from powerdesk.dashboards.selectors import foreign_filters, outage_record_listed
from powerdesk.lib.exports import Column, ExportQuery, ListExport, field, fields, register
from powerdesk.outages.models import Outage


def _record(query: ExportQuery) -> QuerySet[Outage]:
    # Another station's feeder, village or device: 404, as the page answers (``outage_record``).
    if foreign_filters(query.station, query.params):
        raise Http404("No such feeder, village or device at this station")
    return outage_record_listed(station=query.station, params=query.params)


def _cause(outage: Outage) -> str:
    link = getattr(outage, "link", None)
    return str(link.get_cause_kind_display()) if link and link.cause_kind else ""


register(
    ListExport(
        name="outage_record",
        page="dashboards:outages",
        title=_("Outage record"),
        rows=_record,
        columns=[
            field("device__code", _("Code"), width=18),
            field("device__name", _("Device"), width=28),
            field("device__feeder", _("Feeder")),
            *fields(Outage, "kind", "status"),
            field("starts_at", _("From"), width=18),
            *fields(Outage, "restored_at", width=18),
            *fields(Outage, "customers"),
            Column(_("Cause found"), _cause),
            *fields(Outage, "cause", width=30),
        ],
    )
)
