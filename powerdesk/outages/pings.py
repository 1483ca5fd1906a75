"""Meter pings, end to end: every five minutes, for a station whose AMI head-end takes ping
requests (``PingSettings``) and that has an outage picture, the engine names the meters worth
pinging (``OutageInference.pings``); each is stored (``MeterPing``, once per customer a round)
and the head-end gets one JSON request listing them, under the round's idempotency key. A
meter pinged in the last half hour is not asked again. A request the head-end never took is kept
as a failed round and sent again, under the same key, in a later round (by one worker at a
time, a few times at most, while an outage is predicted; one it refused, 4xx, never:
``pings_send``); the engine counts a ping only from when its request was taken
(``live.LiveStation`` replays the sent rounds' pings with the signals, in time order). An
answer is a power-on from the meter (the intake's ``ami_on``): ``pings_answered`` marks the
request answered.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Least
from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.outages.models import MeterPing, PingRound, PingSettings, PredictedOutage

# The board's words for a prediction's pings (``board`` takes them from here).
from powerdesk.outages.pings_board import ANSWER_WITHIN as ANSWER_WITHIN
from powerdesk.outages.pings_board import ping_words as ping_words
from powerdesk.outages.pings_board import with_ping_counts as with_ping_counts
from powerdesk.outages.pings_send import CLAIM_LAPSES, Poster, claim, http_post, send

ROUND_EVERY = dt.timedelta(minutes=5)
NOT_AGAIN_WITHIN = dt.timedelta(minutes=30)
RETRY_WITHIN = dt.timedelta(minutes=30)  # a failed round older than this is given up
# Older failed rounds sent again in one round at most (newest first): a head-end that was
# down gets a few, not a backlog, and a round's run stays short.
RESEND_MOST = 2


@dataclass
class RoundResult:
    asked: int = 0
    resent: int = 0
    failed: int = 0
    skipped: str = ""


def round_key(station: Station, now: dt.datetime) -> str:
    """The round's idempotency key: the station and the five minutes it falls in."""
    slot = int(now.timestamp() // ROUND_EVERY.total_seconds())
    return f"ping-{station.code}-{slot}"


def ping_round(
    station: Station, *, now: dt.datetime | None = None, post: Poster | None = None
) -> RoundResult:
    """One round of pings for ``station`` (safe to run again, and from two workers at once:
    a round is claimed before it is posted, by one of them only)."""
    now = now or timezone.now()
    post = post or http_post
    started = time.monotonic()

    def clock() -> dt.datetime:
        # The round's time plus what it has taken so far: a ping counts from when the head-end
        # took its request (the engine's building and the posting take seconds), not before.
        return now + dt.timedelta(seconds=time.monotonic() - started)

    result = RoundResult()
    setting = PingSettings.objects.filter(station=station).first()
    if setting is None or not setting.on:
        result.skipped = "off"
        return result
    _close_unanswered(station, now)
    if not PredictedOutage.objects.filter(station=station).exists():
        result.skipped = "no outage"  # nor are older rounds sent again: nothing to learn
        return result
    round_, result.skipped = _new_round(station, now, setting.most)
    if round_ is not None:
        result.asked = round_.asked
        if not send(round_, setting.endpoint_url, post, clock, setting.secret):
            result.failed = 1
            return result  # the head-end takes nothing now: the older rounds wait too
    result.resent = _resend(station, now, setting, post, clock)
    return result


def _new_round(station: Station, now: dt.datetime, most: int) -> tuple[PingRound | None, str]:
    """This round's request, stored and claimed for sending by this worker; or why none."""
    key = round_key(station, now)
    if PingRound.objects.filter(station=station, key=key).exists():
        return None, "done"  # a retry, or another worker: nothing is asked twice
    chosen = _choose(station, now, most)
    if not chosen:
        return None, "nothing to ask"
    try:
        with transaction.atomic():
            round_ = PingRound.objects.create(
                station=station,
                at=now,
                key=key,
                asked=len(chosen),
                state=PingRound.State.PENDING,  # claimed by this worker, its maker
                claimed_at=now,
                tries=0,
            )
            MeterPing.objects.bulk_create(
                [
                    MeterPing(
                        station=station,
                        round=round_,
                        customer_id=customer_id,
                        device_code=device,
                        reason=reason,
                        requested_at=now,
                    )
                    for customer_id, device, reason in chosen
                ]
            )
    except IntegrityError:  # another worker made this round meanwhile
        return None, "done"
    return round_, ""


def _resend(
    station: Station,
    now: dt.datetime,
    setting: PingSettings,
    post: Poster,
    clock: Callable[[], dt.datetime],
) -> int:
    """Send again the rounds the head-end did not take: tried already, at least a round old,
    not older than ``RETRY_WITHIN``, newest first, ``RESEND_MOST`` at most; stop at the first
    it does not take. Also a round whose sender died while posting (its claim lapsed)."""
    due = (
        PingRound.objects.filter(
            station=station, at__gte=now - RETRY_WITHIN, at__lte=now - ROUND_EVERY
        )
        .filter(
            Q(state=PingRound.State.FAILED, tries__gte=1)
            | Q(state=PingRound.State.PENDING, claimed_at__lt=now - CLAIM_LAPSES)
        )
        .order_by("-at", "-pk")
    )
    sent = 0
    for round_ in due[:RESEND_MOST]:
        if not claim(round_, now):
            continue  # another worker has it
        if not send(round_, setting.endpoint_url, post, clock, setting.secret):
            break
        sent += 1
    return sent


def _choose(station: Station, now: dt.datetime, most: int) -> list[tuple[int, str, str]]:
    """``(customer pk, device, reason)`` of the meters the engine asks for now, at most
    ``most``, none pinged in the last half hour."""
    from powerdesk.outages.live import LiveStation

    live = LiveStation(station)
    live.rebuild()
    if live.engine is None or live.grid is None:
        return []
    requests = live.engine.pings(now.timestamp(), most)
    accounts = live.grid.customer_pk
    recent = set(
        MeterPing.objects.filter(
            station=station, requested_at__gte=now - NOT_AGAIN_WITHIN
        ).values_list("customer_id", flat=True)
    )
    chosen: list[tuple[int, str, str]] = []
    for request in requests:
        pk = accounts.get(request.customer)
        if pk is None or pk in recent:
            continue
        recent.add(pk)
        chosen.append((pk, request.device, request.reason))
    return chosen[:most]


def _close_unanswered(station: Station, now: dt.datetime) -> None:
    MeterPing.objects.filter(
        station=station,
        state=MeterPing.State.REQUESTED,
        round__state=PingRound.State.SENT,
        requested_at__lt=now - ANSWER_WITHIN,
    ).update(state=MeterPing.State.NO_ANSWER)


def pings_answered(station: Station, answers: Iterable[tuple[int, dt.datetime]]) -> int:
    """Mark answered the requests that the power-on reports ``(customer pk, time)`` answer
    (a report within the answer window after a request); how many were marked. A request
    counts whether its round is sent, still being posted (a quick head-end answers before
    the POST returns) or to be sent again (its answer may come of a try that timed out on
    our side); not one given up. An answered request keeps a time no later than its answer
    (the engine replays it so: the request, then its answer)."""
    answers = list(answers)
    if not answers:
        return 0
    waiting = list(
        MeterPing.objects.filter(station=station, customer_id__in={c for c, _ in answers})
        .exclude(round__state=PingRound.State.GIVEN_UP)
        .exclude(state=MeterPing.State.ANSWERED)
        .values_list("pk", "customer_id", "requested_at")
    )
    marked = 0
    for pk, customer_id, asked in waiting:
        times = [
            at for c, at in answers if c == customer_id and asked <= at <= asked + ANSWER_WITHIN
        ]
        if times:
            first = min(times)
            marked += MeterPing.objects.filter(pk=pk).update(
                state=MeterPing.State.ANSWERED,
                answered_at=first,
                requested_at=Least(F("requested_at"), Value(first)),
            )
    return marked


def ping_rows(station: Station, *, since: dt.datetime | None = None) -> list[Row]:
    """The sent pings as the live engine replays them: ``(ping pk, t, "ping", account)``
    (``since``: only those asked since then)."""
    rows = MeterPing.objects.filter(station=station, round__state=PingRound.State.SENT)
    if since is not None:
        rows = rows.filter(requested_at__gte=since)
    return [
        (pk, at.timestamp(), PING, account)
        for pk, at, account in rows.order_by("requested_at", "pk").values_list(
            "pk", "requested_at", "customer__account_number"
        )
    ]


PING = "ping"  # the live engine's row kind for a stored request (not a contract event)
Row = tuple[int, float, str, str]


def with_pings(station: Station, signals: list[Row]) -> tuple[list[Row], set[int]]:
    """The signals (in time order) with the sent pings among them in time order, a request
    before a power-on of the same time (that is its answer); and the pings' ids."""
    pings = ping_rows(station)
    merged = sorted(
        [((row[1], 0, i), row) for i, row in enumerate(pings)]
        + [((row[1], 1, i), row) for i, row in enumerate(signals)],
        key=lambda r: r[0],
    )
    return [row for _key, row in merged], {pk for pk, *_ in pings}
