"""A storm replayed on a station's own grid through the HTTP API, as the field would send it.

The engine's simulator (``engine.simulate``) makes a storm on the station's grid as it is now:
faults, the customers' calls, their smart meters' power-off and power-on messages, SCADA's
opens and closes. ``storm_replay`` sends it as the station's telephone system and meter
head-end would: each call through ``POST /api/v1/calls`` from one of the customer's own phone
numbers, the meters' and SCADA's events through ``POST /api/v1/signals`` in batches, at the
pace of the storm (``speed`` simulated seconds a second; 0: as fast as the server takes them).

The replay stops at the storm's end, its outages still open, for the staff to work on the
board; with ``aftermath`` it goes on until the meters say every outage is over. Only what
arrives from outside is sent: the crews' "found it open" and "closed it" and the
callbacks' "power is back" are the staff's to record on the board while the storm runs.
Paced, events carry the wall-clock time they are sent at, so the engine takes them in order and
the calls (timed by the server on arrival) and the meters agree. At once (speed 0), the meters'
events keep the storm's own spacing, as a storm that has just ended, and the calls come at its
end.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from powerdesk.accounts.models import Station
from powerdesk.customers.models import CustomerPhone
from powerdesk.engine.simulation.storm import StormConfig, simulate_storm
from powerdesk.outages.network_adapter import station_network

# What a head-end or SCADA sends; calls go to the calls API; the rest is the staff's.
HEAD_END_TYPES = frozenset({"ami_off", "ami_on", "scada_open", "scada_close"})
BATCH = 1000  # meter events per request at most
FLUSH_EVERY = 1.0  # seconds: meter events wait at most this long for their batch
# A paced replay the server cannot keep up with says so: once it is this many storm seconds
# behind, and again every so many seconds on the clock while it stays behind.
BEHIND_FROM = 60.0
BEHIND_EVERY = 10.0
# What callers say when the power goes (the note the call-taker types, as heard).
CALL_TEXTS = (
    "家里停电了",
    "突然没电了，麻烦来看看",
    "我们组都停电了",
    "打雷以后家里就没电了",
    "停电了，什么时候来电？",
    "整个村子都黑了",
)

Post = Callable[[str, Any], tuple[int, Any]]


class ReplayError(RuntimeError):
    pass


@dataclass
class ReplayReport:
    calls_sent: int = 0
    calls_without_phone: int = 0
    signals_sent: int = 0
    signals_accepted: int = 0
    signals_rejected: int = 0
    requests_failed: int = 0
    errors: list[str] = field(default_factory=list)
    elapsed: float = 0.0  # seconds on the clock the replay took
    storm_seconds: float = 0.0  # the storm time it covered (up to its last event)
    most_behind: float = 0.0  # storm seconds, at worst, behind the pace asked

    @property
    def rate(self) -> float | None:
        """Storm seconds sent a second on the clock (None: too quick to tell)."""
        return self.storm_seconds / self.elapsed if self.elapsed > 0 else None


def replay_summary(report: ReplayReport, speed: float) -> str:
    """The replay's last line: how long it really took and the pace it kept."""
    took = dt.timedelta(seconds=round(report.elapsed))
    storm = dt.timedelta(seconds=round(report.storm_seconds))
    rate = report.rate
    line = f"Took {took} for {storm} of storm"
    if rate is not None:
        line += f": {rate:.1f} storm seconds a second"
    if speed > 0:
        if report.most_behind >= BEHIND_FROM:
            line += (
                f", not the {speed:g} asked (the server could not keep up; at worst "
                f"{_minutes(report.most_behind)} of storm time behind)"
            )
        else:
            line += f", as asked ({speed:g})"
    return line + "."


def _minutes(storm_seconds: float) -> str:
    return f"{storm_seconds / 60:.0f} min" if storm_seconds >= 60 else f"{storm_seconds:.0f} s"


def http_poster(base_url: str, token: str, *, timeout: float = 30.0) -> Post:
    """POST JSON to ``base_url`` + path with the station's token; answers (status, body)."""
    base = base_url.rstrip("/")

    def post(path: str, body: Any) -> tuple[int, Any]:
        request = urllib.request.Request(
            base + path,
            data=json.dumps(body, ensure_ascii=False).encode(),
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as exc:
            text = exc.read().decode(errors="replace")[:300]
            return exc.code, text
        except (urllib.error.URLError, TimeoutError) as exc:
            raise ReplayError(
                f"The server at {base} does not answer ({getattr(exc, 'reason', exc)}); "
                "start it with `make run`, or give its address with --url."
            ) from None

    return post


def storm_events(
    station: Station,
    *,
    seed: int,
    hours: float,
    faults_per_1000: float,
    aftermath: bool = False,
) -> list[dict[str, Any]]:
    """The storm's events (storm time ``t`` in seconds from its start) that come from outside:
    those of its ``hours``, or with ``aftermath`` also the meters coming back on after it."""
    storm = simulate_storm(
        station_network(station),
        seed=seed,
        config=StormConfig(hours=hours, faults_per_1000_customers=faults_per_1000),
    )
    end = math.inf if aftermath else hours * 3600.0
    return [
        e
        for e in storm.events
        if (e["type"] == "call" or e["type"] in HEAD_END_TYPES) and e["t"] < end
    ]


def customer_phones(station: Station) -> dict[str, list[str]]:
    """Account number → the customer's phone numbers (as stored, E.164)."""
    phones: dict[str, list[str]] = {}
    for account, number in (
        CustomerPhone.objects.filter(customer__station=station)
        .order_by("pk")
        .values_list("customer__account_number", "number")
    ):
        phones.setdefault(account, []).append(number)
    return phones


def storm_replay(
    station: Station,
    post: Post,
    *,
    seed: int = 1,
    speed: float = 60.0,
    hours: float = 4.0,
    faults_per_1000: float = 10.0,
    aftermath: bool = False,
    say: Callable[[str], None] = lambda _text: None,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
) -> ReplayReport:
    """Simulate a storm on the station's grid and send it through ``post`` (see the module)."""
    events = storm_events(
        station, seed=seed, hours=hours, faults_per_1000=faults_per_1000, aftermath=aftermath
    )
    phones = customer_phones(station)
    rng = random.Random(seed)
    run = f"replay-{seed}-{int(clock())}"
    report = ReplayReport()
    # At once, the storm (and its aftermath, if asked) is one that has just ended: it spans this.
    span = max([hours * 3600.0, *(float(e["t"]) for e in events)])
    start = clock()
    pending: list[dict[str, Any]] = []
    flushed = clock()
    next_report = 1800.0
    behind_said = -math.inf

    def flush() -> None:
        nonlocal pending, flushed
        for first in range(0, len(pending), BATCH):
            batch = pending[first : first + BATCH]
            status, body = post("/api/v1/signals", batch)
            report.signals_sent += len(batch)
            if status == 202 and isinstance(body, dict):
                report.signals_accepted += int(body.get("accepted", 0))
                report.signals_rejected += len(body.get("rejected", []))
            else:
                report.requests_failed += 1
                report.errors.append(f"signals: {status} {str(body)[:200]}")
        pending = []
        flushed = clock()

    for number, event in enumerate(events):
        storm_t = float(event["t"])
        if speed > 0:
            wait = start + storm_t / speed - clock()
            if wait > 0:
                if pending:
                    flush()
                    wait = start + storm_t / speed - clock()
                if wait > 0:
                    sleep(wait)
            # Behind the pace asked: the server takes the storm slower than it comes.
            now = clock()
            behind = (now - start) * speed - storm_t
            report.most_behind = max(report.most_behind, behind)
            if behind >= BEHIND_FROM and now - behind_said >= BEHIND_EVERY:
                say(
                    f"behind by {_minutes(behind)} of storm time ({_clock_seconds(behind / speed)}"
                    f" on the clock) at storm "
                    f"{_clock_text(storm_t)}: the server takes about "
                    f"{storm_t / (now - start):.1f} storm seconds a second of the {speed:g} asked"
                )
                behind_said = now
        report.storm_seconds = max(report.storm_seconds, storm_t)
        if storm_t >= next_report:
            say(
                f"storm {_clock_text(storm_t)} — "
                f"{report.calls_sent} calls, {report.signals_sent + len(pending)} meter and "
                f"SCADA events sent"
            )
            next_report += 1800.0
        if event["type"] == "call":
            numbers = phones.get(event["customer"])
            if not numbers:
                report.calls_without_phone += 1
                continue
            if pending:  # the meters' events before the call, so the engine takes them in order
                flush()
            status, body = post(
                "/api/v1/calls",
                {
                    "caller_number": rng.choice(numbers),
                    "text": rng.choice(CALL_TEXTS),
                    "category": "fault_repair",
                    "cti_call_id": f"{run}-{number}",
                },
            )
            if status in (200, 201):
                report.calls_sent += 1
            else:
                report.requests_failed += 1
                report.errors.append(f"call: {status} {str(body)[:200]}")
            continue
        now = clock()
        # Paced, an event happens when it is sent. At once, the storm is one that has just
        # ended: its events keep their spacing (the engine weighs how long a meter stays off
        # and how soon people call), ending now, never after; the calls are timed by the
        # server, now.
        at = now if speed > 0 else start - span + storm_t
        pending.append({**event, "t": round(at, 6), "id": f"{run}-{number}"})
        if len(pending) >= BATCH or (speed > 0 and now - flushed >= FLUSH_EVERY):
            flush()
    if pending:
        flush()
    report.elapsed = clock() - start
    return report


def _clock_seconds(seconds: float) -> str:
    return str(dt.timedelta(seconds=round(seconds)))


def _clock_text(storm_t: float) -> str:
    return f"{int(storm_t // 3600):02d}:{int(storm_t % 3600 // 60):02d}"


def storm_duration(hours: float, speed: float) -> dt.timedelta | None:
    """How long a replay takes on the clock (None: as fast as the server goes)."""
    return dt.timedelta(seconds=hours * 3600 / speed) if speed > 0 else None
