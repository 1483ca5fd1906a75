"""The options the storm benchmarks share: which seeds, settings and generators to run, how many
at once, and engine parameters to try (``bench/multi_errors.py`` and the scripts beside it).

>>> import argparse
>>> parser = argparse.ArgumentParser()
>>> storm_options(parser, seeds="1-2", settings="rural")
>>> param_option(parser)
>>> args = parser.parse_args(["--generators", "day", "--param", "false_call=0.001"])
>>> storm_runs(args), params_of(args)
([('rural', 'day', 1), ('rural', 'day', 2)], {'false_call': 0.001})
"""

from __future__ import annotations

import argparse

__all__ = ["param_option", "params_of", "seeds_of", "storm_options", "storm_runs"]


def seeds_of(text: str) -> list[int]:
    """``1,2,5-8`` → [1, 2, 5, 6, 7, 8]."""
    seeds: list[int] = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        seeds.extend(range(int(low), int(high or low) + 1))
    return seeds


def storm_options(
    parser: argparse.ArgumentParser, *, seeds: str, settings: str, settings_help: str | None = None
) -> None:
    """``--seeds``, ``--settings``, ``--generators`` (both by default) and ``--jobs``."""
    parser.add_argument("--seeds", default=seeds, help="e.g. 1-40 or 1,2,5-8")
    parser.add_argument("--settings", default=settings, help=settings_help)
    parser.add_argument("--generators", default="project,day")
    parser.add_argument("--jobs", type=int, default=1, help="storms run in parallel")


def storm_runs(args: argparse.Namespace) -> list[tuple[str, str, int]]:
    """Every (setting, generator, seed) the options name, in that order."""
    return [
        (name, generator, seed)
        for name in args.settings.split(",")
        for generator in args.generators.split(",")
        for seed in seeds_of(args.seeds)
    ]


def param_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--param", action="append", default=[], help="NAME=VALUE: an engine parameter (float)"
    )


def params_of(args: argparse.Namespace) -> dict[str, float]:
    """The ``--param`` values by name."""
    return {key: float(value) for key, _, value in (p.partition("=") for p in args.param)}
