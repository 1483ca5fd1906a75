"""Planning and recording outreach visits, handing out hotline cards; every change recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from powerdesk.accounts.permissions import Do, require
from powerdesk.accounts.selectors import station_staff
from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.models import Customer
from powerdesk.lib.form_text import too_long_refused
from powerdesk.lib.forms import FieldError, refuse_all
from powerdesk.lib.photo_once import photo_store_once
from powerdesk.outreach.models import (
    OutreachVisit,
    OutreachVisitEvent,
    Topic,
    VisitPhoto,
)
from powerdesk.servicedesk.history_notes import note_part, note_said

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from powerdesk.accounts.models import Station, User


class OutreachError(FieldError):
    """What cannot be recorded; ``field``, when one field is wrong: the page says it there."""


# The texts typed on a visit's page, at most (the notes' column is unbounded; a cancel's reason
# is a line of the visit's history).
NOTES_CHARS = 4000
REASON_CHARS = 300


def _bounded(label: object, value: str, limit: int, field: str) -> str:
    return too_long_refused(OutreachError, label, value, limit, field)


def _column(name: str, model: Any = None) -> int:
    return int((model or OutreachVisit)._meta.get_field(name).max_length)  # type: ignore[union-attr,arg-type]


def _event(
    visit: OutreachVisit,
    user: User | None,
    what: str,
    note: str = "",
    said: dict[str, Any] | None = None,
) -> None:
    """A line of the visit's history: ``note`` as typed, or ``said`` by the system
    (``history_notes.note_said``: drawn in the reader's language)."""
    OutreachVisitEvent.objects.create(
        visit=visit, at=timezone.now(), by=user, what=what, **(said or {"note": note})
    )


def with_groups_villages(
    villages: Iterable[Village], groups: Iterable[VillageGroup]
) -> list[Village]:
    """The villages chosen and those of the groups chosen: a group ticked alone (左门·干海) is a
    visit to its village (walkthrough 34, finding 8: it was refused as "no village")."""
    chosen = list(villages)
    seen = {v.pk for v in chosen}
    for group in groups:
        if group.village_id not in seen:
            seen.add(group.village_id)
            chosen.append(group.village)
    return chosen


def visit_plan_check(
    *,
    station: Station,
    title: str,
    villages: Iterable[Village],
    groups: Iterable[VillageGroup],
    staff: Iterable[User],
    topics: Iterable[str],
) -> None:
    """Every problem of a plan's choices at once, each at its field (one answer, one
    resubmission): ``OutreachError`` with its ``wrong``."""
    groups, staff, topics = list(groups), list(staff), list(topics)
    villages = with_groups_villages(villages, groups)
    wrong: dict[str, str] = {"title": "" if title.strip() else _("Give the visit a title.")}
    if not villages:
        wrong["villages"] = _("Choose at least one village.")
    elif any(v.station_id != station.pk for v in villages):
        wrong["villages"] = _("A village chosen is not in this station's area.")
    if any(group.station_id != station.pk for group in groups):
        wrong["groups"] = _("A village group chosen is not in this station's area.")
    members = set(station_staff(station).values_list("pk", flat=True))
    outsiders = [person for person in staff if person.pk not in members]
    if not staff:
        wrong["staff"] = _("Choose the staff who go.")
    elif outsiders:
        wrong["staff"] = _("%(name)s does not work at this station.") % {"name": outsiders[0]}
    unknown = [t for t in topics if t not in Topic.values]
    if not topics:
        wrong["topics"] = _("Choose at least one topic.")
    elif unknown:
        wrong["topics"] = _("Unknown topic: %(topic)s.") % {"topic": ", ".join(unknown)}
    refuse_all(OutreachError, wrong)


@transaction.atomic
def visit_plan_once(
    *,
    station: Station,
    user: User | None,
    date: dt.date,
    title: str,
    villages: Iterable[Village],
    groups: Iterable[VillageGroup] = (),
    staff: Iterable[User],
    topics: Iterable[str],
    notes: str = "",
    form_token: str = "",
) -> tuple[OutreachVisit, bool]:
    """Plan a visit; returns it and whether it was planned now. ``form_token``, the planning
    page's one-time token: the page sent again (a double click, a retry, sent twice at once)
    answers the visit its first sending planned — one visit, one "planned" line (probe71 M1).
    The token is inserted under a unique constraint with the visit: of two sendings at the
    same moment the second waits for the first and then finds its visit."""
    require(user, station, Do.OUTREACH_RECORD)
    form_token = form_token[:64]
    if form_token:
        earlier = OutreachVisit.objects.filter(station=station, form_token=form_token).first()
        if earlier is not None:
            return earlier, False
    groups, staff, topics = list(groups), list(staff), list(topics)
    villages = with_groups_villages(villages, groups)
    visit_plan_check(
        station=station, title=title, villages=villages, groups=groups, staff=staff, topics=topics
    )
    title = _bounded(_("Title"), title, _column("title"), "title")
    notes = _bounded(_("Notes"), notes, NOTES_CHARS, "notes")
    try:
        with transaction.atomic():
            visit = OutreachVisit.objects.create(
                station=station, date=date, title=title, topics=topics, notes=notes,
                form_token=form_token,
            )  # fmt: skip
    except IntegrityError:
        if not form_token:
            raise
        # Planned by the same page sent at the same moment, committed while this one waited.
        return OutreachVisit.objects.get(station=station, form_token=form_token), False
    visit.villages.set(villages)
    visit.groups.set(groups)
    visit.staff.set(staff)
    _event(visit, user, "planned", f"{date:%Y-%m-%d} {title.strip()}")
    return visit, True


@transaction.atomic
def visit_record(
    *,
    visit: OutreachVisit,
    user: User | None,
    households_reached: int,
    materials: str = "",
    notes: str = "",
    date: dt.date | None = None,
) -> OutreachVisit:
    """The visit took place: how many households were reached, what was handed out. The same
    record sent again (a double click, a retry, sent twice at once: the visit's row is held, so
    the second reads the first) changes nothing and writes no second "done" line (probe71 L2);
    other figures are a correction, recorded with their line."""
    require(user, visit.station_id, Do.OUTREACH_RECORD)
    visit = OutreachVisit.objects.select_for_update().get(pk=visit.pk)
    if _recorded_already(visit, households_reached, materials, notes, date or visit.date):
        return visit
    if visit.status == OutreachVisit.Status.CANCELLED:
        raise OutreachError(_("This visit was cancelled; plan a new one."))
    date = date or visit.date
    if date > timezone.localdate():
        raise OutreachError(_("A visit cannot be recorded as done before its day."), field="date")
    if households_reached < 0:
        raise OutreachError(_("Households reached cannot be negative."), field="households_reached")
    households, places, grouped = households_visited(visit)
    if households_reached > households:
        said = {"n": households_reached, "total": households, "place": places[0] if places else ""}
        if grouped and len(places) == 1:  # one village group: named (walk61, L4)
            words = ngettext(
                "%(n)d household reached, but %(place)s has only %(total)d.",
                "%(n)d households reached, but %(place)s has only %(total)d.",
                households_reached,
            )
        elif grouped:
            said["place"] = pgettext("list separator", ", ").join(places)
            words = ngettext(
                "%(n)d household reached, but the villages and village groups chosen "
                "(%(place)s) have only %(total)d.",
                "%(n)d households reached, but the villages and village groups chosen "
                "(%(place)s) have only %(total)d.",
                households_reached,
            )
        else:
            words = ngettext(
                "%(n)d household reached, but the villages chosen have only %(total)d.",
                "%(n)d households reached, but the villages chosen have only %(total)d.",
                households_reached,
            )
        raise OutreachError(words % said, field="households_reached")
    # Done on another day than planned (earlier: the villagers were free sooner): the visit
    # moves to the day it was done, and its history says both days (walk71, L9).
    planned, was_planned = visit.date, visit.status == OutreachVisit.Status.PLANNED
    visit.date = date
    visit.status = OutreachVisit.Status.DONE
    visit.households_reached = households_reached
    visit.materials = _bounded(
        _("Materials handed out"), materials, _column("materials"), "materials"
    )
    notes = _bounded(_("Notes"), notes, NOTES_CHARS, "notes")
    if notes:
        visit.notes = notes
    visit.save()
    said = note_said("households_reached", n=households_reached)
    if date != planned:
        moved = note_part(
            "visit_done_on" if was_planned else "visit_day_corrected",
            done=date.isoformat(),
            planned=planned.isoformat(),
        )
        reached = note_part("households_reached", n=households_reached)
        said = note_said("parts", sep="clause", parts=[reached, moved])
    _event(visit, user, "done", said=said)
    return visit


def _recorded_already(
    visit: OutreachVisit, households_reached: int, materials: str, notes: str, date: dt.date
) -> bool:
    """The visit is recorded done with these very figures (notes left empty keep the visit's)."""
    return (
        visit.status == OutreachVisit.Status.DONE
        and visit.households_reached == households_reached
        and visit.materials == materials.strip()
        and (not notes.strip() or visit.notes == notes.strip())
        and visit.date == date
    )


def households_visited(visit: OutreachVisit) -> tuple[int, list[str], bool]:
    """How many households the visit could reach, the places it went to by name, and whether a
    village group was among them: a group chosen is the visit's part of its village (its
    households, not the whole committee's: walk61, L4, 682 households for a group of 198); a
    village with none of its groups chosen, all of it."""
    groups = list(visit.groups.select_related("village"))
    in_groups = {group.village_id for group in groups}
    whole = [village for village in visit.villages.all() if village.pk not in in_groups]
    total = (
        Customer.objects.filter(station_id=visit.station_id)
        .filter(Q(group__in=groups) | Q(village__in=whole))
        .count()
    )
    return total, [str(g) for g in groups] + [v.name for v in whole], bool(groups)


@transaction.atomic
def visit_cancel(*, visit: OutreachVisit, user: User | None, reason: str) -> OutreachVisit:
    require(user, visit.station_id, Do.OUTREACH_RECORD)
    if visit.status != OutreachVisit.Status.PLANNED:
        raise OutreachError(_("Only a planned visit can be cancelled."))
    reason = _bounded(_("Reason"), reason, REASON_CHARS, "reason")
    if not reason:
        raise OutreachError(_("Say why the visit is cancelled."), field="reason")
    visit.status = OutreachVisit.Status.CANCELLED
    visit.save(update_fields=["status"])
    _event(visit, user, "cancelled", reason)
    return visit


def photo_add(
    *, visit: OutreachVisit, user: User | None, image: UploadedFile, caption: str = ""
) -> VisitPhoto:
    """Keep a photo of the visit: only a real picture, re-encoded without its metadata; the same
    photo sent again for the visit is the one kept (``visit_photo_once``)."""
    return visit_photo_once(visit=visit, user=user, image=image, caption=caption)[0]


def visit_photo_once(
    *, visit: OutreachVisit, user: User | None, image: UploadedFile, caption: str = ""
) -> tuple[VisitPhoto, bool]:
    """A photo of the visit, stored once: the same bytes sent again (a double click, a retry,
    the page sent twice at once) are the photo already kept — no second file, no second line
    in the visit's history. Returns it and whether it was stored now. A refused upload (not a
    picture, a sender not allowed) stores nothing and never touches a file kept before. A photo
    is of the visit held: none before its day, as for its result (walkthrough 29, finding 8).
    The picture is decoded before the transaction that stores it opens, so the database's write
    lock is held only while it is stored (probe 36, F3): stored as an order's photo is
    (``lib.photo_once``)."""
    require(user, visit.station_id, Do.OUTREACH_RECORD)
    if visit.date > timezone.localdate():
        raise OutreachError(_("A photo of the visit can be added only on or after its day."))
    caption = _bounded(_("Caption"), caption, _column("caption", VisitPhoto), "caption")
    return photo_store_once(
        visit,
        VisitPhoto.objects.filter(visit=visit),
        image,
        make=lambda prepared, digest: VisitPhoto(
            visit=visit, image=prepared, caption=caption, uploaded_by=user, content_hash=digest
        ),
        refused=lambda exc: OutreachError(str(exc), field="image"),
        refused_held=lambda exc: OutreachError(str(exc)),
        stored=lambda _photo: _event(visit, user, "photo", caption.strip()[:100]),
    )
