"""Sending a round of meter pings to the station's head-end (``pings.ping_round`` decides
which): a round is claimed by one worker before it is posted (``claim``), so that two workers
never post the same round at once; the head-end's answer is kept on the round as a class the
settings page can say in the reader's language (refused with its HTTP status, no connection,
timed out), the detail in the server log only. A refusal (4xx) is for good: never sent again.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable

from django.db import transaction
from django.db.models import Q

from powerdesk.outages.models import MeterPing, PingRound

log = logging.getLogger("powerdesk.outages.pings")

TIMEOUT = 10.0
# A round is tried at most this many times, the first included (the head-end that was down
# for half an hour gets no pile of stale requests when it comes back).
TRIES_MOST = 3
# A claim not ended by then is a worker that died while posting: another may take the round.
CLAIM_LAPSES = dt.timedelta(minutes=5)

# Sends one request to the head-end: (url, body, headers); raises on failure.
Poster = Callable[[str, bytes, dict[str, str]], None]


def http_post(url: str, body: bytes, headers: dict[str, str]) -> None:
    """POST to the head-end: the name resolved once and checked, the connection made to that
    address (``outbound.pinned_address``: never inside the server's networks)."""
    from powerdesk.notifications.transports import HttpPoster

    HttpPoster(url, TIMEOUT, pinned=True).post(body, headers)


def claim(round_: PingRound, now: dt.datetime) -> bool:
    """Take ``round_`` for sending, as it was read: True for one worker only (a conditional
    UPDATE on the state and tries seen; a lapsed claim can be taken over once)."""
    seen = Q(state=round_.state, tries=round_.tries)
    if round_.state == PingRound.State.PENDING:
        seen &= Q(claimed_at=round_.claimed_at)
    taken = (
        PingRound.objects.filter(pk=round_.pk)
        .filter(seen)
        .update(state=PingRound.State.PENDING, claimed_at=now)
    )
    if taken:
        round_.state, round_.claimed_at = PingRound.State.PENDING, now
    return bool(taken)


def failure_of(exc: Exception) -> tuple[str, int | None, bool]:
    """``(failure class, HTTP status, for good?)`` of a request's failure."""
    from powerdesk.notifications.transports import TransportError

    if isinstance(exc, TransportError):
        if exc.status is not None:
            return PingRound.Failure.REFUSED, exc.status, exc.permanent
        kind = {
            "timeout": PingRound.Failure.TIMED_OUT,
            "connection": PingRound.Failure.NO_CONNECTION,
            "inside": PingRound.Failure.INSIDE,
        }.get(exc.failure, PingRound.Failure.OTHER)
        return kind, None, exc.permanent
    if isinstance(exc, TimeoutError):
        return PingRound.Failure.TIMED_OUT, None, False
    if isinstance(exc, OSError):  # (ConnectionError among them)
        return PingRound.Failure.NO_CONNECTION, None, False
    return PingRound.Failure.OTHER, None, False


def send(
    round_: PingRound,
    url: str,
    post: Poster,
    clock: Callable[[], dt.datetime],
    secret: str = "",
) -> bool:
    """Post a round this worker claimed; True if the head-end took it. A failure is kept on
    the round: to be sent again, or given up (refused for good, or tried ``TRIES_MOST``).
    ``secret``: the station's ping secret, if set, signs the request."""
    assert round_.state == PingRound.State.PENDING, "claim the round first"
    pings = list(round_.pings.select_related("customer").order_by("pk"))
    body = json.dumps(
        {
            "station": round_.station.code,
            "round": round_.key,
            "requested_at": clock().isoformat(),
            "meters": [
                {"customer": p.customer.account_number, "device": p.device_code} for p in pings
            ],
        }
    ).encode()
    headers = {"Idempotency-Key": round_.key}
    if secret:  # signed as the webhook is: HMAC-SHA256 of the body under the station's secret
        from powerdesk.notifications.transports import SIGNATURE_HEADER, sign

        headers[SIGNATURE_HEADER] = "sha256=" + sign(secret, body)
    tries = round_.tries + 1
    try:
        post(url, body, headers)
    except Exception as exc:  # any failure is kept, and perhaps tried again
        failure, status, for_good = failure_of(exc)
        state = (
            PingRound.State.GIVEN_UP if for_good or tries >= TRIES_MOST else PingRound.State.FAILED
        )
        log.warning(
            "ping round %s not taken by the head-end (try %d, %s): %s: %s",
            round_.key,
            tries,
            state,
            type(exc).__name__,
            exc,
        )
        PingRound.objects.filter(pk=round_.pk, state=PingRound.State.PENDING).update(
            state=state, tries=tries, failure=failure, http_status=status
        )
        round_.state, round_.tries = state, tries
        return False
    now = clock()
    with transaction.atomic():
        PingRound.objects.filter(pk=round_.pk).update(
            state=PingRound.State.SENT, tries=tries, failure="", http_status=None, at=now
        )
        _answered_meanwhile(round_, pings)
        # The engine counts a ping from when the head-end took the request (one answered
        # meanwhile keeps its time: before its answer).
        MeterPing.objects.filter(round=round_, state=MeterPing.State.REQUESTED).update(
            requested_at=now
        )
    round_.state, round_.tries, round_.at = PingRound.State.SENT, tries, now
    return True


def _answered_meanwhile(round_: PingRound, pings: list[MeterPing]) -> None:
    """The power-ons the intake stored while the round was posted (the head-end pushed its
    answers before its own answer came back, or before the round was marked sent). The
    intake's ``pings_answered`` takes a round being posted too; this second look catches an
    answer whose intake read the requests just before they were stored."""
    from powerdesk.outages.models import Signal, SignalType
    from powerdesk.outages.pings import pings_answered

    if not pings:
        return
    since = min(p.requested_at for p in pings)
    answers = Signal.objects.filter(
        station_id=round_.station_id,
        type=SignalType.AMI_ON,
        customer_id__in=[p.customer_id for p in pings],
        event_at__gte=since,
    ).values_list("customer_id", "event_at")
    pings_answered(round_.station, [(c, at) for c, at in answers if c is not None])
