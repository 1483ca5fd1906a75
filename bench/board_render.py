"""Outage board benchmark: how long the board partial takes to draw in a storm on the demo station.

    python3 -m uv run python bench/board_render.py                 # builds everything (~5-10 min)
    python3 -m uv run python bench/board_render.py --rounds 50
    python3 -m uv run python bench/board_render.py --data-dir var  # a demo database with a storm

Without ``--data-dir`` it makes the demo station (``powerdesk demo``) in a temporary folder,
replays a storm on it through the HTTP API in this process (``powerdesk replay``'s code, at
speed 0, through Django's test client: the whole request stack, no socket), lets the live
engine take it (``outage_service --once``), confirms the three most urgent predictions (so the
board has outage records with their forms and history too) and trains the restoration model,
as ``make run`` does. With ``--data-dir`` it uses the database there as it is (a replay against
a server on it, say).

Then, as the person named (a dispatcher by default) on the production settings (DEBUG off, the
board's grid checked every few seconds), it asks for ``/outages/board/`` ``--rounds`` times and
prints the median and the worst, with the first (cold) drawing apart; the same with every kept
thing dropped before each drawing (``--cold``: the worst refresh, when everything changed); and
the full ``/outages/`` page and the chief's home page. Target: the board partial within 200 ms
with a storm's ~70 rows on this machine under light load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HTMX = {"HX-Request": "true"}  # the board partial as the page's polling asks for it


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", help="use this POWERDESK_DATA_DIR as it is")
    parser.add_argument("--rounds", type=int, default=20, help="drawings timed (default 20)")
    parser.add_argument("--user", default="gl_dispatch", help="who looks (default gl_dispatch)")
    parser.add_argument("--hours", type=float, default=2.0, help="the storm's length (new data)")
    parser.add_argument("--seed", type=int, default=1, help="which storm (new data)")
    parser.add_argument(
        "--faults", type=float, default=10.0, help="faults per 1,000 elements (new data)"
    )
    parser.add_argument(
        "--confirm", type=int, default=3, help="predictions recorded as outages (new data)"
    )
    args = parser.parse_args()

    folder = args.data_dir or tempfile.mkdtemp(prefix="powerdesk-board-")
    os.environ["POWERDESK_DATA_DIR"] = str(Path(folder).resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "powerdesk.settings")
    os.environ.setdefault("POWERDESK_DEBUG", "0")
    os.environ.setdefault("POWERDESK_TLS", "0")
    os.environ.setdefault("POWERDESK_SECRET_KEY", "board-benchmark-" + "x" * 40)
    os.environ.setdefault("POWERDESK_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()
    if args.data_dir is None:
        print(f"Building the demo station and a {args.hours:g}-hour storm in {folder} ...")
        build(args.hours, args.seed, faults=args.faults, confirm=args.confirm)
    _static()
    measure(args.user, args.rounds)


def _static() -> None:
    """The pages' static files, as a server on the production settings has them collected."""
    import io

    from django.conf import settings
    from django.core.management import call_command

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())


def build(hours: float, seed: int, *, faults: float = 10.0, confirm: int = 3) -> None:
    import io

    from django.core.management import call_command
    from django.test import Client

    from powerdesk.accounts.models import Station, User
    from powerdesk.accounts.tokens import token_create
    from powerdesk.outages.etr import etr_train
    from powerdesk.outages.models import PredictedOutage
    from powerdesk.outages.prediction_steps import prediction_confirm
    from powerdesk.outages.replay import storm_replay
    from powerdesk.outages.services import OutageError

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("demo", stdout=io.StringIO())
    station = Station.objects.get(code="guanglu")
    print(f"  the demo station: {time.perf_counter() - started:.0f} s")
    _, token = token_create(station_id=station.pk, name="board benchmark")
    client = Client()

    def post(path: str, body: Any) -> tuple[int, Any]:
        response = client.post(
            path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Token {token}"
        )
        return response.status_code, response.json()

    started = time.perf_counter()
    report = storm_replay(station, post, seed=seed, speed=0, hours=hours, faults_per_1000=faults)
    call_command("outage_service", "--once", stderr=io.StringIO(), stdout=io.StringIO())
    print(
        f"  the storm: {report.calls_sent} calls and {report.signals_sent} meter and SCADA "
        f"events in {time.perf_counter() - started:.0f} s"
    )
    chief = User.objects.get(username="gl_chief")
    for prediction in PredictedOutage.objects.filter(
        station=station, device__isnull=False
    ).order_by("-customers")[:confirm]:
        try:
            prediction_confirm(prediction=prediction, user=chief)
        except OutageError:  # (a device already recorded, or below one)
            continue
    started = time.perf_counter()
    model = etr_train(station)
    took = time.perf_counter() - started
    print(f"  the restoration model ({model.trained_on} outages): {took:.0f} s")


def measure(username: str, rounds: int) -> None:
    from django.test import Client

    from powerdesk.accounts.models import User

    try:
        from powerdesk.outages import board_grid, board_html, etr_model

        kept = [board_grid.forget, board_html.forget, etr_model.forget]
    except (ImportError, AttributeError):  # (the code before the board kept anything)
        kept = []

    def client_of(name: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=name))
        return client

    looker = client_of(username)
    first = time.perf_counter()
    page = looker.get("/outages/board/", headers=HTMX)
    cold = time.perf_counter() - first
    assert page.status_code == 200, page.status_code
    rows = page.content.count(b"data-state=")
    print(f"\nThe board partial as {username}: {rows} rows, {len(page.content) // 1024} KB")
    print(f"  first drawing (nothing kept yet): {cold * 1000:.0f} ms")
    again = _times(lambda: looker.get("/outages/board/", headers=HTMX), rounds)
    _report("  again and again", again)

    def dropped() -> Any:
        for forget in kept:
            forget()
        return looker.get("/outages/board/", headers=HTMX)

    _report("  everything dropped each time", _times(dropped, max(3, rounds // 4)))
    _report("The outages page", _times(lambda: looker.get("/outages/"), max(3, rounds // 4)))
    chief = client_of("gl_chief")
    _report("The chief's home page", _times(lambda: chief.get("/home/"), max(3, rounds // 4)))


def _times(ask: Callable[[], Any], rounds: int) -> list[float]:
    ask()  # (the first may read what the others keep)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = ask()
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return times


def _report(what: str, times: list[float]) -> None:
    print(
        f"{what}: median {statistics.median(times) * 1000:.0f} ms, "
        f"worst {max(times) * 1000:.0f} ms ({len(times)} times)"
    )


if __name__ == "__main__":
    main()
