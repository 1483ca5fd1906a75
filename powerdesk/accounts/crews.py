"""Where the crews are: a member's phone says where the crew is, or the office types what the
crew said on the phone; the office keeps each crew's base. The outage map shows them."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Crew, CrewLeaderChange, CrewPosition, MembershipEnded, User
from powerdesk.accounts.permissions import Do, NotAllowed, require, roles_of
from powerdesk.lib.forms import FieldError, InputError, refuse_all, too_long

OFFICE_ROLES = frozenset({"counter", "dispatcher", "chief"})
# A position older than this is not where the crew is now: the map shows its base instead.
POSITION_FRESH = dt.timedelta(hours=12)
# A phone that cannot place itself within 100 km is not telling us where the crew is.
MAX_ACCURACY_M = 100_000
# The same place sent again within this time is a second tap, not a new position.
SAME_TAP = dt.timedelta(seconds=30)
# A position phoned in late may be entered for earlier today, not for another day.
EARLIEST = dt.timedelta(hours=24)


def is_member(user: User | None, crew: Crew) -> bool:
    if user is None:
        return False
    return crew.leader_id == user.pk or crew.members.filter(pk=user.pk).exists()


def place_problems(x: float, y: float) -> dict[str, str]:
    """What is wrong with a place, at its fields: ``y`` the latitude, ``x`` the longitude."""
    if x == 0.0 and y == 0.0:
        said = _(
            "Latitude 0, longitude 0 is in the sea off Africa, not a place of the station: "
            "type where it is."
        )
        return {"y": said, "x": said}
    return {
        "y": "" if -90.0 <= y <= 90.0 else _("Latitude must be between -90 and 90."),
        "x": "" if -180.0 <= x <= 180.0 else _("Longitude must be between -180 and 180."),
    }


def _check_place(x: float, y: float) -> None:
    if not (-180.0 <= x <= 180.0) or not (-90.0 <= y <= 90.0) or (x == 0.0 and y == 0.0):
        raise InputError(
            _("Longitude must be between -180 and 180 and latitude between -90 and 90.")
        )


@transaction.atomic
def crew_position_report(
    *,
    crew: Crew,
    user: User | None,
    x: float,
    y: float,
    accuracy_m: float | None = None,
    at: dt.datetime | None = None,
    source: str = CrewPosition.Source.PHONE,
) -> CrewPosition:
    """Record where ``crew`` is. A crew member reports only their own crew; the office any."""
    require(user, crew.station_id, Do.CREW_POSITION)
    if not (roles_of(user, crew.station_id) & OFFICE_ROLES) and not is_member(user, crew):
        raise NotAllowed(_("You can report only your own crew's position."))
    _check_place(x, y)
    if accuracy_m is not None and not 0 <= accuracy_m <= MAX_ACCURACY_M:
        raise InputError(_("The phone could not tell where it is closely enough (within 100 km)."))
    if source not in CrewPosition.Source.values:
        raise InputError(_("Unknown source of a position."))
    now = timezone.now()
    at = at or now
    if at > now + dt.timedelta(minutes=1) or at < now - EARLIEST:
        raise InputError(_("The time of a position must be within the last 24 hours."))
    at = min(at, now)
    Crew.objects.select_for_update().filter(pk=crew.pk).first()
    last = CrewPosition.objects.filter(crew=crew).first()
    if (
        last is not None
        and abs(at - last.at) < SAME_TAP
        and round(last.x, 5) == round(x, 5)
        and round(last.y, 5) == round(y, 5)
    ):
        return last
    return CrewPosition.objects.create(
        crew=crew,
        at=at,
        x=x,
        y=y,
        accuracy_m=None if accuracy_m is None else round(accuracy_m),
        source=source,
        by=user,
    )


BASE_CHARS: int = Crew._meta.get_field("base").max_length  # type: ignore[assignment]


class CrewFieldError(FieldError, InputError):
    """A crew's input refused at its field (``field``), what was typed kept by the page."""


@transaction.atomic
def crew_base_set(*, crew: Crew, user: User | None, name: str, x: float, y: float) -> Crew:
    """The office sets where the crew sets out from."""
    require(user, crew.station_id, Do.CREW_POSITION)
    if not (roles_of(user, crew.station_id) & OFFICE_ROLES):
        raise NotAllowed(_("Only the office sets a crew's base."))
    # Every problem at once, each at its field, the office's form keeping what was typed: the
    # name refused, never cut (review 32, finding 14), the coordinates at theirs (review 33:
    # they were a banner above the form).
    refuse_all(
        CrewFieldError,
        {**place_problems(x, y), "base": too_long(_("Base"), name.strip(), BASE_CHARS)},
    )
    crew.base = name.strip() or crew.base
    crew.base_x, crew.base_y = x, y
    crew.save(update_fields=["base", "base_x", "base_y"])
    return crew


def last_positions(crews: list[Crew], *, now: dt.datetime | None = None) -> dict[int, CrewPosition]:
    """Each crew's latest position of the last ``POSITION_FRESH`` hours (one query)."""
    now = now or timezone.now()
    found: dict[int, CrewPosition] = {}
    for position in CrewPosition.objects.filter(
        crew__in=crews, at__gte=now - POSITION_FRESH
    ).order_by("crew_id", "-at", "-pk"):
        found.setdefault(position.crew_id, position)
    return found


class CrewLeaderError(InputError):
    """A crew's leader not chosen: the person is not of the crew, or another was chosen
    meanwhile (named)."""


@transaction.atomic
def crew_leader_set(
    *, crew: Crew, user: User | None, leader: User, was: int | None = None
) -> CrewLeaderChange | None:
    """Make ``leader``, a member of ``crew``, its leader (the dispatcher and the chief:
    ``crew.lead``). ``was``: the leader's id the page showed (None: it had none), so that a
    leader chosen meanwhile by someone else is not written over (refused, naming them); the
    same choice sent twice changes nothing (None). Recorded (``CrewLeaderChange``)."""
    require(user, crew.station_id, Do.CREW_LEAD)
    # Locked without a join (PostgreSQL refuses FOR UPDATE on the nullable side of one).
    row = Crew.objects.select_for_update().get(pk=crew.pk)
    if row.leader_id == leader.pk:
        return None  # sent twice, or chosen alike meanwhile: nothing to change
    if row.leader_id != was:
        if row.leader is None:
            raise CrewLeaderError(
                _("%(crew)s has had no leader since this page was opened: choose again.")
                % {"crew": row.name}
            )
        raise CrewLeaderError(
            _("%(person)s was made the leader of %(crew)s meanwhile: nothing was changed.")
            % {"person": row.leader, "crew": row.name}
        )
    members = User.objects.filter(crews=row, is_active=True, memberships__station_id=row.station_id)
    if not members.filter(pk=leader.pk).exists():
        raise CrewLeaderError(
            _("%(person)s is not a member of %(crew)s: choose one of its members.")
            % {"person": leader, "crew": row.name}
        )
    before = str(row.leader) if row.leader is not None else ""
    row.leader = leader
    row.save(update_fields=["leader"])
    return CrewLeaderChange.objects.create(
        crew=row,
        at=timezone.now(),
        by=user,
        leader=leader,
        leader_name=str(leader)[:150],
        before_name=before[:150],
    )


def crew_leader_wanted[C: Crew](crews: list[C]) -> list[C]:
    """``crews``, each marked whether it wants a leader (``leader_wanted``: it has none) and why
    when known (``leader_gone``: its leader's work at the station ended; "" otherwise). One
    query, and none when every crew has its leader."""
    names: dict[str, C] = {}
    for crew in crews:
        crew.leader_wanted = crew.leader_id is None  # type: ignore[attr-defined]
        crew.leader_gone = ""  # type: ignore[attr-defined]
        if crew.leader_id is None:
            names[crew.name] = crew
    if not names:
        return crews
    station_ids = {crew.station_id for crew in names.values()}
    ended = MembershipEnded.objects.filter(station_id__in=station_ids).select_related("person")
    for row in ended[:50]:  # the latest first: a crew's last leader to leave
        for name in row.crews_led:
            gone = names.get(name)
            if gone is not None and not gone.leader_gone:  # type: ignore[attr-defined]
                gone.leader_gone = _(  # type: ignore[attr-defined]
                    "%(person)s, its leader, no longer works here (since %(day)s)."
                ) % {
                    "person": row.person or row.username,
                    "day": timezone.localtime(row.at).strftime("%Y-%m-%d"),
                }
    return crews
