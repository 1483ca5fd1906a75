"""Web serving benchmark: ``powerdesk serve`` (gunicorn) against ``runserver``, on SQLite or
PostgreSQL.

    python3 -m uv run python bench/serve.py                      # 20 clients, 30 s each
    python3 -m uv run python bench/serve.py --clients 50 --seconds 60
    python3 -m uv run python bench/serve.py --servers serve \
        --database-url postgres://powerdesk:powerdesk@127.0.0.1:5432/pd_bench

It prepares a database of the demo station once (bench/out/serve/, reused; with
``--database-url`` that PostgreSQL database, created if missing), then for each
server in turn: starts it on a port in 8100-8199, and runs N client threads for S seconds, half
posting ``POST /api/v1/calls`` with an API token, half logged in as the counter clerk sending
the intake form (GET the page for its one-time token, then POST it). It prints requests/s,
p50/p95/max latency and errors per path, and counts the calls stored, so that nothing was lost
or stored twice. Loopback only; the loops stop by themselves.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench/out/serve"
PYTHON = [sys.executable, "-m", "powerdesk"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--servers", default="serve,runserver")
    parser.add_argument("--database-url", default="", help="a PostgreSQL database (else SQLite)")
    parser.add_argument(
        "--storm",
        action="store_true",
        help="a storm replayed through the signals and calls API while the clock runs",
    )
    args = parser.parse_args(argv)
    env = _environment(args.database_url)
    key = _prepare(env)
    engine = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{args.clients} clients, {args.seconds:.0f} s each, {engine}, on this machine\n")
    print(
        f"{'server':<10} {'path':<16} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'max ms':>7} {'errors':>6}"
    )
    for number, server in enumerate(args.servers.split(",")):
        port = 8170 + number
        with _server(server, port, env) as pid:
            _warm(f"http://127.0.0.1:{port}", key)
            before = _calls(env)
            storm = _storm(port, key, args.seconds, env) if args.storm else None
            cpu_before = _tree_cpu(pid), time.process_time()
            results = _load(f"http://127.0.0.1:{port}", key, args.clients, args.seconds)
            cpu = _tree_cpu(pid) - cpu_before[0], time.process_time() - cpu_before[1]
            storm_cpu = _tree_cpu(storm.pid) if storm is not None else 0.0
            if storm is not None:
                storm.terminate()
                storm.wait(timeout=60)
        stored = _calls(env) - before
        accepted = 0
        every: list[float] = []
        failed = 0
        for path, (times, errors, ok) in results.items():
            accepted += ok
            every += times
            failed += errors
            ordered = sorted(times) or [0.0]
            p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
            print(
                f"{server:<10} {path:<16} {len(times) / args.seconds:7.1f} "
                f"{statistics.median(ordered) * 1000:7.0f} {p95 * 1000:7.0f} "
                f"{ordered[-1] * 1000:7.0f} {errors:6d}"
            )
        print(f"{server:<10} calls accepted {accepted}, stored {stored}")
        print(
            f"{server:<10} CPU over the run: server {cpu[0]:.1f} s "
            f"({cpu[0] * 1000 / max(accepted, 1):.1f} ms a call, the storm's requests included), "
            f"load generator {cpu[1]:.1f} s, storm replay {storm_cpu:.1f} s, "
            f"of {2 * args.seconds:.0f} s on two cores; load average {os.getloadavg()[0]:.1f}"
        )
        print(_verdict(engine, server, every, failed, accepted, stored, args.seconds) + "\n")


def _verdict(
    engine: str,
    server: str,
    times: list[float],
    failed: int,
    accepted: int,
    stored: int,
    seconds: float,
) -> str:
    """One line: all calls (API and form) per second and their p95, against the aim."""
    ordered = sorted(times) or [0.0]
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000
    rate = accepted / seconds
    if engine == "PostgreSQL":
        met = rate >= 150 and p95 <= 150 and failed == 0 and stored == accepted
        aim = "aim ≥ 150 calls/s at p95 ≤ 150 ms"
    else:
        met = rate >= 50 and failed == 0 and stored == accepted
        aim = "aim ≥ 50 calls/s, no error"
    return (
        f"{server}: {rate:.1f} calls/s accepted, p95 {p95:.0f} ms, {failed} errors, "
        f"{stored} of {accepted} stored ({aim}: {'met' if met else 'NOT met'})"
    )


def _storm(port: int, key: str, seconds: float, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """A four-hour storm on the demo station's grid, sent through the HTTP API (meter events,
    calls and crews' signals: ``powerdesk replay``) at the speed that fits it in ``seconds``."""
    speed = 4 * 3600 / seconds
    return subprocess.Popen(
        [
            *PYTHON,
            "replay",
            "--station",
            "guanglu",
            "--url",
            f"http://127.0.0.1:{port}",
            f"--token={key}",  # a key may begin with "-"
            "--speed",
            f"{speed:.0f}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _environment(database_url: str) -> dict[str, str]:
    OUT.mkdir(parents=True, exist_ok=True)
    # The key of the benchmark's data folder, kept there as the product keeps one (0600, made
    # once): given, because on PostgreSQL the server and the worker refuse a kept key.
    from powerdesk.lib.secret_key import KEY_FILE, kept_key

    secret = kept_key(OUT / KEY_FILE)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if database_url:
        _create_database(database_url)
        env["DATABASE_URL"] = database_url
    env.update(
        POWERDESK_DATA_DIR=str(OUT),
        POWERDESK_DEBUG="0",
        POWERDESK_TLS="0",
        POWERDESK_SECRET_KEY=secret,
        POWERDESK_LOG_LEVEL="WARNING",
        POWERDESK_DEMO_SMS_PORT="8199",
    )
    return env


def _prepare(env: dict[str, str]) -> str:
    subprocess.run([*PYTHON, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    subprocess.run([*PYTHON, "demo", "--if-empty"], env=env, check=True, capture_output=True)
    # The classifier, trained once as the task worker does on a first start (a web process
    # never trains one; without it intake would be measured without suggestions).
    subprocess.run([*PYTHON, "retrain_classifier"], env=env, check=True, capture_output=True)
    made = subprocess.run(
        [*PYTHON, "create_api_token", "--station", "guanglu", "--name", "bench"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    # "Token <name> for <station>: <key>" on its first line.
    return made.stdout.splitlines()[0].rsplit(": ", 1)[1].strip()


class _server:
    def __init__(self, kind: str, port: int, env: dict[str, str]) -> None:
        command = (
            [*PYTHON, "serve", "--bind", f"127.0.0.1:{port}"]
            if kind == "serve"
            else [*PYTHON, "runserver", f"127.0.0.1:{port}", "--noreload"]
        )
        dev = {**env, "POWERDESK_DEBUG": "1"} if kind == "runserver" else env
        self.process = subprocess.Popen(
            command, env=dev, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.url = f"http://127.0.0.1:{port}/accounts/login/"

    def __enter__(self) -> int:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url, timeout=60)
                return self.process.pid
            except OSError:
                time.sleep(1)
        raise SystemExit(f"the server at {self.url} did not answer")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def _warm(url: str, key: str, calls: int = 12) -> None:
    """Calls one at a time, unhurried, before the clock starts: a server process may still be
    loading the stored classifier (seconds on a busy machine), which is start-up, not load."""
    for i in range(calls):
        request = urllib.request.Request(
            f"{url}/api/v1/calls",
            json.dumps(
                {"caller_number": "0878-5551234", "text": f"预热{i} 停电", "open_order": False}
            ).encode(),
            method="POST",
            headers={"Authorization": f"Token {key}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=300):
            pass


def _load(
    url: str, key: str, clients: int, seconds: float
) -> dict[str, tuple[list[float], int, int]]:
    results: dict[str, tuple[list[float], int, int]] = {}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def record(path: str, elapsed: float, ok: bool) -> None:
        with lock:
            times, errors, accepted = results.get(path, ([], 0, 0))
            times.append(elapsed)
            results[path] = (times, errors + (not ok), accepted + ok)

    def api_client(n: int) -> None:
        i = 0
        while time.monotonic() < stop:
            i += 1
            body = json.dumps(
                {
                    "caller_number": "0878-5551234",
                    "text": f"压测{n}-{i} 家里停电了",
                    "open_order": False,
                }
            ).encode()
            request = urllib.request.Request(
                f"{url}/api/v1/calls",
                body,
                method="POST",
                headers={"Authorization": f"Token {key}", "Content-Type": "application/json"},
            )
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    ok = response.status in (200, 201)
            except (urllib.error.URLError, OSError):
                ok = False
            record("POST /api/v1/calls", time.perf_counter() - started, ok)

    def form_client(n: int) -> None:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"{url}/accounts/login/").read().decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        opener.open(
            f"{url}/accounts/login/",
            urllib.parse.urlencode(
                {"username": "gl_counter", "password": "powerdesk", "csrfmiddlewaretoken": csrf}
            ).encode(),
        )
        i = 0
        while time.monotonic() < stop:
            i += 1
            started = time.perf_counter()
            try:
                page = opener.open(f"{url}/desk/intake/", timeout=30).read().decode()
                token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
                csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
                data = {
                    "csrfmiddlewaretoken": csrf,
                    "form_token": token,
                    "caller_number": "0878-5551234",
                    "text": f"表单{n}-{i} 家里停电了",
                    "category": "fault_repair",
                    "action": "log",
                }
                with opener.open(
                    f"{url}/desk/intake/", urllib.parse.urlencode(data).encode(), timeout=30
                ) as response:
                    # Logged: back on the intake page with the message that says so.
                    ok = 'class="success"' in response.read().decode()
            except (urllib.error.URLError, OSError, AttributeError):
                ok = False
            record("intake form", time.perf_counter() - started, ok)

    threads = [
        threading.Thread(target=api_client if n % 2 == 0 else form_client, args=(n,))
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _tree_cpu(pid: int) -> float:
    """CPU seconds used so far by a process and its living descendants, every thread of each
    (the scheduler's own count, in ns, from /proc/<pid>/task/<tid>/schedstat; 0 for none)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                total += int((task / "schedstat").read_text().split()[0])
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError, ValueError):
            continue
    return total / 1e9


def _create_database(url: str) -> None:
    import psycopg

    name = urllib.parse.urlsplit(url).path.lstrip("/")
    admin = urllib.parse.urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as db:
        if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            db.execute(f'CREATE DATABASE "{name}"')


# The load's own calls (the storm's calls, replayed alongside, are not counted).
OWN_CALLS = "SELECT count(*) FROM servicedesk_call WHERE text LIKE '压测%' OR text LIKE '表单%'"


def _calls(env: dict[str, str]) -> int:
    if env.get("DATABASE_URL"):
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as pg:
            row = pg.execute(OWN_CALLS).fetchone()
            return int(row[0]) if row else 0
    with sqlite3.connect(Path(env["POWERDESK_DATA_DIR"]) / "powerdesk.sqlite3") as db:
        return int(db.execute(OWN_CALLS).fetchone()[0])


if __name__ == "__main__":
    main()
