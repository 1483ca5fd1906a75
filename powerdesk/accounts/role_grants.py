"""Roles given and taken, and logins reset by someone else (walk50, finding 1).

The rule (``docs/roles.md``, "Accounts"):

- nobody gives or takes their own roles, the county administrator (a superuser) included;
- a station's administrator gives and takes the office's roles at their own stations — counter,
  dispatcher, crew member, village liaison — but not the station chief's nor the
  administrator's: those are the county administrator's to give and take, as the chief answers
  to the county and the administrator keeps the station's logins;
- a station's administrator resets the password of (or turns off) only a login that is wholly
  theirs (``staff.may_change_login``) and holds no chief's or administrator's role anywhere;
- every role given or taken, and every password reset by someone else, is told to the
  station's chiefs in their notices (who, whom, what, when), besides the audit trail: raised
  through ``notifications.services.notice_raise`` with its facts, and worded in the language
  each chief reads (``staff_change_words``); notices stored before as text read as stored.

``is_staff`` (the admin site's door) follows the administrator's role: set as memberships
change, so that nobody without it meets Django's empty admin index (finding 6).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Membership, Role, User
from powerdesk.accounts.permissions import NotAllowed

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "COUNTY_ROLES",
    "login_reset_refusal",
    "membership_remove",
    "membership_save",
    "role_change_refusal",
    "roles_grantable",
    "staff_change_words",
    "staff_changed_tell",
    "sync_is_staff",
]

# Given and taken only by the county administrator (a superuser).
COUNTY_ROLES = frozenset({Role.CHIEF, Role.ADMIN})


def role_change_refusal(
    actor: User | None, person: User | None, station_id: int | None, role: str
) -> str | None:
    """Why ``actor`` may not give ``person`` (or take from them) ``role`` at the station; None
    when they may. The system (``actor`` None: the demo, a command) is not limited."""
    if actor is None:
        return None
    if person is not None and person.pk is not None and person.pk == actor.pk:
        return _(
            "Nobody gives or takes their own roles: another administrator of the station, "
            "or the county administrator, does."
        )
    if actor.is_superuser:
        return None
    if station_id is None or station_id not in actor.administered_station_ids():
        return _("You are not an administrator of this station.")
    if role in COUNTY_ROLES:
        return _(
            "The station chief's and the administrator's roles are given and taken by the "
            "county administrator only."
        )
    return None


def login_reset_refusal(actor: User, person: User) -> str | None:
    """Why ``actor`` may not reset ``person``'s password or turn their login off; None when
    they may (one's own password is one's own)."""
    from powerdesk.accounts.staff import may_change_login

    if actor.pk == person.pk or actor.is_superuser:
        return None
    if not may_change_login(actor, person):
        return _(
            "This login is shared with another station: it is changed by an administrator of "
            "every station its person works at, or by the county administrator."
        )
    if person.memberships.filter(role__in=COUNTY_ROLES).exists():
        return _(
            "The login of a station chief or an administrator is reset by the county "
            "administrator only."
        )
    return None


def _require(actor: User | None, person: User, station_id: int, role: str) -> None:
    refusal = role_change_refusal(actor, person, station_id, role)
    if refusal:
        raise NotAllowed(refusal)


def membership_save(
    *, actor: User | None, membership: Membership, before: Membership | None
) -> bool:
    """Save ``membership`` (new, or changed from ``before``) if ``actor`` may; the station's
    chiefs are told what changed. Returns whether a role was given or taken."""
    person = membership.user
    if before is not None and (before.role, before.station_id) != (
        membership.role,
        membership.station_id,
    ):
        _require(actor, person, before.station_id, before.role)
    if before is None or (before.role, before.station_id) != (
        membership.role,
        membership.station_id,
    ):
        _require(actor, person, membership.station_id, membership.role)
    else:
        membership.save()
        return False
    membership.save()
    if before is not None:
        staff_changed_tell(
            actor=actor, person=person, station_id=before.station_id, taken=[before.role]
        )
    staff_changed_tell(
        actor=actor, person=person, station_id=membership.station_id, given=[membership.role]
    )
    return True


def membership_remove(*, actor: User | None, membership: Membership) -> None:
    """Take a role (delete ``membership``) if ``actor`` may; the station's chiefs are told."""
    _require(actor, membership.user, membership.station_id, membership.role)
    person, station_id, role = membership.user, membership.station_id, membership.role
    membership.delete()
    staff_changed_tell(actor=actor, person=person, station_id=station_id, taken=[role])


def roles_grantable(
    actor: User | None, person: User | None = None, station_id: int | None = None
) -> list[str]:
    """The roles ``actor`` may give ``person`` (or take from them) at ``station_id`` (None: at
    some station of theirs), in the order of ``Role``: what the admin's role dropdown offers
    (``role_change_refusal`` still decides on save). Every role for the county administrator
    and the system."""
    if actor is None:
        return list(Role.values)
    stations: list[int | None] = [None]
    if not actor.is_superuser:
        stations = [station_id] if station_id is not None else [*actor.administered_station_ids()]
    return [
        role
        for role in Role.values
        if any(role_change_refusal(actor, person, at, role) is None for at in stations)
    ]


def _role_names(roles: Iterable[str]) -> str:
    from django.utils.translation import pgettext

    return pgettext("list separator", ", ").join(
        str(Role(r).label) if r in Role.values else str(r) for r in roles
    )


# The in-app notices' template (``notifications.texts.render_text``) and ``Notification.Kind``.
STAFF_CHANGE = "staff_change"


def staff_changed_tell(
    *,
    actor: User | None,
    person: User,
    station_id: int,
    given: Iterable[str] = (),
    taken: Iterable[str] = (),
    password: bool = False,
    ended: str = "",
) -> int:
    """Tell the chiefs of the station (in PowerDesk: "Notices to you") that ``actor`` gave
    ``person`` roles, took some, reset their password or ended their work there: who, whom,
    what, when (the notice's time). Kept as facts (names, role codes, the reason as typed) and
    worded in each reader's language (``staff_change_words``). Returns how many were told."""
    from powerdesk.accounts.models import Station
    from powerdesk.notifications.models import Channel, Event
    from powerdesk.notifications.services import Recipient, notice_raise

    chiefs = User.objects.filter(
        memberships__station_id=station_id, memberships__role=Role.CHIEF, is_active=True
    ).distinct()
    if actor is not None:
        chiefs = chiefs.exclude(pk=actor.pk)
    told = sorted(chiefs.values_list("pk", flat=True))
    if not told:
        return 0
    notice_raise(
        station=Station.objects.get(pk=station_id),
        event=Event.STAFF_CHANGE,
        key=f"staff:{uuid.uuid4().hex}",
        recipients=[
            Recipient(Channel.IN_APP, str(pk), STAFF_CHANGE, who={"user_id": pk}) for pk in told
        ],
        facts={
            "by": str(actor) if actor is not None else "",
            "person": f"{person} ({person.get_username()})",
            "given": list(given),
            "taken": list(taken),
            "password": password,
            "ended": ended,
            "inapp": {"kind": STAFF_CHANGE},
        },
        subject=person,
    )
    return len(told)


def staff_change_words(facts: dict[str, Any]) -> str:
    """A staff change told to a chief (``staff_changed_tell``'s facts), in the active
    language: "周明 gave 李秀英 (clerk) the role of dispatcher."."""
    said = {"by": str(facts.get("by") or "") or _("the system"), "person": facts.get("person")}
    parts = []
    if facts.get("given"):
        parts.append(
            _("gave %(person)s the role of %(roles)s")
            % {**said, "roles": _role_names(facts["given"])}
        )
    if facts.get("taken"):
        parts.append(
            _("took from %(person)s the role of %(roles)s")
            % {**said, "roles": _role_names(facts["taken"])}
        )
    if facts.get("password"):
        parts.append(_("reset the password of %(person)s") % said)
    if facts.get("ended"):
        parts.append(
            _("ended the work of %(person)s at the station: %(reason)s")
            % {**said, "reason": facts["ended"]}
        )
    return _("%(by)s %(what)s.") % {**said, "what": "; ".join(parts)}


def sync_is_staff(user_id: int) -> None:
    """``is_staff`` as the roles say: an administrator of some station (a superuser keeps it)."""
    is_admin = Membership.objects.filter(user_id=user_id, role=Role.ADMIN).exists()
    User.objects.filter(pk=user_id, is_superuser=False).exclude(is_staff=is_admin).update(
        is_staff=is_admin
    )


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def _membership_changed(sender: type[Membership], instance: Membership, **kwargs: object) -> None:
    sync_is_staff(instance.user_id)
