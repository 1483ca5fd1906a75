"""Builds the demo station by asking each app, in ``INSTALLED_APPS`` order, for its part.

An app takes part by having a ``demo`` module with ``build(ctx: DemoContext) -> None``. The
reference-data apps build the station, its people and its grid; the apps that land later add
their own two years of history (calls, work orders, outages, visits) from the same context, so
the whole station stays consistent and deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
import time
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station

from powerdesk.demo.logins import DEMO_PASSWORD
from powerdesk.demo.seasons import TZ

__all__ = ["DEMO_PASSWORD", "DemoContext", "build_demo"]

HISTORY_YEARS = 2
# Outages go further back: major event days are found against five whole years of daily SAIDI
# (IEEE 1366's 2.5β method), so from 1 January five years before this one.
OUTAGE_HISTORY_YEARS = 5
# The history ends on ``today`` at this hour, the station's morning — or when the demo is built,
# if that comes first: nothing in it (a crew's position, a step of a job) is later than the
# clock of the machine that built it.
HISTORY_ENDS = dt.time(9, 30)


@dataclass
class DemoContext:
    """What the builders share: the seed, the clock and what earlier builders made."""

    seed: int
    today: dt.date
    rng: random.Random
    now: dt.datetime  # where the history ends (``history_end``): nothing is later
    station: Station | None = None
    other_station: Station | None = None
    # Filled by the builders, read by later ones (villages, feeders, customers, users, ...).
    made: dict[str, Any] = field(default_factory=dict)
    timings: list[tuple[str, float]] = field(default_factory=list)

    @property
    def history_start(self) -> dt.date:
        return self.today.replace(year=self.today.year - HISTORY_YEARS)

    @property
    def outage_history_start(self) -> dt.date:
        return dt.date(self.today.year - OUTAGE_HISTORY_YEARS, 1, 1)

    @cached_property
    def password_hash(self) -> str:
        """The demo password hashed once: hashing is deliberately slow."""
        return make_password(DEMO_PASSWORD)

    def rng_for(self, part: str) -> random.Random:
        """A generator of its own for each part, so that adding a part changes no other."""
        return random.Random(f"{self.seed}:{part}")


def history_end(today: dt.date, *, clock: dt.datetime | None = None) -> dt.datetime:
    """Where the demo's history ends: ``today`` at ``HISTORY_ENDS``, or the ``clock`` (now by
    default) when that comes first.

    >>> import datetime as dt
    >>> day = dt.date(2026, 11, 28)
    >>> f"{history_end(day, clock=dt.datetime(2026, 11, 29, tzinfo=TZ)):%m-%d %H:%M}"
    '11-28 09:30'
    >>> f"{history_end(day, clock=dt.datetime(2026, 11, 28, 5, 55, tzinfo=TZ)):%m-%d %H:%M}"
    '11-28 05:55'
    """
    end = dt.datetime.combine(today, HISTORY_ENDS, tzinfo=TZ)
    return min(end, (clock or timezone.now()).astimezone(TZ))


def build_demo(
    *,
    seed: int = 2013,
    today: dt.date | None = None,
    only: set[str] | None = None,
    clock: dt.datetime | None = None,
) -> DemoContext:
    """Build the demo station in one transaction and return what was made.

    ``only`` limits the build to some apps (by label), for tests that need the station's
    reference data but not its history. ``clock``: the time it is built (now by default),
    which the history never passes (``history_end``).
    """
    clock = clock or timezone.now()
    today = today or clock.astimezone(TZ).date()
    ctx = DemoContext(
        seed=seed, today=today, rng=random.Random(seed), now=history_end(today, clock=clock)
    )
    with transaction.atomic():
        for app_config in apps.get_app_configs():
            if not app_config.name.startswith("powerdesk."):
                continue
            if only is not None and app_config.label not in only:
                continue
            try:
                module = importlib.import_module(f"{app_config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app_config.name}.demo":
                    raise
                continue
            started = time.perf_counter()
            module.build(ctx)
            ctx.timings.append((app_config.label, time.perf_counter() - started))
    return ctx
