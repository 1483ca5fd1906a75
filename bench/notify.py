"""Notifications benchmark: an outage over 10,000 households, texted through a gateway that fails.

    python3 -m uv run python bench/notify.py                      # SQLite (a temporary database)
    DATABASE_URL=postgres://powerdesk:powerdesk@127.0.0.1:5432/pd_bench \\
        python3 -m uv run python bench/notify.py                  # PostgreSQL (test_pd_bench)
    python3 -m uv run python bench/notify.py --messages 2000 --fail 0.3 --timeouts 0.1

It makes a test database (Django's, removed afterwards), a station with ``--messages`` households
under one fuse (each with its own mobile phone), starts the local HTTP gateway
(``notifications.gateway``) failing ``--fail`` of the sends with 503 and timing out ``--timeouts``
of them, and records an outage on the fuse: one text each. Then one worker
(``sending.deliveries_send_due``, its batches sent from a few threads) sends until every message
is sent; retries come due by moving the worker's clock on (no waiting for the backoff). It
prints the time to raise the notice, the messages per second the worker sent (time in the
worker's steps only), the gateway's posts, failures and timeouts, and checks that every message
reached the gateway exactly once by id.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--fail", type=float, default=0.3)
    parser.add_argument("--timeouts", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(args: argparse.Namespace) -> None:
    from django.db import connection
    from django.db.models import Count
    from django.test import override_settings
    from django.utils import timezone

    from powerdesk.accounts.models import CountyCompany, Station
    from powerdesk.customers.models import Customer, CustomerPhone
    from powerdesk.network.models import Feeder, GridNode, NodeKind
    from powerdesk.notifications.gateway import Gateway
    from powerdesk.notifications.models import Delivery, DeliveryState
    from powerdesk.notifications.sending import deliveries_send_due
    from powerdesk.outages.services import outage_declare

    n = args.messages
    company = CountyCompany.objects.create(name="bench")
    station = Station.objects.create(company=company, code="bench", name="光禄供电所")
    feeder = Feeder.objects.create(station=station, code="F", name="10kV左门线")
    source = GridNode.objects.create(station=station, feeder=feeder, code="S", kind=NodeKind.SOURCE)
    fuse = GridNode.objects.create(
        station=station,
        feeder=feeder,
        code="FU",
        kind=NodeKind.FUSE,
        parent=source,
        name="哔叭支线",
    )
    transformer = GridNode.objects.create(
        station=station, feeder=feeder, code="T", kind=NodeKind.TRANSFORMER, parent=fuse
    )
    customers = Customer.objects.bulk_create(
        [
            Customer(
                station=station, account_number=f"{i:011d}", name=f"户{i}", transformer=transformer
            )
            for i in range(n)
        ],
        batch_size=2000,
    )
    CustomerPhone.objects.bulk_create(
        [CustomerPhone(customer=c, number=f"+86139{i:08d}") for i, c in enumerate(customers)],
        batch_size=2000,
    )

    gateway = Gateway(
        token="bench",
        fail_rate=args.fail,
        timeout_rate=args.timeouts,
        timeout_sleep=0.3,
        seed=args.seed,
    )
    url = gateway.start()
    with override_settings(
        POWERDESK_SMS_URL=f"{url}/send", POWERDESK_SMS_TOKEN="bench", POWERDESK_SMS_TIMEOUT=0.2
    ):
        started = time.perf_counter()
        outage_declare(station=station, user=None, device=fuse, kind="unplanned")
        raised = time.perf_counter() - started
        clock = timezone.now()
        working = 0.0
        steps = 0
        pending = Delivery.objects.exclude(
            state__in=(DeliveryState.SENT, DeliveryState.DELIVERED, DeliveryState.FAILED_PERMANENT)
        )
        while pending.exists():
            t0 = time.perf_counter()
            step = deliveries_send_due(now=clock)
            working += time.perf_counter() - t0
            steps += 1
            if not step.claimed:
                clock += dt.timedelta(minutes=5)  # the next retries come due
    gateway.stop()

    states = dict(Delivery.objects.values_list("state").annotate(n=Count("pk")))
    ids = set(Delivery.objects.values_list("message_id", flat=True))
    once = ids == set(gateway.messages) and len(gateway.messages) == n
    print(
        f"database: {connection.vendor}; messages: {n:,}; gateway failing {args.fail:.0%}"
        f", timing out {args.timeouts:.0%}"
    )
    print(f"notice raised (recipients found, {n:,} deliveries stored): {raised:.2f} s")
    print(f"worker: {n / working:,.0f} messages/s ({working:.1f} s in {steps} steps)")
    print(
        f"gateway: {gateway.posts:,} posts, {gateway.failures:,} failures (503), "
        f"{gateway.timeouts:,} timeouts; {len(gateway.messages):,} kept"
    )
    print(f"states: {states}")
    print(f"every message at the gateway exactly once by id: {'yes' if once else 'NO'}")
    if not once or states.get(DeliveryState.SENT) != n:
        sys.exit(1)


if __name__ == "__main__":
    main()
