"""The settings page's log of a station's ping rounds, in the reader's words: what became of
each request — taken, being sent, to be sent again, or given up (refused for good, tried
enough, or past the resend window) — and why the head-end did not take it, as a class
(refused with its HTTP status, no connection, timed out); the raw detail is in the server's
log only (``pings_send``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Station
from powerdesk.outages.models import PingRound
from powerdesk.outages.pings import RETRY_WITHIN


@dataclass(frozen=True)
class LoggedRound:
    at: dt.datetime
    asked: int
    note: str  # empty: the head-end took it


def why_not_taken(round_: PingRound) -> str:
    if round_.failure == PingRound.Failure.REFUSED and round_.http_status:
        return _("refused by the head-end: HTTP %(status)d") % {"status": round_.http_status}
    if round_.failure:
        return str(PingRound.Failure(round_.failure).label)
    return ""


def round_note(round_: PingRound, now: dt.datetime) -> str:
    state = round_.state
    if state == PingRound.State.SENT:
        return ""
    if state == PingRound.State.PENDING:
        return _("being sent")
    why = why_not_taken(round_)
    if state == PingRound.State.FAILED and round_.at >= now - RETRY_WITHIN:
        if why:
            return _("not taken (%(why)s), sent again in a later round") % {"why": why}
        return _("not taken yet, sent again in a later round")
    if why:
        return _("not taken (%(why)s), given up") % {"why": why}
    return _("not taken, given up")


def rounds_logged(station: Station, most: int = 10) -> list[LoggedRound]:
    """The station's latest ping rounds, newest first."""
    now = timezone.now()
    rounds = PingRound.objects.for_station(station).order_by("-at", "-pk")[:most]
    return [LoggedRound(at=r.at, asked=r.asked, note=round_note(r, now)) for r in rounds]
