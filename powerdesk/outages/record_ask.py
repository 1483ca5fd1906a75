"""Recording a fault outage texts every household below it at once (``notify_outage_known``),
so staff are asked first — at intake (``servicedesk.intake_record``), on the board's "confirm"
and "it is another device" (``views_board``), on "found here" of a prediction
(``views_patrol``) and when recording one by hand on the outages page (``views``) alike: how
many households, and text messages, it texts (``record_ask``), and it is recorded only from a
second button that says so.
Outside intake that form carries a one-time token (``servicedesk.idempotency``): a double click
or a retry records once and finds what the first one recorded (``record_after_asking``); its
page is drawn by ``views_ask``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from powerdesk.outages.reach_words import ReachAsk
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.idempotency import form_once, form_token_new

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User
    from powerdesk.network.models import GridNode
    from powerdesk.outages.crew import CrewState
    from powerdesk.outages.models import Outage


@dataclass(frozen=True, kw_only=True)
class RecordAsk(ReachAsk):
    """What recording an outage on ``device`` now would text, said before it is recorded
    (``situation``: "off", the power is off now), and the message households and liaisons get
    (``text``, in the station's language), as the planned outage's ask shows it."""

    device: GridNode
    text: str = ""


def record_ask(
    station: Station,
    device: GridNode,
    *,
    starts_at: dt.datetime | None = None,
    expected_restore_at: dt.datetime | None = None,
    cause: str = "",
    cause_kind: str = "",
    worded: bool = True,
) -> RecordAsk:
    """What an outage recorded now on ``device`` texts, counted as its notice sends (``starts_at``,
    ``expected_restore_at``: its own as it would be recorded, which decide whom its first text
    spares under a wider outage ending later: ``reach.outage_known_reach``), and its message
    (``first_text``; ``cause``: the words typed, ``cause_kind``: the kind found, if any).
    ``worded=False``: the counts alone (intake's button, drawn again as the number is typed,
    records no words of staff's and asks for no message: review38, 13)."""
    from powerdesk.notifications.reach import outage_known_reach

    reach = outage_known_reach(
        station, device, starts_at=starts_at, expected_restore_at=expected_restore_at
    )
    text = ""
    if worded:
        text = first_text(
            station,
            device,
            starts_at=starts_at,
            expected_restore_at=expected_restore_at,
            cause=cause,
            cause_kind=cause_kind,
        )
    return RecordAsk(device=device, reach=reach, situation="off", text=text)


def first_text(
    station: Station,
    device: GridNode,
    *,
    starts_at: dt.datetime | None = None,
    expected_restore_at: dt.datetime | None = None,
    cause: str = "",
    cause_kind: str = "",
) -> str:
    """The first text of a fault outage recorded now on ``device`` (``notify_outage_known``'s),
    as a household's phone shows it in the station's language: the very facts its notice
    carries (``outage_facts``: the places, the cause as it may leave the station, the time power
    should be back, the repair), reckoned on a stand-in for the outage, never stored. Recorded,
    an outage is told once its callers' orders have joined it, with the crew on them
    (``crew_state_below``)."""
    from django.utils import timezone

    from powerdesk.lib.language import station_language
    from powerdesk.notifications.outage_notices import outage_facts
    from powerdesk.notifications.texts import render_text
    from powerdesk.outages.etr import etr_for_unrecorded
    from powerdesk.outages.models import Outage, OutageLink

    now = timezone.now()
    starts_at = min(starts_at or now, now)
    stand_in = Outage(
        pk=-1,
        station=station,
        device=device,
        kind=Outage.Kind.UNPLANNED,
        status=Outage.Status.ACTIVE,
        starts_at=starts_at,
        expected_restore_at=expected_restore_at,
        cause=cause.strip(),
    )
    # The kind found with it ("found here"), as the outage's link will hold it (none: no link).
    link = OutageLink(outage=stand_in, cause_kind=cause_kind) if cause_kind else None
    stand_in._state.fields_cache["link"] = link
    # Without staff's time, the model's estimate, as for an outage not yet recorded.
    etr = None
    if expected_restore_at is None:
        etr = etr_for_unrecorded(station.pk, device, starts_at, now=now)
    facts = {"station": station.name, "phone": station.phone, **outage_facts(stand_in, etr=etr)}
    # It is sent once the callers' orders below have joined the outage, and their crew with it
    # (``prediction_steps.prediction_confirm``, ``patrol.prediction_found_here``): where that
    # crew is, never "a crew is being arranged" while one is on a caller's order there (fix67c,
    # 3; fix69c, 1); found here (``cause_kind``), it is at work on site.
    facts["crew_state"] = str(crew_state_below(station, device, starts_at, found=bool(cause_kind)))
    with station_language():
        return render_text("outage_known", facts)


def crew_state_below(
    station: Station, device: GridNode, starts_at: dt.datetime, *, found: bool = False
) -> CrewState:
    """Where the crew of an outage recorded now on ``device`` from ``starts_at`` will be once
    the callers' orders below it join it (``joined.orders_to_join``, as its recording joins
    them): by the status of those a crew is on (``crew.crew_state_of``, as the text sent then
    reckons it: on site, on the way, or sent), on site when the fault was found there
    (``found``); none when no crew is on any of them."""
    from powerdesk.outages.crew import CrewState, crew_state_of
    from powerdesk.outages.joined import orders_to_join
    from powerdesk.servicedesk.crew_job_orders import JOB_STATUSES

    statuses = {
        order.status
        for order in orders_to_join(station_id=station.pk, device=device, starts_at=starts_at)
        if order.crew_id is not None and order.status in JOB_STATUSES
    }
    if not statuses:
        return CrewState.NONE
    return crew_state_of(statuses, on_the_line=found)


@dataclass(frozen=True)
class Asking:
    """The first press: nothing is recorded; what to ask (``ask``), and the one-time token of
    the ask's form, whose button records."""

    ask: RecordAsk
    form_token: str


@dataclass(frozen=True)
class Recorded:
    """The ask's button: the outage its token recorded (None when that outage is gone since),
    and whether this submission recorded it (False: a double click or a retry)."""

    outage: Outage | None
    first: bool


def record_after_asking(
    *,
    station: Station,
    user: User | None,
    data: Mapping[str, Any],
    kind: str,
    device: Callable[[], GridNode],
    record: Callable[[], Outage],
    when: Callable[[], Mapping[str, dt.datetime | None]] | None = None,
    cause: str = "",
) -> Asking | Recorded:
    """Every way staff record an outage that texts the households below at once (the board's
    "confirm" and "it is another device", "found here" on a prediction, recording one by
    hand), in two presses. Without the ask's token and button (``form_token``,
    ``confirm_record``: the device's id) nothing is recorded: ``device()`` says where it would
    be (raising why not), and the answer is what to ask. With them, ``record()`` records, for
    the first submission of the token only (``form_once``): a repeat, at once or later, records
    nothing and gets the first one's outage. The device is looked up again as it records: if it
    is no longer the one asked about, nothing is recorded. If ``record`` raises, nothing is
    kept and the form may be sent again. ``when()``: the outage's ``starts_at`` and
    ``expected_restore_at`` as ``record()`` would record them, and ``cause`` the cause typed,
    for the ask (``record_ask``: its message)."""
    token = str(data.get("form_token", ""))[:64]
    asked = str(data.get("confirm_record", ""))[:20]
    if not (token and asked):
        times = when() if when else {}
        ask = record_ask(
            station,
            device(),
            starts_at=times.get("starts_at"),
            expected_restore_at=times.get("expected_restore_at"),
            cause=cause,
        )
        return Asking(ask, form_token_new())

    def work() -> dict[str, Outage]:
        if str(device().pk) != asked:
            raise OutageError(
                _("The device is not the one you were asked about: confirm it again.")
            )
        return {"outage": record()}

    submission, first = form_once(station=station, user=user, token=token, kind=kind, work=work)
    return Recorded(submission.outage, first)
