"""CPU per request on the two intake paths, measured inside one process (Django's test client
through the whole middleware stack, CSRF enforced, DEBUG off, the bench database of
``bench/serve.py``), which a busy machine disturbs far less than throughput does.

    python3 -m uv run python bench/intake_cpu.py                    # SQLite, 200 rounds
    python3 -m uv run python bench/intake_cpu.py --rounds 500 --profile api
    python3 -m uv run python bench/intake_cpu.py \\
        --database-url postgres://powerdesk:powerdesk@127.0.0.1:5432/pd_bench

A round is what ``bench/serve.py``'s clients do once: ``POST /api/v1/calls`` with a token, and
the web form's ``GET /desk/intake/`` (the one-time token), its ``POST`` (answered 302) and the
``GET /desk/intake/`` that follows the redirect (the "logged" message). It prints CPU ms
(``time.process_time``) and SQL queries per request, median and mean, and with ``--profile``
the functions that cost the most under cProfile for one of them.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import serve

# bench/serve.py's caller: a number no customer of the demo station has.
CALLER = "0878-5551234"
STEPS = ("api POST", "form GET", "form POST", "form GET after")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--database-url", default="", help="a PostgreSQL database (else SQLite)")
    parser.add_argument(
        "--profile", choices=["api", "get", "post", "after"], help="cProfile one step"
    )
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument(
        "--tree", action="store_true", help="with --profile: pyinstrument's call tree instead"
    )
    parser.add_argument(
        "--served",
        action="store_true",
        help="through a real `powerdesk serve` (one worker, one thread) over loopback HTTP, its "
        "CPU per request read from /proc: gunicorn, HTTP and WSGI included",
    )
    parser.add_argument("--threads", type=int, default=1, help="with --served: the worker's")
    parser.add_argument(
        "--against",
        metavar="COMMIT",
        help="alternate runs of this checkout and of COMMIT (copied with git archive into "
        "bench/out/against-COMMIT), --repeat times each, and print the mean of each step's "
        "runs side by side",
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if args.against:
        _against(args, [a for a in (argv or sys.argv[1:]) if a not in ("--against", args.against)])
        return
    env = serve._environment(args.database_url)
    key = serve._prepare(env)
    if args.served:
        _served(args, env, key)
        return
    os.environ.update(env)
    if not args.database_url:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "powerdesk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # as ``powerdesk serve`` does
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from powerdesk.ops.warmup import warm_up
    from powerdesk.servicedesk.understanding.store import default_classifier

    # A web process never trains the classifier (the task worker does, on a first start):
    # trained and stored here when none is, so that what is measured is intake with a model.
    default_classifier()
    warm_up()
    host = {"HTTP_HOST": "127.0.0.1"}
    api = Client(**host)
    web = Client(enforce_csrf_checks=True, **host)
    page = web.get("/accounts/login/").content.decode()
    web.post(
        "/accounts/login/",
        {
            "username": "gl_counter",
            "password": "powerdesk",
            "csrfmiddlewaretoken": _field(page, "csrfmiddlewaretoken"),
        },
    )
    profiler: Any = _profiler(args.tree) if args.profile else None
    profiled = {"api": STEPS[0], "get": STEPS[1], "post": STEPS[2], "after": STEPS[3]}.get(
        args.profile or ""
    )
    cpu: dict[str, list[float]] = {step: [] for step in STEPS}
    queries: dict[str, list[int]] = {step: [] for step in STEPS}

    def measure(step: str, send: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with CaptureQueriesContext(connection) as captured:
            if profiler is not None and step == profiled:
                profiler.enable()
            began = time.process_time()
            answer = send(*args, **kwargs)
            spent = time.process_time() - began
            if profiler is not None and step == profiled:
                profiler.disable()
        cpu[step].append(spent * 1000)
        queries[step].append(len(captured))
        return answer

    for i in range(args.rounds + 5):
        if i == 5:  # the first few load templates, translations and the URL resolver
            for step in STEPS:
                cpu[step].clear()
                queries[step].clear()
            if profiler is not None:
                profiler = _profiler(args.tree)
        answer = measure(
            STEPS[0],
            api.post,
            "/api/v1/calls",
            {"caller_number": CALLER, "text": f"压测c{i} 家里停电了", "open_order": False},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {key}",
        )
        assert answer.status_code == 201, answer
        page = measure(STEPS[1], web.get, "/desk/intake/").content.decode()
        form = {
            "csrfmiddlewaretoken": _field(page, "csrfmiddlewaretoken"),
            "form_token": _field(page, "form_token"),
            "caller_number": CALLER,
            "text": f"表单c{i} 家里停电了",
            "category": "fault_repair",
            "action": "log",
        }
        sent = measure(STEPS[2], web.post, "/desk/intake/", form)
        assert sent.status_code == 302, sent
        after = measure(STEPS[3], web.get, sent["Location"])
        assert 'class="success"' in after.content.decode()

    engine = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{engine}, {args.rounds} rounds, CPU ms per request (time.process_time), in-process")
    _summary(cpu, queries)
    if profiler is not None and args.tree:
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    elif profiler is not None:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
        print(out.getvalue())


def _served(args: argparse.Namespace, env: dict[str, str], key: str) -> None:
    """The same rounds against ``powerdesk serve`` with one worker of one thread, so that every
    request's CPU is the server's alone: its process tree's CPU before and after each one."""
    import http.cookiejar
    import json
    import urllib.parse
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None  # the 302 answered as it is: the page after it is measured apart

    port = 8160
    url = f"http://127.0.0.1:{port}"
    one = {**env, "POWERDESK_WEB_WORKERS": "1", "POWERDESK_WEB_THREADS": str(args.threads)}
    cpu: dict[str, list[float]] = {step: [] for step in STEPS}
    with serve._server("serve", port, one) as pid:
        serve._warm(url, key)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
        page = opener.open(f"{url}/accounts/login/").read().decode()
        login = {
            "username": "gl_counter",
            "password": "powerdesk",
            "csrfmiddlewaretoken": _field(page, "csrfmiddlewaretoken"),
        }
        try:
            opener.open(f"{url}/accounts/login/", urllib.parse.urlencode(login).encode())
        except urllib.error.HTTPError as answer:
            assert answer.code == 302, answer

        def measure(step: str, request: Any) -> tuple[int, str, Any]:
            began = serve._tree_cpu(pid)
            try:
                with opener.open(request, timeout=60) as response:
                    status, body, headers = response.status, response.read(), response.headers
            except urllib.error.HTTPError as answer:
                status, body, headers = answer.code, answer.read(), answer.headers
            cpu[step].append((serve._tree_cpu(pid) - began) * 1000)
            return status, body.decode(), headers

        for i in range(args.rounds + 5):
            if i == 5:
                for step in STEPS:
                    cpu[step].clear()
            body = {"caller_number": CALLER, "text": f"压测s{i} 家里停电了", "open_order": False}
            status, _body, _headers = measure(
                STEPS[0],
                urllib.request.Request(
                    f"{url}/api/v1/calls",
                    json.dumps(body).encode(),
                    method="POST",
                    headers={"Authorization": f"Token {key}", "Content-Type": "application/json"},
                ),
            )
            assert status == 201, status
            status, page, _headers = measure(STEPS[1], f"{url}/desk/intake/")
            form = {
                "csrfmiddlewaretoken": _field(page, "csrfmiddlewaretoken"),
                "form_token": _field(page, "form_token"),
                "caller_number": CALLER,
                "text": f"表单s{i} 家里停电了",
                "category": "fault_repair",
                "action": "log",
            }
            status, _body, headers = measure(
                STEPS[2],
                urllib.request.Request(
                    f"{url}/desk/intake/", urllib.parse.urlencode(form).encode()
                ),
            )
            assert status == 302, status
            status, page, _headers = measure(
                STEPS[3], urllib.parse.urljoin(f"{url}/desk/intake/", headers["Location"])
            )
            assert 'class="success"' in page
    engine = "PostgreSQL" if args.database_url else "SQLite"
    print(
        f"{engine}, {args.rounds} rounds through `powerdesk serve` (1 worker × {args.threads} "
        "thread(s), one request at a time), "
        "server CPU ms per request (/proc schedstat)"
    )
    _summary(cpu, {})


def _against(args: argparse.Namespace, argv: list[str]) -> None:
    """This checkout against an earlier commit, alternately, so that both see the same load."""
    import subprocess
    import tarfile

    root = Path(__file__).resolve().parent.parent
    other = root / "bench/out" / f"against-{args.against}"
    if not other.exists():
        other.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(root), "archive", args.against], check=True, capture_output=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(other, filter="data")
    # This script and its helper, and the same data folder (its database and secret key).
    for name in ("intake_cpu.py", "serve.py"):
        (other / "bench" / name).write_bytes((root / "bench" / name).read_bytes())
    (other / "bench/out").mkdir(exist_ok=True)
    if not (other / "bench/out/serve").exists():
        (other / "bench/out/serve").symlink_to(root / "bench/out/serve")
    runs: dict[str, list[dict[str, float]]] = {args.against: [], "this checkout": []}
    for _ in range(args.repeat):
        for label, folder in ((args.against, other), ("this checkout", root)):
            found = subprocess.run(
                [sys.executable, str(folder / "bench/intake_cpu.py"), *argv],
                cwd=folder,
                env={**os.environ, "PYTHONPATH": str(folder)},
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = next(line for line in found.splitlines() if line.startswith("RESULT "))
            runs[label].append(json.loads(result.removeprefix("RESULT ")))
            print(label, result, flush=True)
    how = "served" if args.served else "in-process"
    print(f"\nCPU ms per request ({how}), mean of {args.repeat} alternated runs of {args.rounds}")
    print(f"{'step':<16} {args.against:>14} {'this checkout':>14}")
    for step in [*STEPS, "API call", "form call"]:
        row = []
        for label in runs:
            values = [
                r["api POST"]
                if step == "API call"
                else sum(r[s] for s in STEPS[1:])
                if step == "form call"
                else r[step]
                for r in runs[label]
            ]
            row.append(f"{statistics.fmean(values):14.2f}")
        print(f"{step:<16} {' '.join(row)}")


def _summary(cpu: dict[str, list[float]], queries: dict[str, list[int]]) -> None:
    print(f"{'step':<16} {'median':>7} {'mean':>7} {'queries':>7}")
    for step in STEPS:
        counted = f"{statistics.median(queries[step]):7.0f}" if queries else f"{'':>7}"
        print(
            f"{step:<16} {statistics.median(cpu[step]):7.2f} {statistics.fmean(cpu[step]):7.2f} "
            f"{counted}"
        )
    api_ms = statistics.fmean(cpu[STEPS[0]])
    form_ms = sum(statistics.fmean(cpu[s]) for s in STEPS[1:])
    print(f"per call: API {api_ms:.1f} ms, web form {form_ms:.1f} ms (its three requests)")
    print(
        f"two whole cores for the server alone, shared equally by the API clients and the form "
        f"clients as in bench/intake_load.py: {1000 / api_ms + 1000 / form_ms:.0f} calls/s at most"
    )
    print("RESULT " + json.dumps({s: statistics.fmean(cpu[s]) for s in STEPS}))


def _profiler(tree: bool) -> Any:
    if not tree:
        return cProfile.Profile()
    from pyinstrument import Profiler  # not a dependency: uv pip install pyinstrument

    class Tree(Profiler):
        def enable(self) -> None:
            self.start()

        def disable(self) -> None:
            self.stop()

    return Tree(interval=0.0005)


def _field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"', page)
    if found is None:
        raise SystemExit(f"no {name} on the page")
    return found.group(1)


if __name__ == "__main__":
    main()
