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
    from powerdesk.outages.models import Outage


@dataclass(frozen=True, kw_only=True)
class RecordAsk(ReachAsk):
    """What recording an outage on ``device`` now would text, said before it is recorded
    (``situation``: "off", the power is off now)."""

    device: GridNode


def record_ask(
    station: Station,
    device: GridNode,
    *,
    starts_at: dt.datetime | None = None,
    expected_restore_at: dt.datetime | None = None,
) -> RecordAsk:
    """What an outage recorded now on ``device`` texts, counted as its notice sends (``starts_at``,
    ``expected_restore_at``: its own as it would be recorded, which decide whom its first text
    spares under a wider outage ending later: ``reach.outage_known_reach``)."""
    from powerdesk.notifications.reach import outage_known_reach

    reach = outage_known_reach(
        station, device, starts_at=starts_at, expected_restore_at=expected_restore_at
    )
    return RecordAsk(device=device, reach=reach, situation="off")


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
    ``expected_restore_at`` as ``record()`` would record them, for the ask (``record_ask``)."""
    token = str(data.get("form_token", ""))[:64]
    asked = str(data.get("confirm_record", ""))[:20]
    if not (token and asked):
        return Asking(record_ask(station, device(), **(when() if when else {})), form_token_new())

    def work() -> dict[str, Outage]:
        if str(device().pk) != asked:
            raise OutageError(
                _("The device is not the one you were asked about: confirm it again.")
            )
        return {"outage": record()}

    submission, first = form_once(station=station, user=user, token=token, kind=kind, work=work)
    return Recorded(submission.outage, first)
