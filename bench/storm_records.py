"""What ``bench/false_signs.py`` and ``bench/missed_signs.py`` share (review58 L6):
``bench/loss_kinds.py``'s options, of the semi-urban setting by default, and the run of one storm
at a time, its records written to ``--json`` after each and summed up at the end."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.loss_kinds import options as loss_kinds_options
from bench.storm_args import params_of, storm_runs

__all__ = ["semiurban_options", "storms_one_at_a_time"]

Records = list[dict[str, Any]]


def semiurban_options(doc: str | None) -> argparse.ArgumentParser:
    """``bench/loss_kinds.py``'s options, of the semi-urban setting by default."""
    return loss_kinds_options(doc, settings="semiurb")


def storms_one_at_a_time(
    args: argparse.Namespace,
    one: Callable[[tuple[Any, ...]], Records],
    summary: Callable[[Records], None],
) -> None:
    """One storm at a time (``--jobs`` is not used); the day generator's storms are skipped
    by ``one``. The records so far are written to ``--json`` after each storm."""
    params = params_of(args)
    records: Records = []
    for name, generator, seed in storm_runs(args):
        records += one((name, generator, seed, args.meters, params))
        print(name, generator, seed, "done", flush=True, file=sys.stderr)
        if args.json:
            Path(args.json).write_text(json.dumps(records), encoding="utf-8")
    summary(records)
