"""Recording the engine's prediction texts every household below it at once
(``notify_outage_known``), so staff are asked first — at intake (``servicedesk.views``) and on
the board's "confirm" (``views_board``) alike: how many households, and text messages, it texts
(``record_ask``), and it is recorded only from a second button that says so. That form carries
a one-time token (``servicedesk.idempotency``): a double click or a retry records once and
finds what the first one recorded (``prediction_confirm_once``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from powerdesk.servicedesk.idempotency import form_once
from powerdesk.servicedesk.models import FormSubmission

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User
    from powerdesk.network.models import GridNode
    from powerdesk.outages.models import Outage


@dataclass(frozen=True)
class RecordAsk:
    """What recording an outage on ``device`` now would text, said before it is recorded."""

    device: GridNode
    households: int
    phones: int  # text messages: a household may have several mobile phones on file


def record_ask(station_id: int, device: GridNode) -> RecordAsk:
    """How many households, and messages, an outage recorded now on ``device`` texts (none
    when the station does not text households of it)."""
    from powerdesk.notifications.events import outage_known_reach

    households, phones = outage_known_reach(station_id, device)
    return RecordAsk(device=device, households=households, phones=phones)


def prediction_confirm_once(
    *, station: Station, user: User | None, token: str, confirm: Callable[[], Outage]
) -> tuple[Outage | None, bool]:
    """Record with ``confirm`` (``life.prediction_confirm``, the prediction looked up inside
    it) for the first submission of the board's ``token``; a repeat, at once or later, records
    nothing and gets the first one's outage. Returns the outage and whether it was recorded now.
    If ``confirm`` raises, nothing is kept and the form may be sent again."""
    submission, first = form_once(
        station=station,
        user=user,
        token=token,
        kind=FormSubmission.Kind.OUTAGE_CONFIRM,
        work=lambda: {"outage": confirm()},
    )
    return submission.outage, first
