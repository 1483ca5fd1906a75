"""The engine with and without one change of ``Params``, on the same storms, storm by storm.

    python3 -m uv run python bench/paired.py --seeds 1-30 --settings semiurb,rural \
        --generators project --param gasp_call_terms=1 --json paired.json

Each storm of ``bench/multi_errors.py``'s settings (seeds of the caller's choice: never the
table's) is generated once and run by the engine with the default ``Params`` and with the
``--param`` values (and by each further ``--variant``, a comma-separated list of NAME=VALUE, on
the same storm); each storm's kinds of lost outages (``multi_errors.classify``: of more than
one customer, or of every size with ``--singles``) are printed for both as soon as it is done,
seeds outermost, so that a run cut short still pairs every storm it printed. ``--json`` writes
the lists (the defaults, the ``--param`` values, then each variant) in ``multi_errors``'
format (``multi_errors.report`` reads any of them). With ``--pings K`` every engine may ask for
K meters to be pinged every five minutes (``families.ping_stream``: the simulated head-end
answers from the meters with power); a variant's ``pings=K`` sets its own.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.families import day_storm, grid_rows, ping_stream, project_storm  # noqa: E402
from bench.grids import network  # noqa: E402
from bench.multi_errors import SETTINGS, engine_kinds  # noqa: E402
from bench.storm_args import (  # noqa: E402
    json_option,
    meters_option,
    param_option,
    params_of,
    pings_option,
    seeds_of,
    storm_options,
    storm_parser,
)
from powerdesk.engine.inference.engine import OutageInference  # noqa: E402
from powerdesk.engine.model.params import Params  # noqa: E402


def run(
    net: Any, storm: Any, params: Params, least: int, pings: int = 0, seed: int = 0
) -> dict[str, int]:
    """One engine over one storm: the kinds of its found, false and missed outages (with
    ``pings``, the engine asks for that many meters pinged every five minutes)."""
    engine = OutageInference(net, params)
    stream = ping_stream(engine, net, storm, pings, seed) if pings else None
    events = storm.events if stream is None else stream.run(storm.events)
    return dict(engine_kinds(engine, net, storm, least, events))


def lost(kinds: dict[str, int]) -> tuple[int, int, int]:
    """(found, false, missed)."""
    return (
        kinds.get("found", 0),
        sum(v for k, v in kinds.items() if k.startswith("false")),
        sum(v for k, v in kinds.items() if k.startswith("missed")),
    )


def options() -> argparse.ArgumentParser:
    parser = storm_parser(__doc__)
    # (``--jobs`` comes with the shared options; the storms run one at a time, in order.)
    storm_options(parser, seeds="1-10", settings="semiurb,rural")
    meters_option(parser, 0.3, "share of meters reporting")
    parser.add_argument("--singles", action="store_true", help="count outages of one customer")
    json_option(parser, "write both engines' counts here, storm by storm")
    param_option(parser)
    pings_option(parser)
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        help="NAME=VALUE[,NAME=VALUE]: one more engine run on each storm, with these parameters",
    )
    return parser


def variant_params(text: str, pings: int = 0) -> tuple[Params, int]:
    """The ``Params`` of one ``--variant`` (NAME=VALUE pairs, comma-separated), and the
    meters it may ask to be pinged at a time (``pings=K`` among them; else ``pings``).

    >>> params, pings = variant_params("restore_grace_minutes=5,ping_wait_minutes=20")
    >>> params.restore_grace_minutes, params.ping_wait_minutes, pings
    (5.0, 20.0, 0)
    >>> variant_params("pings=0", 10)[1], variant_params("", 10)[1]
    (0, 10)
    """
    pairs = {k: float(v) for k, _, v in (item.partition("=") for item in text.split(",") if item)}
    most = int(pairs.pop("pings", pings))
    return replace(Params(), **pairs), most  # type: ignore[arg-type]


def main() -> None:
    args = options().parse_args()
    changed = replace(Params(), **params_of(args))  # type: ignore[arg-type]
    least = 1 if args.singles else 2
    engines = [
        (Params(), args.pings),
        (changed, args.pings),
        *(variant_params(v, args.pings) for v in args.variant),
    ]
    results: list[list[Any]] = [[] for _ in engines]
    for seed in seeds_of(args.seeds):
        for name in args.settings.split(","):
            for generator in args.generators.split(","):
                setting = SETTINGS[name]
                net = network(grid_rows(setting.grid, seed), args.meters, seed)
                make = project_storm if generator == "project" else day_storm
                storm = make(net, setting, seed)
                pair = [run(net, storm, p, least, most, seed) for p, most in engines]
                for kept, kinds in zip(results, pair, strict=True):
                    kept.append((name, generator, seed, kinds))
                shown: list[Any] = [*lost(pair[0])]
                for kinds in pair[1:]:
                    shown += ["->", *lost(kinds)]
                print(name, generator, seed, *shown, flush=True)
                if args.json:
                    Path(args.json).write_text(json.dumps(results), encoding="utf-8")


if __name__ == "__main__":
    main()
