"""``powerdesk serve``: the production web server (gunicorn, several worker processes).

Static files are served by WhiteNoise from ``STATIC_ROOT`` (collected first, with hashed names
and compressed copies). It refuses to start with DEBUG on (tracebacks shown to anyone), with the
old development key (published: anyone could forge sessions), on a shared database (not the
machine's own SQLite file) without ``POWERDESK_SECRET_KEY`` (each machine would keep its own key,
and a login made on one would be refused by the next), or with a key of its own process (a data
folder it cannot write): the system checks of ``powerdesk.ops.checks``, which ``check --deploy``,
the task worker and the WSGI application (gunicorn started without ``serve``) run too.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from powerdesk.lib.env import env_int
from powerdesk.ops.checks import key_refusals


class Command(BaseCommand):
    help = "Serve PowerDesk with gunicorn (several workers) and WhiteNoise; DEBUG must be off."
    requires_system_checks = []  # gunicorn's workers load the site; the checks run there

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="host:port or unix:/path")
        parser.add_argument(
            "--workers",
            type=int,
            default=env_int("POWERDESK_WEB_WORKERS", _default_workers(), minimum=1),
            help="worker processes (POWERDESK_WEB_WORKERS; default: cores + 1 on PostgreSQL, "
            "on SQLite one a core up to two, as its one writer at a time allows)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=env_int("POWERDESK_WEB_THREADS", 4, minimum=1, maximum=64),
            help="threads per worker (POWERDESK_WEB_THREADS; default 4)",
        )
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="static files are collected already"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        problems = serve_refusals()
        if problems:
            raise CommandError(" ".join(problems))
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        connections.close_all()  # nothing of this process's is shared with the workers
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "powerdesk.wsgi:application",
            "--config=python:powerdesk.ops.gunicorn_conf",
            f"--bind={options['bind']}",
            f"--workers={options['workers']}",
            f"--threads={options['threads']}",
            "--worker-class=gthread",
            # A worker that stops answering is replaced. Each loads the classifier before its
            # first request, telling the master meanwhile that it lives (ops/gunicorn_conf.py).
            "--timeout=60",
            "--graceful-timeout=20",
            # Each worker is replaced now and then, so a slow leak never grows for long.
            "--max-requests=5000",
            "--max-requests-jitter=500",
            # No access log of gunicorn's: it writes query strings. Each request is logged by
            # powerdesk.ops.logs.RequestLogMiddleware, its path only, as JSON.
            "--error-logfile=-",
            "--log-level=warning",
            # No control socket: gunicorn's default path is one per user ($HOME/.gunicorn), which
            # two servers on one machine (a second station, a benchmark) would fight over.
            "--no-control-socket",
        ]
        self.stderr.write(
            f"PowerDesk on {options['bind']}: {options['workers']} workers × "
            f"{options['threads']} threads"
        )
        sys.stderr.flush()
        os.execv(sys.executable, argv)


def serve_refusals() -> list[str]:
    """Why the production server must not start with these settings (empty when it may): DEBUG
    on, and the secret key's errors (``powerdesk.ops.checks``, which the task worker and the WSGI
    application refuse too)."""
    problems = []
    if settings.DEBUG:
        problems.append(
            "DEBUG is on: unset POWERDESK_DEBUG or set it to 0 (a production server must not "
            "show tracebacks)."
        )
    return problems + key_refusals()


def _default_workers() -> int:
    from django.db import connection

    cores = os.cpu_count() or 1
    if connection.vendor == "sqlite":
        # One writer at a time, but a call's write is short (its note is classified before the
        # transaction opens): a process per core, no more, so waits for the lock stay short.
        # bench/intake_load.py on two cores: 40 calls/s with one process, 54 with two.
        return min(cores, 2)
    return cores + 1
