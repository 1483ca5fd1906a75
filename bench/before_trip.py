"""What the small fuses missed under a restore had before the device above tripped.

    python3 -m uv run python bench/small_losses.py --seeds 1-30 --settings semiurb \
        --generators project --json /tmp/losses.json
    python3 -m uv run python bench/before_trip.py /tmp/losses.json

Reads the records ``bench/small_losses.py --json`` wrote and takes each distinct missed device of
the "nothing near" kind with a restore above it since it opened (its first checkpoint so
missed). It generates that storm again (project generator, the records' meters: 30 %) and finds
the restored device's outage onset: its SCADA opening, or, for a crew's restore, when the
storm's truth has it open at the last checkpoint before the restore. It counts the missed
device's customers' calls and last gasps before that onset, between it and the restore, and
after the restore up to the checkpoint, and how far the first sign led the onset (round 27).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.families import grid_rows, project_storm  # noqa: E402
from bench.grids import network  # noqa: E402
from bench.multi_errors import SETTINGS  # noqa: E402

SIGNS = ("call", "ami_off")


def band(before: Counter[str], lead: float | None) -> tuple[int, str]:
    """A missed device's signs before the onset (none, one, two or more) and the lead of the
    first, in minutes.

    >>> band(Counter({"call": 1, "ami_off": 2}), 12.0)
    (2, 'lead 10 min or more')
    >>> band(Counter(), None)
    (0, '')
    """
    count = min(2, sum(before[k] for k in SIGNS))
    if lead is None:
        return count, ""
    if lead < 3.0:
        return count, "lead under 3 min"
    return count, "lead 3-10 min" if lead < 10.0 else "lead 10 min or more"


def one(storm: Any, net: Any, record: dict[str, Any]) -> dict[str, Any]:
    index = net.index
    element = index[record["device"]]
    lo, hi = int(net.first_customer[element]), int(net.end_customer[element])
    now = record["t"]
    since = now - 60.0 * record["open_minutes"]
    restored = now - 60.0 * record["upper"]["minutes_ago"]
    upper = -1
    for event in storm.events:
        if event["type"] in ("restore", "scada_close") and abs(event["t"] - restored) < 1e-6:
            x = index[event["device"]]
            if x != element and net.is_below(element, x):
                upper = x
    scada = [
        e["t"]
        for e in storm.events
        if e["type"] == "scada_open" and index[e["device"]] == upper and e["t"] < restored
    ]
    onset = scada[-1] if scada else None
    if onset is None:
        for checkpoint in storm.truth["checkpoints"]:
            if checkpoint["t"] <= restored:
                for o in checkpoint["open"]:
                    if index[o["device"]] == upper:
                        onset = o["since"]
    sent = [
        (e["t"], str(e["type"]))
        for e in storm.events
        if e["type"] in SIGNS
        and lo <= int(net.customer_number[index[e["customer"]]]) < hi
        and since <= e["t"] <= now
    ]
    row: dict[str, Any] = {"scada": bool(scada), "onset_known": onset is not None}
    row["nested"] = onset is not None and since < onset
    row["after"] = Counter(k for t, k in sent if t > restored)
    if onset is not None:
        before = [t for t, _ in sent if t < onset]
        row["before"] = Counter(k for t, k in sent if t < onset)
        row["during"] = Counter(k for t, k in sent if onset <= t <= restored)
        row["lead"] = (onset - min(before)) / 60.0 if before else None
    return row


def main() -> None:
    records = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    first: dict[tuple[str, int, str], dict[str, Any]] = {}
    for r in records:
        if r["what"] == "missed" and r["how"] == "nothing near" and r.get("upper"):
            first.setdefault((r["setting"], r["seed"], r["device"]), r)
    rows = []
    storms: dict[tuple[str, int], tuple[Any, Any]] = {}
    for (name, seed, _device), record in sorted(first.items()):
        if (name, seed) not in storms:
            setting = SETTINGS[name]
            net = network(grid_rows(setting.grid, seed), 0.3, seed)
            storms.clear()
            storms[(name, seed)] = (net, project_storm(net, setting, seed))
        net, storm = storms[(name, seed)]
        rows.append(one(storm, net, record))
    known = [r for r in rows if r["onset_known"]]
    print(f"distinct missed devices under a restore above: {len(rows)}")
    print(f"   the device above seen by SCADA: {sum(r['scada'] for r in rows)}")
    print(
        f"   out before the device above (nested): {sum(r['nested'] for r in known)}, "
        f"only after it opened: {sum(not r['nested'] for r in known)}, "
        f"onset unknown: {len(rows) - len(known)}"
    )
    bands = Counter(band(r["before"], r["lead"]) for r in known)
    for (count, lead), n in sorted(bands.items()):
        print(f"   signs before the onset {count}{'+' if count == 2 else ''} {lead}: {n}")
    during = Counter(sum(r["during"][k] for k in SIGNS) > 0 for r in known)
    print(f"   during the outage above: no sign {during[False]}, a sign {during[True]}")
    after = Counter(sum(r["after"][k] for k in SIGNS) > 0 for r in rows)
    print(f"   after the restore, to the checkpoint: nothing {after[False]}, a sign {after[True]}")


if __name__ == "__main__":
    main()
