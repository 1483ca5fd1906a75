"""Whether a crew can be texted, and why not (walkthrough 34, 2): its duty phone may still be
the own mobile of someone whose work at the station ended (its leader, most often, whose number
was typed as the crew's). A text never goes to a number that belongs only to such a person: the
crew's text is not sent (``audience.crew_phone``), the dispatcher is told why as the crew is
sent, and the crew's page and the page ending that person's work say that the crew's duty phone
must be changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from powerdesk.accounts.models import Crew, Station, User

__all__ = ["crew_not_texted", "crews_phoned_at", "dispatch_not_texted", "ended_owner_of"]


def _owners(number: str, station: Station) -> tuple[list[User], list[User]]:
    """The people whose mobile is ``number`` (E.164): those working at ``station``, and those
    whose work there ended (and who do not work there again)."""
    working: list[User] = []
    ended: list[User] = []
    for person, mobile, works in _people_phoned(station):
        if mobile == number:
            (working if works else ended).append(person)
    return working, ended


def _people_phoned(station: Station) -> list[tuple[User, str, bool]]:
    """Everyone working at ``station`` or whose work there ended, with a phone: each with their
    mobile as the texts read it and whether they work there. Kept on the station object: a page
    of many crews asks once."""
    memo = station.__dict__.get("_people_phoned")
    if memo is not None:
        return memo  # type: ignore[no-any-return]
    from django.db.models import Exists, OuterRef, Q

    from powerdesk.accounts.models import Membership, MembershipEnded, User
    from powerdesk.notifications.services import mobile_of

    works = Exists(Membership.objects.filter(station=station, user=OuterRef("pk")))
    ended = Exists(MembershipEnded.objects.filter(station=station, person=OuterRef("pk")))
    # A station's staff is a few dozen: every number read as the texts read it (one query).
    candidates = (
        User.objects.annotate(works=works, ended=ended)
        .filter(Q(works=True) | Q(ended=True))
        .exclude(phone="")
    )
    people: list[tuple[User, str, bool]] = [
        (person, mobile_of(person.phone, station), bool(person.works))
        for person in candidates.order_by("pk")
    ]
    station.__dict__["_people_phoned"] = people
    return people


def ended_owner_of(crew: Crew) -> User | None:
    """The person no longer working at the crew's station whose own mobile is the crew's duty
    phone, when nobody working there has that number; else None. Kept on the crew object for
    its phone: a page that lists the crews for each of fifty outages asks once per crew."""
    memo = crew.__dict__.get("_ended_owner")
    if memo is not None and memo[0] == crew.phone:
        return memo[1]
    found = _ended_owner(crew)
    crew.__dict__["_ended_owner"] = (crew.phone, found)
    return found


def _ended_owner(crew: Crew) -> User | None:
    from powerdesk.notifications.services import mobile_of

    number = mobile_of(crew.phone, crew.station)
    if not number:
        return None
    working, ended = _owners(number, crew.station)
    if working or not ended:
        return None
    return ended[0]


def crew_not_texted(crew: Crew) -> str:
    """Why a text to ``crew`` (sent to a job, made urgent) cannot be sent, in the reader's
    language; "" when it can."""
    from powerdesk.notifications.services import mobile_of

    owner = ended_owner_of(crew)
    if owner is not None:
        return _(
            "No text was sent to %(crew)s: its duty phone %(phone)s is the own number of "
            "%(person)s, who no longer works at the station. Ring the crew, and set its duty "
            "phone."
        ) % {"crew": crew.name, "phone": crew.phone_display, "person": owner}
    if mobile_of(crew.phone, crew.station):
        return ""
    if crew.leader is not None and mobile_of(crew.leader.phone, crew.station):
        return ""
    return _(
        "No text was sent to %(crew)s: it has no duty phone that takes texts, nor a leader "
        "with a mobile. Ring the crew, and set its duty phone."
    ) % {"crew": crew.name}


def crews_phoned_at(station: Station, person: User) -> list[Crew]:
    """The station's crews whose duty phone is ``person``'s own mobile: said before their work
    at the station ends (the crew's duty phone must be changed, or texts stop reaching it)."""
    from powerdesk.accounts.models import Crew
    from powerdesk.notifications.services import mobile_of

    number = mobile_of(person.phone, station)
    if not number:
        return []
    return [
        crew
        for crew in Crew.objects.filter(station=station).exclude(phone="").order_by("name")
        if mobile_of(crew.phone, station) == number
    ]


def dispatch_not_texted(crew: Crew) -> str:
    """``crew_not_texted`` when the station texts crews sent to a job (its notice settings);
    "" otherwise: what the dispatcher is told as the crew is sent."""
    from powerdesk.notifications.models import Audience, Event
    from powerdesk.notifications.services import audiences

    if Audience.CREW not in audiences(crew.station, Event.CREW_DISPATCHED):
        return ""
    return crew_not_texted(crew)
