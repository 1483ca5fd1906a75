"""Villages, their liaisons and the contact log as files (``lib/exports.py``)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from powerdesk.community.liaison_page import LIAISON_CHANGES
from powerdesk.community.models import Liaison, LiaisonActivity, Village
from powerdesk.community.selectors import activities_listed, liaisons_listed, villages_listed
from powerdesk.lib.exports import Column, ExportQuery, ListExport, field, fields, register


def _villages(query: ExportQuery) -> list[Village]:
    return villages_listed(query.station)


register(
    ListExport(
        name="villages",
        page="community:villages",
        title=_("Villages"),
        rows=_villages,
        columns=[
            *fields(Village, "name", "no_road_access"),
            field("group_count", _("Groups")),
            field("remote_group_count", _("Groups without road access")),
            field("customer_count", _("Households")),
            field("liaison_count", _("Liaisons")),
            *fields(Village, "x", "y"),
        ],
    )
)


def _liaisons(query: ExportQuery) -> QuerySet[Liaison]:
    return liaisons_listed(station=query.station, params=query.params)


register(
    ListExport(
        name="liaisons",
        page="community:village",
        title=_("Village liaisons"),
        rows=_liaisons,
        columns=[
            *fields(Liaison, "village", "group", "name", "role", "phone", "active"),
            Column(_("has a login"), lambda liaison: liaison.user_id is not None),
            *fields(Liaison, "notes", width=30),
        ],
    )
)


def _activities(query: ExportQuery) -> QuerySet[LiaisonActivity]:
    # Contacts only, as the village page lists them: a liaison added or retired is a line of the
    # liaison's history (``liaison_page.LIAISON_CHANGES``), not a contact.
    return activities_listed(station=query.station, params=query.params).exclude(
        note_code__in=LIAISON_CHANGES
    )


register(
    ListExport(
        name="liaison_activities",
        page="community:village",
        title=_("Contacts with the village"),
        rows=_activities,
        columns=[
            *fields(LiaisonActivity, "at", width=18),
            *fields(LiaisonActivity, "village", "liaison", "kind"),
            *fields(LiaisonActivity, "note", width=40),
            *fields(LiaisonActivity, "by"),
        ],
    )
)
