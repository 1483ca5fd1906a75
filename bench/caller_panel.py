"""The live caller panel (``POST /desk/intake/caller/``) with a note of 200 and of 2,000
characters, beside the same panel with no note (the cheap request), in one run, and how many
times the rules read the note per request (fix60a: 0.6-1.2 s warm for 2,000 characters, the
note read again by each of the panel's readings).

    python3 -m uv run python bench/caller_panel.py            # 20 rounds
    python3 -m uv run python bench/caller_panel.py --rounds 50

Inside one process (Django's test client through the whole middleware stack, the bench
database of ``bench/serve.py``, a model trained as ``intake_cpu`` does), as gl_counter, for a
customer of the demo station under an outage when one is recorded. Prints wall ms per request,
median and max, and the rules' reads per request.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

import serve

UNIT = "家里没电了，门口电线掉了在冒火花，老人用制氧机，"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(argv)
    env = serve._environment(None)
    serve._prepare(env)
    os.environ.update(env)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "powerdesk.settings")
    import django

    django.setup()
    from django.test import Client

    from powerdesk.customers.models import CustomerPhone
    from powerdesk.ops.warmup import warm_up
    from powerdesk.servicedesk.understanding import urgency
    from powerdesk.servicedesk.understanding.store import default_classifier

    default_classifier()
    warm_up()
    web = Client(HTTP_HOST="127.0.0.1")
    web.post("/accounts/login/", {"username": "gl_counter", "password": "powerdesk"})
    phone = CustomerPhone.objects.filter(customer__station__code="guanglu").first()
    number = phone.number if phone is not None else ""
    notes = {
        "no note (cheap)": "",
        "200 characters": (UNIT * 200)[:200],
        "2,000 characters": (UNIT * 200)[:2000],
    }
    print(f"caller {number or '(none)'}; {args.rounds} rounds, after one to warm")
    print("note".ljust(20) + "median ms".rjust(11) + "max ms".rjust(9) + "rules' reads".rjust(14))
    for name, text in notes.items():
        times: list[float] = []
        with mock.patch.object(urgency, "_findings_read", wraps=urgency._findings_read) as read:
            for i in range(args.rounds + 1):
                read.reset_mock()
                began = time.perf_counter()
                response = web.post("/desk/intake/caller/", {"caller_number": number, "text": text})
                if i:
                    times.append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200, response.status_code
            reads = read.call_count
        print(f"{name:<20}{statistics.median(times):>11.0f}{max(times):>9.0f}{reads:>14}")


if __name__ == "__main__":
    main()
