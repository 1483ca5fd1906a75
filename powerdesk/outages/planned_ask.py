"""Announcing, moving and calling off a planned outage text the households at once
(``notify_planned_announced``, ``notify_planned_moved``, ``notify_planned_cancelled``), so staff
are asked first, as recording a fault outage asks (``record_ask``): the first press changes
nothing and says how many households (and text messages) it texts and the message that goes
out; a second button that says so does it. That form carries a one-time token
(``servicedesk.idempotency.form_once``): a double click or a retry does it once and finds what
the first one did. The ask is the service's, role-checked like the change itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.lib.language import station_language
from powerdesk.outages.models import Outage
from powerdesk.outages.reach_words import ReachAsk
from powerdesk.outages.record_ask import Recorded
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.idempotency import form_once, form_token_new

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User
    from powerdesk.network.models import GridNode

__all__ = [
    "PlannedAsk",
    "PlannedAsking",
    "planned_after_asking",
    "planned_ask_announce",
    "planned_ask_cancel",
    "planned_ask_move",
]


@dataclass(frozen=True, kw_only=True)
class PlannedAsk(ReachAsk):
    """What a change of a planned outage would text, said before it is made (``reach``: counted
    from the recipients the change sends to; ``situation``: "planned", or "cancelled" for a
    calling off)."""

    what: str  # "announce", "move" or "cancel"
    confirm: str  # the ask's button: what was asked about (the device or outage, the window)
    device: GridNode
    text: str  # the message households get, in the station's language


@dataclass(frozen=True)
class PlannedAsking:
    """The first press: nothing is changed; what to ask, and the ask's one-time token."""

    ask: PlannedAsk
    form_token: str


def planned_ask_announce(
    *,
    station: Station,
    user: User | None,
    device: GridNode,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    cause: str,
    short_notice: bool = False,
) -> PlannedAsk:
    """What announcing a planned outage on ``device`` for the window texts now (``cause``: the
    work, which villagers and the crew are told)."""
    from powerdesk.notifications.reach import planned_reach
    from powerdesk.outages.planned import planned_overlap_refuse

    require(user, station, Do.OUTAGE_DECLARE)
    if device.station_id != station.pk:
        raise OutageError(_("That device belongs to another station."), field="device")
    _window(starts_at, ends_at)
    if not cause.strip():
        raise OutageError(_("Write what the work is."), field="cause")
    _notice_period(station.pk, user, starts_at, accepted=short_notice)
    # Asking locks nothing (no transaction here: PostgreSQL refuses a row lock outside one); the
    # second press checks again, locked, before it announces.
    planned_overlap_refuse(device=device, starts_at=starts_at, ends_at=ends_at, lock=False)
    return PlannedAsk(
        what="announce",
        confirm=f"{device.pk}:{_stamp(starts_at)}:{_stamp(ends_at)}",
        device=device,
        reach=planned_reach(station, device),
        situation="planned",
        text=_text(station, device, "planned_announced", starts=starts_at, ends=ends_at),
    )


def planned_ask_move(
    *,
    outage: Outage,
    user: User | None,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    short_notice: bool = False,
) -> PlannedAsk:
    """What moving ``outage`` to the window texts now (everyone under its device)."""
    from powerdesk.notifications.reach import planned_reach
    from powerdesk.outages.planned import _announced_planned, planned_overlap_refuse

    require(user, outage.station_id, Do.OUTAGE_DECLARE)
    _announced_planned(outage)
    _window(starts_at, ends_at)
    _notice_period(outage.station_id, user, starts_at, accepted=short_notice)
    planned_overlap_refuse(
        device=outage.device, starts_at=starts_at, ends_at=ends_at, moving=outage, lock=False
    )
    return PlannedAsk(
        what="move",
        confirm=f"{outage.pk}:{_stamp(starts_at)}:{_stamp(ends_at)}",
        device=outage.device,
        reach=planned_reach(outage.station, outage.device, "planned_moved"),
        situation="planned",
        text=_text(
            outage.station,
            outage.device,
            "planned_moved",
            starts=starts_at,
            ends=ends_at,
            was_starts=outage.starts_at,
            was_ends=outage.expected_restore_at or outage.starts_at,
        ),
    )


def planned_ask_cancel(*, outage: Outage, user: User | None) -> PlannedAsk:
    """What calling ``outage`` off texts now (everyone told of it by text)."""
    from powerdesk.notifications.planned_changes import planned_told_reach
    from powerdesk.outages.planned import _announced_planned

    require(user, outage.station_id, Do.OUTAGE_DECLARE)
    _announced_planned(outage)
    return PlannedAsk(
        what="cancel",
        confirm=str(outage.pk),
        device=outage.device,
        reach=planned_told_reach(outage),
        situation="cancelled",
        text=_text(
            outage.station,
            outage.device,
            "planned_cancelled",
            starts=outage.starts_at,
            ends=outage.expected_restore_at or outage.starts_at,
        ),
    )


def planned_after_asking(
    *,
    station: Station,
    user: User | None,
    data: Mapping[str, Any],
    kind: str,
    ask: Callable[[], PlannedAsk],
    act: Callable[[], Outage],
) -> PlannedAsking | Recorded:
    """A change of a planned outage that texts households, in two presses. Without the ask's
    token and button (``form_token``, ``confirm_planned``) nothing changes: ``ask()`` says what
    it would text (raising why not), and the answer is what to ask. With them, ``act()`` does
    it for the first submission of the token only (``form_once``): a repeat, at once or later,
    does nothing and gets the first one's outage. What is asked is worked out again as it
    acts: if it is no longer what the button said (another window, another device), nothing
    is done. If ``act`` raises, nothing is kept and the form may be sent again."""
    token = str(data.get("form_token", ""))[:64]
    asked = str(data.get("confirm_planned", ""))[:80]
    if not (token and asked):
        return PlannedAsking(ask(), form_token_new())

    def work() -> dict[str, Outage]:
        if ask().confirm != asked:
            raise OutageError(
                _("The planned outage is not the one you were asked about: confirm it again.")
            )
        return {"outage": act()}

    submission, first = form_once(station=station, user=user, token=token, kind=kind, work=work)
    return Recorded(submission.outage, first)


def _window(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if starts_at <= timezone.now():
        raise OutageError(_("A planned outage starts later than now."), field="starts_at")
    if ends_at <= starts_at:
        raise OutageError(_("Power is expected back after the outage starts."), field="ends_at")


def _notice_period(
    station_id: int, user: User | None, starts_at: dt.datetime, *, accepted: bool
) -> None:
    """A start within the station's notice period needs the chief's shorter notice
    (``accepted``: the reason given, or the box ticked), as the change itself does."""
    from powerdesk.outages.services import notice_too_short, planned_notice_days

    days = planned_notice_days(station_id)
    if starts_at >= timezone.now() + dt.timedelta(days=days):
        return
    if not accepted:
        raise notice_too_short(days)
    require(user, station_id, Do.OUTAGE_SHORT_NOTICE)


def _stamp(at: dt.datetime) -> str:
    return str(int(at.timestamp()))


def _text(station: Station, device: GridNode, template: str, **times: dt.datetime) -> str:
    """The message as a household's phone shows it, in the station's language."""
    from powerdesk.notifications import audience
    from powerdesk.notifications.texts import render_text

    facts: dict[str, Any] = {
        "station": station.name,
        "phone": station.phone,
        "device": device.name or device.code,
        "villages": audience.place_names(device),
        **{name: at.isoformat() for name, at in times.items()},
    }
    with station_language():
        return render_text(template, facts)
