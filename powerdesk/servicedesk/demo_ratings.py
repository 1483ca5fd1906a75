"""Demo: two years of ratings from the counter tablet, mostly smiles."""

from __future__ import annotations

import datetime as dt

from powerdesk.demo.builder import DemoContext
from powerdesk.demo.seasons import TZ
from powerdesk.servicedesk.models import CounterRating

SERVICES = [
    (CounterRating.Service.PAY_BILL, 10),
    (CounterRating.Service.ENQUIRY, 4),
    (CounterRating.Service.NEW_CONNECTION, 2),
    (CounterRating.Service.ACCOUNT_CHANGE, 2),
    (CounterRating.Service.COMPLAINT, 1),
    (CounterRating.Service.OTHER, 1),
]


def build_ratings(ctx: DemoContext) -> None:
    assert ctx.station is not None
    rng = ctx.rng_for("counter_ratings")
    users = ctx.made["users"]
    counter = [users["gl_counter"], users["gl_duty"]]
    rows = []
    day = ctx.history_start
    while day < ctx.today:
        if day.weekday() < 5 or rng.random() < 0.3:
            for _ in range(rng.randint(2, 9)):
                service = rng.choices([s for s, _ in SERVICES], [w for _, w in SERVICES])[0]
                unhappy = 0.25 if service == CounterRating.Service.COMPLAINT else 0.03
                score = (
                    rng.choice([1, 2, 3]) if rng.random() < unhappy else rng.choice([4, 5, 5, 5])
                )
                at = dt.datetime.combine(day, dt.time(8, 30), TZ) + dt.timedelta(
                    minutes=rng.randint(0, 510)
                )
                rows.append(
                    CounterRating(
                        station=ctx.station,
                        at=at,
                        score=score,
                        service=service,
                        served_by=rng.choice(counter),
                    )
                )
        day += dt.timedelta(days=1)
    CounterRating.objects.bulk_create(rows, batch_size=1000)
