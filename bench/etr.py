"""Estimated restoration times against the plain historical median, on the demo's history.

    python3 -m uv run python bench/etr.py

Builds the demo station's grid and five years of outages (``bench/demo_history.py``), holds out
the fault outages of the last year, and trains the model (``powerdesk.outages.etr_model``) on
those restored before it, exactly as the scheduled task trains on a station's history. For each
held-out outage it estimates the time off at three moments — at the start (cause unknown, crew
not yet there: what intake and the first messages say), when the crew reaches the line, and when
the cause is found — and reports the median absolute error of the median estimate and how often
the 80 % interval held the true time, against the baseline: the median time off of past outages
of the same kind of device, with their 10th to 90th percentile as its interval. Nothing of the
held-out year is used in training or in choosing the model's settings. The last line is the
estimate at the start. Each line also gives the intervals' mean width (from their 10th to 90th
percentile, in minutes): an interval that holds 80 % only by being wide says little.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from demo_history import TODAY, demo_history


def main() -> None:
    argparse.ArgumentParser(
        description="Restoration estimates on the demo's held-out last year against the "
        "per-kind historical median (takes about a minute; no options)."
    ).parse_args()
    station_id = demo_history()
    from powerdesk.outages.etr_features import (
        at_start,
        features_of,
        restored_faults,
        training_samples,
    )
    from powerdesk.outages.etr_model import fit

    cut = dt.datetime.combine(TODAY - dt.timedelta(days=365), dt.time(0), tzinfo=dt.UTC)
    samples, outages = training_samples(station_id, before=cut)
    model = fit(samples, outages=outages)
    baseline = fit(samples, outages=0)  # the per-kind quantiles alone
    held = [o for o in restored_faults(station_id, None) if o.starts_at >= cut]
    final = features_of(station_id, held, as_of=dt.datetime.now(dt.UTC))
    print(
        f"trained on {outages} restored fault outages before {cut:%Y-%m-%d}; {len(held)} held out"
    )
    rows = {"start": [], "on_site": [], "cause_found": []}
    for outage in held:
        assert outage.restored_at is not None
        truth = (outage.restored_at - outage.starts_at).total_seconds() / 60
        f = final[outage.pk]
        moments = {"start": (at_start(f), 0.0)}
        if f.arrived_after is not None:
            moments["on_site"] = (at_start(f, arrived=f.arrived_after), f.arrived_after)
        if f.cause:
            moments["cause_found"] = (f, f.cause_after or f.arrived_after or 0.0)
        base = baseline.predict(at_start(f))
        for stage, (features, _moment) in moments.items():
            q = model.predict(features)
            rows[stage].append(
                (
                    abs(q.median - truth),
                    q.low <= truth <= q.high,
                    abs(base.median - truth),
                    base.low <= truth <= base.high,
                    q.high - q.low,
                    base.high - base.low,
                )
            )
    for stage, found in rows.items():
        if not found:
            continue
        m, b = statistics.median(r[0] for r in found), statistics.median(r[2] for r in found)
        cover = 100 * sum(r[1] for r in found) / len(found)
        base_cover = 100 * sum(r[3] for r in found) / len(found)
        width = statistics.mean(r[4] for r in found)
        base_width = statistics.mean(r[5] for r in found)
        print(
            f"{stage:<12} {len(found):4d} outages: median abs error {m:6.1f} min "
            f"(baseline {b:6.1f}, ratio {m / b:.2f}); 80% interval coverage {cover:5.1f}% "
            f"(baseline {base_cover:5.1f}%), mean width {width:4.0f} min "
            f"(baseline {base_width:4.0f})"
        )
    start = rows["start"]
    m, b = statistics.median(r[0] for r in start), statistics.median(r[2] for r in start)
    cover = 100 * sum(r[1] for r in start) / len(start)
    print(
        f"etr: median abs error {m:.0f} min vs baseline {b:.0f} min (ratio {m / b:.2f}); "
        f"80% interval coverage {cover:.0f}%"
    )


if __name__ == "__main__":
    main()
