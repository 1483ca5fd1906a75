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
    args = parser.parse_args(argv)
    env = serve._environment(args.database_url)
    key = serve._prepare(env)
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
    print(f"{'step':<16} {'median':>7} {'mean':>7} {'queries':>7}")
    for step in STEPS:
        print(
            f"{step:<16} {statistics.median(cpu[step]):7.2f} {statistics.fmean(cpu[step]):7.2f} "
            f"{statistics.median(queries[step]):7.0f}"
        )
    api_ms = statistics.fmean(cpu[STEPS[0]])
    form_ms = sum(statistics.fmean(cpu[s]) for s in STEPS[1:])
    print(f"per call: API {api_ms:.1f} ms, web form {form_ms:.1f} ms (its three requests)")
    both = (api_ms + form_ms) / 2
    print(
        f"half and half: {both:.1f} ms a call → at most {2000 / both:.0f} calls/s on two whole "
        f"cores for the server alone"
    )
    if profiler is not None and args.tree:
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    elif profiler is not None:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
        print(out.getvalue())


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
