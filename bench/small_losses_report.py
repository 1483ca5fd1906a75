"""``bench/small_losses.py``'s printed report: its records by kind, and how well the margins
of the devices scored near naming are calibrated (``--calibrate``)."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any


def summary(records: list[dict[str, Any]]) -> None:
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in records:
        if r["what"] == "scored":
            continue
        groups.setdefault((r["setting"], r["generator"], r["what"]), []).append(r)
    for (name, generator, what), every in sorted(groups.items()):
        print(f"{name} {generator} {what}: {len(every)}")
        print("   how:", dict(Counter(r["how"] for r in every).most_common()))
        rows = [r for r in every if r["how"] == "nothing near"]
        print(f"   with nothing near ({len(rows)}):")
        if not rows:
            continue
        print(
            "   evidence:",
            dict(
                Counter(
                    "calls" * bool(r["calls"])
                    + "+gasps" * bool(r["last_gasps"])
                    + "+stale" * bool(r["stale"])
                    + "+silent-after" * bool(r["silent_after"])
                    + "+said-on" * bool(r["said_on"])
                    or "none"
                    for r in rows
                ).most_common()
            ),
        )
        if what == "false":
            print(
                "   one sign (a call or a last gasp) and nothing else:",
                sum(1 for r in rows if r["calls"] + r["last_gasps"] == 1 and not r["stale"]),
                " own fault below:",
                sum(1 for r in rows if r["own_faults_below"]),
                " else a caller below said on later:",
                sum(1 for r in rows if not r["own_faults_below"] and r["said_on_later"]),
                " neither:",
                sum(1 for r in rows if not r["own_faults_below"] and not r["said_on_later"]),
                " was open within 2 h:",
                sum(
                    1
                    for r in rows
                    if r["was_open_minutes_ago"] is not None and r["was_open_minutes_ago"] <= 120
                ),
                " power back above in the last hour:",
                sum(1 for r in rows if r["restored_above_last_hour"]),
            )
        else:
            print(
                "   restored above since it opened:",
                sum(1 for r in rows if r["restored_above_since_open"]),
                " open < 30 min:",
                sum(1 for r in rows if r["open_minutes"] < 30),
                " no meter:",
                sum(1 for r in rows if r["meters"] == 0),
            )
            # Left open under a restore above with nothing but meters unheard since: the
            # programme weighs only devices with evidence below, so most are never scored.
            unheard = [r for r in rows if _only_unheard(r)]
            print(
                "   restored above, only meters unheard since:",
                len(unheard),
                " of them never weighed:",
                sum(1 for r in unheard if r["open_score"] is None),
            )
        for key in ("calls_llr", "meters_llr", "silent_after_llr", "said_on_llr", "prior"):
            values = sorted(r[key] for r in rows)
            print(f"   {key}: median {values[len(values) // 2]:.2f}")


def _only_unheard(record: dict[str, Any]) -> bool:
    """A missed device whose only evidence left is meters unheard after a restore above it.

    >>> _only_unheard({"restored_above_since_open": 1, "calls": 0, "last_gasps": 0,
    ...                "stale": 0, "silent_after": 0, "unheard": 3})
    True
    """
    return bool(
        record["restored_above_since_open"]
        and record["unheard"]
        and not (record["calls"] + record["last_gasps"] + record["stale"] + record["silent_after"])
    )


def calibration(records: list[dict[str, Any]]) -> None:
    """Per margin (open against closed, in nats, rounded down), how many devices were scored
    there and what share of them was truly open: where the margins are calibrated, about
    1 / (1 + e^-margin). Per generator (settings pooled), for every device, and for those whose
    only evidence is one call, or one last gasp."""
    groups: dict[tuple[str, str], Counter[tuple[int, bool]]] = {}
    for r in records:
        if r["what"] != "scored":
            continue
        alone = not (r["stale"] or r["silent_after"] or r["said_on"])
        evidence = (r["calls"], r["last_gasps"])
        kinds = ["every device"]
        if alone and evidence == (1, 0):
            kinds.append("one call, nothing else")
        elif alone and evidence == (0, 1):
            kinds.append("one last gasp, nothing else")
        for kind in kinds:
            key = (r["generator"], kind)
            groups.setdefault(key, Counter())[(math.floor(r["margin"]), r["truly"])] += 1
    for (generator, kind), counts in sorted(groups.items()):
        print(f"{generator}, {kind}: margin, devices, share truly open (calibrated)")
        for low in range(-6, 6):
            yes, no = counts[(low, True)], counts[(low, False)]
            if yes + no:
                expected = 1.0 / (1.0 + math.exp(-(low + 0.5)))
                print(
                    f"   [{low:+d},{low + 1:+d}): {yes + no:5d} "
                    f"{yes / (yes + no):.2f} ({expected:.2f})"
                )
