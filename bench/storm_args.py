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

__all__ = [
    "generators_option",
    "jobs_option",
    "json_option",
    "meters_option",
    "param_option",
    "params_of",
    "pings_option",
    "seeds_of",
    "seeds_option",
    "storm_options",
    "storm_parser",
    "storm_runs",
]


def seeds_of(text: str) -> list[int]:
    """``1,2,5-8`` → [1, 2, 5, 6, 7, 8]."""
    seeds: list[int] = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        seeds.extend(range(int(low), int(high or low) + 1))
    return seeds


def storm_parser(doc: str | None) -> argparse.ArgumentParser:
    """A benchmark's parser, described by the first line of its docstring (``__doc__``)."""
    return argparse.ArgumentParser(description=(doc or "").split("\n")[0])


def storm_options(
    parser: argparse.ArgumentParser, *, seeds: str, settings: str, settings_help: str | None = None
) -> None:
    """``--seeds``, ``--settings``, ``--generators`` (both by default) and ``--jobs``."""
    seeds_option(parser, seeds)
    parser.add_argument("--settings", default=settings, help=settings_help)
    generators_option(parser)
    jobs_option(parser)


def seeds_option(parser: argparse.ArgumentParser, seeds: str) -> None:
    parser.add_argument("--seeds", default=seeds, help="e.g. 1-40 or 1,2,5-8")


def generators_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--generators", default="project,day")


def jobs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", type=int, default=1, help="storms run in parallel")


def meters_option(
    parser: argparse.ArgumentParser, default: float = 0.3, words: str | None = None
) -> None:
    """``--meters``: the share of meters reporting in each storm (``words``: its help)."""
    parser.add_argument("--meters", type=float, default=default, help=words)


def json_option(parser: argparse.ArgumentParser, words: str | None = None) -> None:
    """``--json``: a file to write what each storm gave (``words``: its help)."""
    parser.add_argument("--json", help=words)


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


def pings_option(parser: argparse.ArgumentParser) -> None:
    """``--pings K``: with meters, the engine may ask for K meters to be pinged every five
    minutes (0, the default: no pings, as in every table before round 17)."""
    parser.add_argument("--pings", type=int, default=0, help="meters pinged per request")
