"""Recording the training plan, sessions and self-study, with the rules that keep them honest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, NotAllowed, may, require
from powerdesk.accounts.selectors import station_staff
from powerdesk.lib.form_text import too_long_refused
from powerdesk.lib.forms import FieldError, refuse_all
from powerdesk.training.models import PlanItem, SelfStudy, TrainingPlan, TrainingSession

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User


class TrainingError(FieldError):
    """What cannot be recorded; ``field``, when one field is wrong: the page says it there."""


# A plan's notes (its column is unbounded; the page's field is not cut by the browser).
PLAN_NOTES_CHARS = 4000


DAY_MAX_HOURS = Decimal(24)
YEARLY_MAX_HOURS = Decimal(400)


def parse_hours(
    value: str | Decimal | float, *, most: Decimal = DAY_MAX_HOURS, field: str = "hours"
) -> Decimal:
    """Hours as staff type them ("2", "1.5"), in half hours, from 0.5 to ``most``; refused,
    said at ``field``."""
    try:
        hours = Decimal(str(value).strip())
    except InvalidOperation:
        raise TrainingError(_("Hours must be a number, such as 2 or 1.5."), field=field) from None
    if not hours.is_finite() or hours < Decimal("0.5") or hours > most:
        raise TrainingError(
            _("Hours must be between 0.5 and %(most)s.") % {"most": most}, field=field
        )
    if (hours * 2) % 1:
        raise TrainingError(_("Hours are counted in half hours (such as 1.5)."), field=field)
    return hours


def _bounded(label: object, value: str, limit: int, field: str) -> str:
    return too_long_refused(TrainingError, label, value, limit, field)


def _column_chars(model: type[PlanItem], name: str) -> int:
    return int(model._meta.get_field(name).max_length)  # type: ignore[union-attr,arg-type]


def _staff_ids(station: Station) -> set[int]:
    return set(station_staff(station).values_list("pk", flat=True))


def plan_create(
    *,
    station: Station,
    user: User | None,
    year: int,
    hours_per_person: str | Decimal,
    notes: str = "",
) -> TrainingPlan:
    require(user, station, Do.TRAINING_RECORD)
    if not 2000 <= year <= 2100:
        raise TrainingError(_("That is not a plan year."))
    if TrainingPlan.objects.filter(station=station, year=year).exists():
        raise TrainingError(_("The station already has a plan for %(year)s.") % {"year": year})
    return TrainingPlan.objects.create(
        station=station,
        year=year,
        hours_per_person=parse_hours(
            hours_per_person, most=YEARLY_MAX_HOURS, field="hours_per_person"
        ),
        notes=_bounded(_("Notes"), notes, PLAN_NOTES_CHARS, "notes"),
        created_by=user,
    )


def plan_item_add(
    *,
    plan: TrainingPlan,
    user: User | None,
    topic: str,
    month: int,
    hours: str | Decimal,
    audience: str = "",
) -> PlanItem:
    require(user, plan.station_id, Do.TRAINING_RECORD)
    if not topic.strip():
        raise TrainingError(_("Give the course a topic."), field="topic")
    if not 1 <= month <= 12:
        raise TrainingError(_("The month must be 1 to 12."), field="month")
    return PlanItem.objects.create(
        plan=plan,
        topic=_bounded(_("Topic"), topic, _column_chars(PlanItem, "topic"), "topic"),
        month=month,
        hours=parse_hours(hours),
        audience=_bounded(_("For"), audience, _column_chars(PlanItem, "audience"), "audience"),
        created_by=user,
    )


def session_check(
    *,
    station: Station,
    date: dt.date | None,
    topic: str,
    trainer: str,
    hours: str | Decimal,
    attendees: Iterable[User],
    plan_item: PlanItem | None = None,
) -> None:
    """Every problem of a session at once, each at its field (one answer, one resubmission):
    ``TrainingError`` with its ``wrong``. ``date`` None: refused already by the form."""
    attendees = list(attendees)
    wrong: dict[str, str] = {}
    if not topic.strip() and plan_item is None:
        wrong["topic"] = _("Give the session a topic.")
    if not trainer.strip():
        wrong["trainer"] = _("Say who gave the training.")
    try:
        parse_hours(hours)
    except TrainingError as exc:
        wrong.update(exc.wrong)
    if date is not None and date > timezone.localdate():
        wrong["date"] = _("A session cannot be recorded before it is held.")
    staff = _staff_ids(station)
    outsiders = [person for person in attendees if person.pk not in staff]
    if not attendees:
        wrong["attendees"] = _("Tick the people who attended.")
    elif outsiders:
        wrong["attendees"] = _("%(name)s does not work at this station.") % {"name": outsiders[0]}
    if plan_item is not None:
        if plan_item.plan.station_id != station.pk:
            wrong["plan_item"] = _("That plan item is not this station's.")
        elif date is not None and plan_item.plan.year != date.year:
            wrong["plan_item"] = _("That plan item belongs to the %(year)s plan.") % {
                "year": plan_item.plan.year
            }
    refuse_all(TrainingError, wrong)


@transaction.atomic
def session_record(
    *,
    station: Station,
    user: User | None,
    date: dt.date,
    topic: str,
    trainer: str,
    hours: str | Decimal,
    attendees: Iterable[User],
    plan_item: PlanItem | None = None,
    place: str = "",
    material: str = "",
) -> TrainingSession:
    require(user, station, Do.TRAINING_RECORD)
    attendees = list(attendees)
    session_check(
        station=station,
        date=date,
        topic=topic,
        trainer=trainer,
        hours=hours,
        attendees=attendees,
        plan_item=plan_item,
    )
    session = TrainingSession.objects.create(
        station=station,
        plan_item=plan_item,
        date=date,
        topic=topic.strip() or (plan_item.topic if plan_item else ""),
        trainer=trainer.strip(),
        hours=parse_hours(hours),
        place=place.strip(),
        material=material.strip(),
        recorded_by=user,
    )
    session.attendees.set(attendees)
    return session


def may_record_for(user: User, person: User, station: Station) -> bool:
    """Everyone records their own self-study; the chief and administrators anyone's."""
    if user.pk == person.pk and may(user, station, Do.SELF_STUDY_RECORD):
        return True
    return may(user, station, Do.TRAINING_RECORD)


def self_study_record(
    *,
    station: Station,
    user: User,
    person: User,
    date: dt.date,
    topic: str,
    hours: str | Decimal,
    material: str = "",
) -> SelfStudy:
    if person.pk not in _staff_ids(station):
        raise TrainingError(_("%(name)s does not work at this station.") % {"name": person})
    if not may_record_for(user, person, station):
        raise NotAllowed(_("Only the station chief may record self-study for someone else."))
    if not topic.strip():
        raise TrainingError(_("Say what was studied."), field="topic")
    if date > timezone.localdate():
        raise TrainingError(
            _("Self-study cannot be recorded for a day still to come."), field="date"
        )
    return SelfStudy.objects.create(
        station=station,
        person=person,
        date=date,
        topic=topic.strip(),
        hours=parse_hours(hours),
        material=material.strip(),
        recorded_by=user,
    )
