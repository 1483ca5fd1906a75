"""Outreach visits and coverage as files (``lib/exports.py``)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from powerdesk.lib.exports import Column, ExportQuery, ListExport, field, fields, register
from powerdesk.lib.params import year_value
from powerdesk.outreach.models import OutreachVisit, Topic
from powerdesk.outreach.selectors import VillageCoverage, visit_coverage, visits_listed

_TOPICS = dict(Topic.choices)


def _visits(query: ExportQuery) -> QuerySet[OutreachVisit]:
    return visits_listed(station=query.station, params=query.params)


def _names(related: str) -> Column:
    def value(visit: OutreachVisit) -> str:
        return pgettext("list separator", ", ").join(
            str(item) for item in getattr(visit, related).all()
        )

    return Column(
        getattr(OutreachVisit._meta.get_field(related), "verbose_name", related), value, 28
    )


def _topics(topics: list[str] | set[str]) -> str:
    return pgettext("list separator", ", ").join(str(_TOPICS.get(t, t)) for t in topics)


register(
    ListExport(
        name="outreach_visits",
        page="outreach:calendar",
        title=_("Outreach visits"),
        rows=_visits,
        columns=[
            *fields(OutreachVisit, "date"),
            *fields(OutreachVisit, "title", width=30),
            *fields(OutreachVisit, "status"),
            _names("villages"),
            _names("groups"),
            _names("staff"),
            Column(_("Topics"), lambda visit: _topics(visit.topics), 30),
            *fields(OutreachVisit, "households_reached", "materials"),
            *fields(OutreachVisit, "notes", width=40),
        ],
    )
)


def _coverage(query: ExportQuery) -> list[VillageCoverage]:
    return visit_coverage(query.station, year_value(query.params))


register(
    ListExport(
        name="outreach_coverage",
        page="outreach:coverage",
        title=_("Outreach coverage"),
        rows=_coverage,
        columns=[
            field("village__name", _("Village")),
            field("visits", _("Visits")),
            field("households_reached", _("Household visits, cumulative")),
            field("households", _("Households")),
            field("last_visit", _("Last visit")),
            field("next_visit", _("Next visit")),
            Column(
                _("Topics not yet covered"),
                lambda row: pgettext("list separator", ", ").join(row.topics_missing),
                40,
            ),
        ],
    )
)
