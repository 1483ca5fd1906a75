"""Patrol guidance against walking the line from the top, on the demo station's history.

    python3 -m uv run python bench/patrol.py

Builds the demo station's grid and five years of outages (``bench/demo_history.py``), holds out
the last year, and for each fault of that year whose place was found ranks the places of its
device's stretch with only what was known before the fault began: the faults found before at
each place and their causes, the open defects of that day, the equipment's age and lightning
zone, whether a storm was on (three or more outages open) and the season — with weights learnt
(``powerdesk.outages.patrol_learn``) from the found faults before the held-out year only. It
reports where the
true place came: with the ranking, walking from the top of the stretch down, and in a random
order (the mean of 200 shuffles per fault), as the median over the faults — first over all of
them, then over those whose stretch has more than one place (a transformer's is itself alone).
No calls are in the history, so the callers' part of the ranking is not measured here.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from demo_history import TODAY, demo_history


def main() -> None:
    station_id = demo_history()
    from django.utils import timezone

    from powerdesk.engine.patrol import Conditions, rank_places, walking_rank
    from powerdesk.outages.models import FoundPlace, Outage
    from powerdesk.outages.patrol import RAINY_MONTHS, STORM_OUTAGES, FaultHistory, places_of
    from powerdesk.outages.patrol_learn import learnt_model
    from powerdesk.outages.stretch import Grid, stretch_of

    cut = dt.datetime.combine(TODAY - dt.timedelta(days=365), dt.time(0), tzinfo=dt.UTC)
    grid = Grid.load(station_id=station_id)
    history = FaultHistory(station_id)
    faults = list(
        Outage.objects.filter(station_id=station_id, kind=Outage.Kind.UNPLANNED)
        .exclude(restored_at=None)
        .values_list("pk", "device_id", "starts_at", "restored_at")
    )
    found = dict(
        FoundPlace.objects.filter(outage__station_id=station_id).values_list("outage_id", "place")
    )
    # Learnt on the faults before the held-out year only; the places' facts (faults found
    # before, defects) are still read as of each held-out fault's start, as on the day.
    model = learnt_model(station_id, grid, before=cut, history=history)
    rng = random.Random(7)
    ours, top_down, shuffled, sizes = [], [], [], []
    for pk, device_id, start, _end in sorted(faults, key=lambda f: f[2]):
        if start < cut or pk not in found:
            continue
        truth = found[pk]
        stretch = stretch_of(grid, device_id)
        open_then = sum(1 for f in faults if f[2] < start < f[3])
        local = timezone.localtime(start)
        conditions = Conditions(
            year=local.year,
            storm=open_then >= STORM_OUTAGES,
            rainy=local.month in RAINY_MONTHS,
            kind_rate=history.kind_rate(grid, start),
            model=model,
        )
        places = places_of(grid, stretch, history, before=start)
        ranked = rank_places(places, conditions)
        ours.append(next(r.rank for r in ranked if r.place.key == truth))
        top_down.append(walking_rank(places, truth))
        keys = [p.key for p in places]
        draws = []
        for _ in range(200):
            rng.shuffle(keys)
            draws.append(keys.index(truth) + 1)
        shuffled.append(statistics.mean(draws))
        sizes.append(len(places))
    _report("all held-out faults", ours, top_down, shuffled, sizes, lambda n: True)
    _report("stretches of more than one place", ours, top_down, shuffled, sizes, lambda n: n > 1)
    many = [i for i, n in enumerate(sizes) if n > 1]
    print(
        f"patrol: median rank {statistics.median(ours[i] for i in many):g} "
        f"vs top-down {statistics.median(top_down[i] for i in many):g} "
        f"vs random {statistics.median(shuffled[i] for i in many):.1f}"
    )


def _report(title, ours, top_down, shuffled, sizes, keep) -> None:  # type: ignore[no-untyped-def]
    index = [i for i, n in enumerate(sizes) if keep(n)]
    if not index:
        return
    first = sum(1 for i in index if ours[i] == 1)
    within3 = sum(1 for i in index if ours[i] <= 3)
    print(
        f"{title}: {len(index)} faults, places per stretch median "
        f"{statistics.median(sizes[i] for i in index):g}; median rank: ranked "
        f"{statistics.median(ours[i] for i in index):g}, top-down "
        f"{statistics.median(top_down[i] for i in index):g}, random "
        f"{statistics.median(shuffled[i] for i in index):.1f}; mean rank: ranked "
        f"{statistics.mean(ours[i] for i in index):.1f}, top-down "
        f"{statistics.mean(top_down[i] for i in index):.1f}, random "
        f"{statistics.mean(shuffled[i] for i in index):.1f}; first place right "
        f"{first / len(index):.0%}, within the first three {within3 / len(index):.0%}"
    )


if __name__ == "__main__":
    main()
