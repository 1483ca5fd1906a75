"""What the demo's history allows a restoration estimate at the start: an oracle's, on the same
held-out year as ``bench/etr.py``.

    .venv/bin/python bench/etr_oracle.py [--seed 2013] [--draws 20000]

The oracle knows how the demo's generator makes each fault's time off
(``powerdesk.outages.demo_fieldwork.settle``: dispatch, waiting while the crews are busy,
driving and walking, patrolling the stretch to the fault, repairing it by cause) and every fact
of the outage it uses: the crew actually sent and its distance, how many faults were still
open, the village's road access, night, the rainy months, the stretch's places and even the
facts the station never sees (which spans have trees near, which poles stand exposed). It does
not know what nobody knows at the start — the cause, where on the stretch the fault is, and
the luck of each step — so it draws them as the generator does, ``--draws`` times per outage,
and answers the median of the times off (the best answer for the median absolute error) with
their 10th to 90th percentile as its 80 % interval. No estimate learnt from the history can do
better on average; on one year of outages it may, by luck.

It prints the oracle's figures on the held-out year (with and without the storm's day, which
nobody could foresee) and on each earlier year, against the same baseline as ``bench/etr.py``
(the median time off of the outages of the same kind of device before the held-out year).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from demo_history import SEED, TODAY, demo_history


def oracle_estimates(
    station_id: int, outage_ids: list[int], *, seed: int, draws: int = 20_000
) -> dict[int, tuple[float, float, float]]:
    """Minutes off (10 %, median, 90 %) of each outage as the demo's generator would have it,
    knowing all but the cause, the place and the luck."""
    from powerdesk.demo.seasons import RAINY, TZ
    from powerdesk.network.models import Defect, GridNode, NodeKind
    from powerdesk.outages import demo as outages_demo
    from powerdesk.outages import demo_fieldwork as fw
    from powerdesk.outages.models import Outage, OutageCause, OutageLink
    from powerdesk.outages.stretch import Grid, stretch_of

    mix: dict[str, float] = {}
    for cause, weight in outages_demo.CAUSES:
        kind = fw.CAUSE_KINDS.get(cause, OutageCause.UNKNOWN)
        mix[kind] = mix.get(kind, 0.0) + weight
    causes = list(mix)
    chances = np.array([mix[c] for c in causes]) / sum(mix.values())
    faults = [
        (o.starts_at, o.restored_at)
        for o in Outage.objects.filter(station_id=station_id, kind=Outage.Kind.UNPLANNED)
        if o.cause != outages_demo.MOMENTARY
    ]
    grid = Grid.load(station_id=station_id)
    defects: dict[int, list[Any]] = {}
    for defect in Defect.objects.filter(station_id=station_id):
        defects.setdefault(defect.node_id, []).append(defect)
    crews = {
        link.outage_id: link.crew
        for link in OutageLink.objects.filter(outage_id__in=outage_ids).select_related("crew")
    }
    nodes = GridNode.objects.select_related("village").in_bulk()
    rng = np.random.default_rng(seed)
    out = {}
    for outage in Outage.objects.filter(pk__in=outage_ids):
        start = outage.starts_at
        busy = sum(1 for s, e in faults if s < start and e is not None and e > start)
        device = nodes[outage.device_id]
        crew = crews.get(outage.pk)
        km = (
            fw.distance_km(crew.base_x, crew.base_y, device.x, device.y)
            if crew is not None and device.x is not None and device.y is not None
            else 5.0
        )
        stretch = stretch_of(grid, device.pk)
        local = start.astimezone(TZ)
        night = local.hour >= 20 or local.hour < 6
        wet = RAINY.get(local.month, 1.0) > 1.5
        drawn = rng.choice(len(causes), size=draws, p=chances)
        order = np.zeros(draws)
        for i, cause in enumerate(causes):
            mine = drawn == i
            if not stretch or not mine.any():
                continue
            weights = np.array([fw._weight(seed, p, cause, defects, start.year) for p in stretch])
            orders = np.array([p.order for p in stretch], dtype=float)
            if weights.sum() <= 0:
                order[mine] = orders[0]
            else:
                order[mine] = rng.choice(orders, size=mine.sum(), p=weights / weights.sum())
        if not stretch:
            order[:] = 0
        hours = rng.uniform(0.3, 0.6, draws)  # dispatch
        hours += fw.BUSY_HOURS * busy * rng.lognormal(0, 0.3, draws)
        travel = km * fw.ROAD_WINDING / fw.ROAD_KMH * rng.lognormal(0, 0.2, draws)
        if device.village is not None and device.village.no_road_access:
            travel += rng.uniform(0.7, 1.8, draws)
        hours += travel
        find = 0.04 * (order + 2) * (1.6 if night else 1.0) * (1.25 if wet else 1.0)
        hours += find * rng.lognormal(0, 0.35, draws)
        repair = np.array([fw.REPAIR_HOURS[OutageCause(causes[i])] for i in drawn])
        repair *= rng.lognormal(0, 0.4, draws)
        if device.kind == NodeKind.TRANSFORMER:
            heavy = np.isin(
                drawn, [causes.index(c) for c in (OutageCause.AGEING, OutageCause.OVERLOAD)]
            )
            repair *= np.where(heavy, 2.5, 1.0)
        low, median, high = np.quantile(60 * (hours + repair), [0.1, 0.5, 0.9])
        out[outage.pk] = (float(low), float(median), float(high))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=SEED, help="the demo's seed (bench: 2013)")
    parser.add_argument("--draws", type=int, default=20_000, help="draws per outage")
    args = parser.parse_args()
    station_id = demo_history(seed=args.seed)
    from powerdesk.outages.etr_features import restored_faults
    from powerdesk.outages.models import Outage

    cut = dt.datetime.combine(TODAY - dt.timedelta(days=365), dt.time(0), tzinfo=dt.UTC)
    restored = restored_faults(station_id, None)
    kinds = dict(Outage.objects.filter(station_id=station_id).values_list("pk", "device__kind"))
    storm = {
        o.pk for o in restored if o.cause in {"台风外围强降雨大风", "冰冻雨雪覆冰"}
    }  # the storm's day (``outages.demo._storm``)
    before: dict[str, list[float]] = {}
    for o in restored:
        if o.restored_at is not None and o.restored_at < cut:
            before.setdefault(kinds[o.pk], []).append(minutes(o))
    everything = [m for v in before.values() for m in v]
    estimates = oracle_estimates(station_id, [o.pk for o in restored], seed=args.seed)
    groups: dict[str, list[Any]] = {}
    for o in restored:
        year = "held-out" if o.starts_at >= cut else str(o.starts_at.year)
        groups.setdefault(year, []).append(o)
        if year == "held-out" and o.pk not in storm:
            groups.setdefault("held-out, storm's day apart", []).append(o)
    for name, outages in sorted(groups.items(), key=lambda kv: (kv[0][0] == "h", kv[0])):
        errors, base, held, widths = [], [], [], []
        for o in outages:
            low, median, high = estimates[o.pk]
            truth = minutes(o)
            errors.append(abs(median - truth))
            base.append(abs(statistics.median(before.get(kinds[o.pk], everything)) - truth))
            held.append(low <= truth <= high)
            widths.append(high - low)
        m, b = statistics.median(errors), statistics.median(base)
        print(
            f"{name:<28} {len(outages):4d} outages: oracle's median abs error {m:5.1f} min "
            f"(baseline {b:5.1f}, ratio {m / b:.2f}); its 80% interval holds "
            f"{100 * sum(held) / len(held):5.1f}%, mean width {statistics.mean(widths):4.0f} min"
        )


def minutes(outage: Any) -> float:
    return float((outage.restored_at - outage.starts_at).total_seconds() / 60)


if __name__ == "__main__":
    main()
