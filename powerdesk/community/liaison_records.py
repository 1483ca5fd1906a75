"""The station's records of its village liaisons: adding and retiring them, the village's
liaison log (``LiaisonActivity``) and how a line of it reads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.community.models import Liaison, LiaisonActivity, Village, VillageGroup
from powerdesk.lib.forms import FieldError, too_long
from powerdesk.lib.language import station_language
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.history_notes import note_part, note_said

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = [
    "VILLAGER_NAME_CHARS",
    "LiaisonError",
    "LiaisonRetiredAlready",
    "PowerBackAlready",
    "activity_note_shown",
    "contact_record",
    "liaison_add",
    "liaison_retire",
    "liaisons_of",
    "liaisons_retire_ended",
    "record_activity",
    "villager_contact",
]


class LiaisonError(FieldError):
    """Why a liaison's record cannot be made or changed. ``field``: the form field it is about,
    when one is (the page says it next to that field, what was typed kept there)."""


class LiaisonRetiredAlready(LiaisonError):
    """The liaison no longer serves already: nothing is written again (``liaison_retire``)."""


class PowerBackAlready(LiaisonError):
    """Power said back for an outage the station has restored already: nothing is recorded,
    and the liaison is told when it was (``liaison_back.restored_said``), not refused."""


# The villager a liaison reports for, as the call keeps them (``Call.caller_name`` and
# ``.caller_number``).
VILLAGER_NAME_CHARS = 60
VILLAGER_PHONE_CHARS = 40


def villager_contact(village: Village, name: str, phone: str) -> tuple[str, str]:
    """The villager's name and telephone number given with a liaison's report (both optional),
    checked: the name no longer than the call keeps, the number one that could be dialled
    (written as staff write it: "188 7049 5863"), so that the desk can call them back."""
    from powerdesk.lib.phones import InvalidPhoneNumber, format_phone, normalize_phone

    name, phone = name.strip(), phone.strip()
    if len(name) > VILLAGER_NAME_CHARS:
        raise LiaisonError(
            _("%(field)s is too long: at most %(n)s characters.")
            % {"field": _("Villager's name"), "n": VILLAGER_NAME_CHARS}
        )
    if not phone:
        return name, ""
    try:
        if len(phone) > VILLAGER_PHONE_CHARS:
            raise InvalidPhoneNumber(phone)
        e164 = normalize_phone(phone, area_code=village.station.area_code)
    except InvalidPhoneNumber:
        raise LiaisonError(
            _("“%(phone)s” is not a telephone number that could be dialled.")
            % {"phone": phone[:VILLAGER_PHONE_CHARS]}
        ) from None
    return name, format_phone(e164)


def record_activity(
    *,
    village: Village,
    by: User | None,
    kind: str,
    note: str = "",
    link: str = "",
    liaison: Liaison | None = None,
    said: dict[str, Any] | None = None,
) -> LiaisonActivity:
    """One line in the village's liaison log; the liaison is found from the user if not given
    (``said``: the system's line, ``history_notes.note_said(…)``, instead of a ``note``)."""
    if liaison is None and by is not None:
        liaison = Liaison.objects.filter(village=village, user=by).first()
    if liaison is not None and liaison.village_id != village.pk:
        raise LiaisonError(_("That liaison is not of this village."))
    return LiaisonActivity.objects.create(
        station_id=village.station_id,
        village=village,
        liaison=liaison,
        at=timezone.now(),
        by=by,
        kind=kind,
        note=(said["note"] if said is not None else note)[:300],
        note_code=said["note_code"] if said is not None else "",
        note_args=said["note_args"] if said is not None else {},
        link=link,
    )


@transaction.atomic
def contact_record(
    *, village: Village, by: User | None, kind: str, note: str, liaison: Liaison | None = None
) -> LiaisonActivity:
    """Staff record a contact with the village (a visit, an outage told, anything else)."""
    require(by, village.station_id, Do.VILLAGE_RECORD)
    if kind not in LiaisonActivity.Kind.values:
        raise LiaisonError(_("Choose what kind of contact it was."))
    if not note.strip():
        raise LiaisonError(_("Say what was said."))
    return record_activity(village=village, by=by, kind=kind, note=note, liaison=liaison)


def liaison_add(
    *,
    village: Village,
    by: User | None,
    name: str,
    phone: str,
    role: str,
    group: VillageGroup | None = None,
) -> Liaison:
    """A village committee member or group leader the station works with."""
    require(by, village.station_id, Do.VILLAGE_RECORD)
    from powerdesk.lib.phones import InvalidPhoneNumber, format_phone, normalize_phone
    from powerdesk.lib.user_text import cleaned

    name = cleaned(name)  # as every text typed: no controls (probe76, L9)
    if not name.strip():
        raise LiaisonError(_("Give the liaison's name."))
    if role not in Liaison.Role.values:
        raise LiaisonError(_("Choose the liaison's role."))
    if group is not None and group.village_id != village.pk:
        raise LiaisonError(_("That group is not in this village."), field="group")
    try:
        e164 = normalize_phone(phone, area_code=village.station.area_code)
    except InvalidPhoneNumber:
        raise LiaisonError(
            _("“%(phone)s” is not a telephone number that could be dialled.") % {"phone": phone},
            field="phone",
        ) from None
    same = (
        Liaison.objects.filter(station_id=village.station_id, active=True, phone=format_phone(e164))
        .select_related("village", "group")
        .first()
    )
    if same is not None:
        # One number, one liaison: a call from it names them at intake, and a text of an outage
        # reaches them once (walk74, L6: 毕荣金's number added again, for a second secretary).
        raise LiaisonError(
            _(
                "%(phone)s is already the number of %(name)s (%(role)s, %(place)s), who serves "
                "now: a call from it would name them. Give this liaison's own number, or retire "
                "%(name)s first if the number has passed on."
            )
            % {
                "phone": format_phone(e164),
                "name": same.name,
                "role": same.get_role_display(),
                "place": str(same.group) if same.group else same.village.name,
            },
            field="phone",
        )
    liaison = Liaison.objects.create(
        station_id=village.station_id,
        village=village,
        group=group,
        name=name.strip(),
        phone=format_phone(e164),
        role=role,
    )
    said = note_said("liaison_added", liaison=_liaison_named(liaison), phone=liaison.phone)
    record_activity(
        village=village, by=by, kind=LiaisonActivity.Kind.OTHER, said=said, liaison=liaison
    )
    return liaison


RETIRE_REASON_CHARS = 200  # why a liaison no longer serves (a line of the contact log)


@transaction.atomic
def liaison_retire(*, liaison: Liaison, by: User | None, reason: str) -> Liaison:
    """Retire ``liaison`` once: the row held, a liaison retired already (a double submit, two
    sent at once, a retired one named by its id) is refused and nothing is written (probe76,
    M5)."""
    require(by, liaison.station_id, Do.VILLAGE_RECORD)
    said_long = too_long(_("Reason"), reason.strip(), RETIRE_REASON_CHARS)
    if said_long:
        # refused, never cut (the page keeps what was typed)
        raise LiaisonError(said_long, field="reason")
    if not reason.strip():
        raise LiaisonError(_("Say why the liaison no longer serves."), field="reason")
    held = Liaison.objects.select_for_update(of=("self",)).get(pk=liaison.pk)
    if not held.active:
        liaison.active = False
        raise LiaisonRetiredAlready(
            _("%(name)s was retired already: nothing recorded.") % {"name": liaison.name}
        )
    liaison.active = False
    liaison.save(update_fields=["active"])
    said = note_said("liaison_retired", liaison=_liaison_named(liaison), reason=reason.strip())
    record_activity(
        village=liaison.village,
        by=by,
        kind=LiaisonActivity.Kind.OTHER,
        said=said,
        liaison=liaison,
    )
    return liaison


def liaisons_of(station_id: int, person: User) -> list[Liaison]:
    """The current liaison records of ``person``'s login at the station (oldest first)."""
    return list(
        Liaison.objects.filter(station_id=station_id, user=person, active=True)
        .select_related("village", "group")
        .order_by("village__name", "pk")
    )


def liaisons_retire_ended(
    *, station_id: int, person: User, by: User | None, reason: str
) -> list[Liaison]:
    """Retire ``person``'s liaison records at the station as their work there ends: kept for
    the village's history, no longer its current contacts nor told of outages; a line of each
    village's liaison log says so with the ending's reason. Inside the caller's transaction,
    which checked who may (``accounts.staff.membership_end``: ``staff.end``)."""
    rows = list(
        Liaison.objects.select_for_update(of=("self",))
        .filter(station_id=station_id, user=person, active=True)
        .select_related("village")
        .order_by("pk")
    )
    Liaison.objects.filter(pk__in=[row.pk for row in rows]).update(active=False)
    for row in rows:
        said = note_said("liaison_retired", liaison=_liaison_named(row), reason=reason)
        record_activity(
            village=row.village, by=by, kind=LiaisonActivity.Kind.OTHER, said=said, liaison=row
        )
    return sorted(rows, key=lambda row: (row.village.name, row.pk))


def _liaison_named(liaison: Liaison) -> dict[str, Any]:
    """A liaison as a line names them: their name and the role's code ("王村长 (committee
    director)" in English)."""
    return note_part("liaison_named", name=liaison.name, role=liaison.role)


def activity_note_shown(activity: LiaisonActivity) -> str:
    """A line of the village's liaison log in the reader's language: the system's by its code;
    one stored before the codes by the station's wording (power back confirmed, a liaison added
    or no longer serving); what a person typed or said, as written."""
    from powerdesk.servicedesk.history_notes import note_recognised, note_shown

    note = activity.note
    if activity.note_code:
        return note_shown(activity.note_code, activity.note_args, note)
    if activity.kind == LiaisonActivity.Kind.POWER_BACK:
        said = _old_power_back(note)
        return note_shown("parts", said, note) if said is not None else note
    if activity.kind == LiaisonActivity.Kind.OTHER:
        found = note_recognised(note, ("liaison_added", "liaison_retired"))
        if found is not None:
            return note_shown(found[0], found[1], note)
    return note


def _old_power_back(note: str) -> dict[str, Any] | None:
    """ "<device> <kind of outage>: <power back in …>" in the station's words, as data."""
    from powerdesk.servicedesk.history_notes import note_recognised

    head, colon, tail = note.rpartition(": ")
    found = note_recognised(tail, ("outage_back_in",)) if colon else None
    if found is None:
        return None
    with station_language():
        kinds = {str(label): value for value, label in Outage.Kind.choices}
    device, space, label = head.rpartition(" ")
    named = (
        note_part("outage_named", device=device, kind=kinds[label])
        if space and label in kinds
        else head
    )
    return {"sep": "label", "parts": [named, note_part(found[0], **found[1])]}
