"""The people of a station as its staff page shows them, and a person's work at the station
ended (walkthrough 31, finding 14).

A login is one for every station its person works at: whoever sets its password, or turns it
off, does so for all of them. So it is changed only by someone who administers every one of
those stations, or by the county's administrator (a superuser) — as on the admin site
(``admin_scoping.manageable_users``). The staff page says so of a person who also works at
another station, and shows what is shared read-only; the station's administrator may still end
that person's work at their own station (``membership_end``), which is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from powerdesk.accounts.models import Crew, Membership, MembershipEnded, Role, Station, User
from powerdesk.accounts.permissions import Do, NotAllowed, may, require
from powerdesk.lib.form_text import text_typed
from powerdesk.lib.forms import FieldError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.db.models import QuerySet

    from powerdesk.community.models import Liaison
    from powerdesk.servicedesk.handback import HeldWork

__all__ = [
    "REASON_LIMIT",
    "EndAsked",
    "StaffError",
    "StaffRow",
    "ended_crews_words",
    "ended_lately",
    "handed_back_words",
    "liaison_named",
    "liaisons_retired_words",
    "login_changers",
    "may_change_login",
    "membership_end",
    "membership_end_ask",
    "staff_rows",
]

REASON_LIMIT = 200


class StaffError(FieldError):
    """A person's work at the station not ended: said at the field it is about (``reason``)."""


@dataclass
class StaffRow:
    """One person of the staff page."""

    user: User
    roles: list[str] = field(default_factory=list)
    # The other stations they work at, by name: their login is shared with these.
    elsewhere: list[str] = field(default_factory=list)
    # Whether the one reading may change their login (password, active).
    login_yours: bool = False
    # Whether the one reading may end their work at this station.
    may_end: bool = False

    @property
    def shared(self) -> bool:
        return bool(self.elsewhere)

    @property
    def changers(self) -> str:
        return login_changers(self.elsewhere)


def staff_rows(station: Station, viewer: User) -> list[StaffRow]:
    """Everyone with a role at ``station``, with the other stations they work at (four
    queries, however many people)."""
    memberships = (
        Membership.objects.filter(station=station)
        .select_related("user")
        .order_by("role", "user__full_name", "user__username")
    )
    rows: dict[int, StaffRow] = {}
    county_roles: set[int] = set()  # those holding a role only the county gives and takes
    for membership in memberships:
        row = rows.setdefault(membership.user_id, StaffRow(membership.user))
        row.roles.append(membership.get_role_display())
        if membership.role in (Role.CHIEF, Role.ADMIN):
            county_roles.add(membership.user_id)
    elsewhere = (
        Membership.objects.filter(user_id__in=rows)
        .exclude(station=station)
        .values_list("user_id", "station_id", "station__name")
        .order_by("station__name")
        .distinct()
    )
    stations: dict[int, set[int]] = {pk: {station.pk} for pk in rows}
    for user_id, station_id, name in elsewhere:
        if name not in rows[user_id].elsewhere:
            rows[user_id].elsewhere.append(name)
        stations[user_id].add(station_id)
    administered = None if viewer.is_superuser else viewer.administered_station_ids()  # one query
    ends = may(viewer, station, Do.STAFF_END)
    for user_id, row in rows.items():
        row.login_yours = _may_change(viewer, row.user, stations[user_id], administered)
        row.may_end = (
            ends
            and user_id != viewer.pk
            and not row.user.is_superuser
            and (viewer.is_superuser or user_id not in county_roles)
        )
    return list(rows.values())


def may_change_login(viewer: User, person: User) -> bool:
    """Whether ``viewer`` may change ``person``'s login (password, active): a superuser, or
    someone who administers every station ``person`` works at (and ``person`` no superuser)."""
    administered = None if viewer.is_superuser else viewer.administered_station_ids()
    return _may_change(viewer, person, person.station_ids(), administered)


def _may_change(
    viewer: User, person: User, stations: Iterable[int], administered: set[int] | None
) -> bool:
    if administered is None:
        return True
    stations = set(stations)
    return bool(stations) and not person.is_superuser and stations <= administered


def login_changers(elsewhere: list[str]) -> str:
    """Who may change the login of a person who also works at ``elsewhere``, as a sentence."""
    return _(
        "Also works at %(stations)s: their login (password, active or not) is theirs at every "
        "station they work at, so it is shown here read-only. It is changed by someone who is "
        "an administrator of every station they work at, or by the county administrator."
    ) % {"stations": pgettext("list separator", ", ").join(elsewhere)}


@dataclass
class EndAsked:
    """What ending a person's work at the station would do, shown before it is confirmed: their
    roles there, the crews they would leave and those they lead, and the open work they hold
    (``servicedesk.handback.HeldWork``), which is handed back to the station, and their records
    as a village liaison, which are retired."""

    person: User
    roles: list[str]
    crews: list[Crew]
    crews_led: list[Crew]
    held: HeldWork
    # Their login and their work at these other stations stay.
    elsewhere: list[str]
    # Their records as a village liaison here, retired as their work ends (kept for history).
    liaisons: list[Liaison] = field(default_factory=list)


def membership_end_ask(*, station: Station, person: User, user: User | None) -> EndAsked:
    """What ``membership_end`` would end and hand back, read by whoever may end it (the same
    checks, nothing changed)."""
    from powerdesk.community.liaison_records import liaisons_of
    from powerdesk.servicedesk.handback import work_held

    roles = _may_end(station, person, user, Membership.objects.filter(station=station))
    crews = Crew.objects.filter(station=station).order_by("name", "pk")
    return EndAsked(
        person=person,
        roles=roles,
        crews=list(crews.filter(members=person)),
        crews_led=list(crews.filter(leader=person)),
        held=work_held(station, person),
        elsewhere=list(
            Station.objects.filter(memberships__user=person)
            .exclude(pk=station.pk)
            .order_by("name")
            .distinct()
            .values_list("name", flat=True)
        ),
        liaisons=liaisons_of(station.pk, person),
    )


def _may_end(
    station: Station, person: User, user: User | None, memberships: QuerySet[Membership]
) -> list[str]:
    """Their roles at ``station`` (from ``memberships``), if ``user`` may end their work there;
    refused otherwise."""
    require(user, station, Do.STAFF_END)
    roles = [m.get_role_display() for m in memberships.filter(user=person).order_by("role")]
    if not roles:
        raise StaffError(_("%(person)s does not work at this station.") % {"person": person})
    if user is not None and person.pk == user.pk:
        raise NotAllowed(
            _("You cannot end your own work at the station: another administrator does.")
        )
    if person.is_superuser:
        raise NotAllowed(_("The county administrator's work at a station is the county's to end."))
    from powerdesk.accounts.role_grants import role_change_refusal

    for role in memberships.filter(user=person).values_list("role", flat=True):
        refusal = role_change_refusal(user, person, station.pk, role)
        if refusal:
            raise NotAllowed(refusal)
    return roles


@transaction.atomic
def membership_end(
    *, station: Station, person: User, user: User | None, reason: str
) -> MembershipEnded:
    """End ``person``'s work at ``station``: every role they hold there, their places in its
    crews (a crew they lead keeps no leader), recorded with ``reason`` and the crews; the open
    work they hold there is handed back to the station (``servicedesk.handback``: no owner, a
    line in each one's history); their records as a village liaison there are retired (kept for
    history, no longer current contacts nor told of outages), recorded by name. Their login
    and their work at any other station stay as they are. Only the station's administrator
    (``staff.end``); never one's own, nor the county administrator's."""
    from powerdesk.community.liaison_records import liaisons_retire_ended
    from powerdesk.servicedesk.handback import work_hand_back

    reason, said = text_typed(_("Reason"), reason, REASON_LIMIT)
    memberships = Membership.objects.select_for_update().filter(station=station, user=person)
    roles = _may_end(station, person, user, memberships)
    if not reason:
        raise StaffError(_("Say why their work at the station ends."), field="reason")
    if said:
        raise StaffError(said, field="reason")
    memberships.delete()
    crews = list(
        Crew.objects.filter(station=station, members=person).order_by("name", "pk").distinct()
    )
    for crew in crews:
        crew.members.remove(person)
    led = Crew.objects.filter(station=station, leader=person).order_by("name", "pk")
    led_names = list(led.values_list("name", flat=True))
    led.update(leader=None)
    handed = work_hand_back(station=station, person=person, by=user, reason=reason)
    retired = liaisons_retire_ended(station_id=station.pk, person=person, by=user, reason=reason)
    from powerdesk.accounts.role_grants import staff_changed_tell

    staff_changed_tell(actor=user, person=person, station_id=station.pk, ended=reason)
    return MembershipEnded.objects.create(
        station=station,
        person=person,
        username=person.get_username(),
        roles=pgettext("list separator", ", ").join(roles)[:200],
        at=timezone.now(),
        by=user,
        reason=reason,
        crews=[crew.name for crew in crews],
        crews_led=led_names,
        handed_back={k: n for k, n in handed.counts.items() if n and k != "promises"},
        liaisons_retired=[liaison_named(row) for row in retired],
    )


def liaison_named(liaison: Liaison) -> str:
    """A liaison record as an ending keeps it: "王村长 (左门村·三组)"."""
    place = liaison.village.name + (f"·{liaison.group.name}" if liaison.group else "")
    return f"{liaison.name} ({place})"


def liaisons_retired_words(names: list[str]) -> str:
    """The liaison records an ending retired, in words ("" for none)."""
    if not names:
        return ""
    return _("their records as a village liaison retired: %(names)s") % {
        "names": pgettext("list separator", ", ").join(names)
    }


def handed_back_words(counts: dict[str, int]) -> str:
    """The work handed back as a MembershipEnded keeps it, in words: "2 work orders, 1 hard
    problem" ("" for none)."""
    forms = {
        "orders": lambda n: ngettext("%(n)d work order", "%(n)d work orders", n),
        "problems": lambda n: ngettext("%(n)d hard problem", "%(n)d hard problems", n),
        "steps": lambda n: ngettext(
            "%(n)d step of a hard problem's plan", "%(n)d steps of hard problems' plans", n
        ),
        "visits": lambda n: _("outreach visits still to make: %(n)d"),
    }
    said = [forms[k](n) % {"n": n} for k, n in counts.items() if k in forms and n]
    return pgettext("list separator", ", ").join(said)


def ended_crews_words(crews: list[str], led: list[str]) -> str:
    """The crews a MembershipEnded says they left and led, in words ("" for none)."""
    sep = pgettext("list separator", ", ")
    said = []
    if crews:
        said.append(_("taken out of the crews: %(crews)s") % {"crews": sep.join(crews)})
    if led:
        said.append(
            _("the crews they led, now without a leader: %(crews)s") % {"crews": sep.join(led)}
        )
    return "; ".join(said)


def ended_lately(station: Station, limit: int = 10) -> list[MembershipEnded]:
    """The latest endings of people's work at ``station`` (one query), each with its crews and
    the work handed back in words (``crews_said``, ``handed_said``): the staff page's list, for
    those who read the audit trail."""
    rows = list(
        MembershipEnded.objects.filter(station=station).select_related("person", "by")[:limit]
    )
    for row in rows:
        row.crews_said = ended_crews_words(row.crews, row.crews_led)  # type: ignore[attr-defined]
        row.handed_said = handed_back_words(row.handed_back)  # type: ignore[attr-defined]
        row.liaisons_said = liaisons_retired_words(row.liaisons_retired)  # type: ignore[attr-defined]
    return rows
