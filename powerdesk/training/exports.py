"""The year's training sessions as a file (``lib/exports.py``)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from powerdesk.lib.exports import Column, ExportQuery, ListExport, field, fields, register
from powerdesk.training.models import TrainingSession
from powerdesk.training.selectors import sessions_listed


def _sessions(query: ExportQuery) -> QuerySet[TrainingSession]:
    return sessions_listed(station=query.station, params=query.params)


def _attendees(session: TrainingSession) -> str:
    return pgettext("list separator", ", ").join(str(person) for person in session.attendees.all())


register(
    ListExport(
        name="training_sessions",
        page="training:plan",
        title=_("Training sessions"),
        rows=_sessions,
        columns=[
            *fields(TrainingSession, "date"),
            *fields(TrainingSession, "topic", width=30),
            *fields(TrainingSession, "trainer", "hours", "place", "material"),
            Column(_("Attendees"), lambda s: len(s.attendees.all())),
            Column(_("Who attended"), _attendees, 40),
            *fields(TrainingSession, "plan_item"),
            field("recorded_by", _("Recorded by")),
        ],
    )
)
