"""A fuse feeding one transformer and nothing else, or that transformer: which went?

    python3 -m uv run python bench/twin_choice.py --seeds 1-40 --settings standard,deep,wide
    python3 -m uv run python bench/twin_choice.py --seeds 1-10 --jobs 2 --json twins.json

Both cut the same customers, so no call or meter can tell them apart; only which kind of device
fails more often can. Runs the engine on ``bench/families.py`` storms (30 % of meters; seeds of
the caller's choice, never the table's) and, at each checkpoint where one of such a pair is
truly open, not yet confirmed by a crew, and the engine names one of the two, records which kind
truly went, whether the engine named it, and how many fuses and transformers of such pairs
(and of all) crews had found open (``confirm_open``) or closed (``restore``) in the storm so
far. Then it counts how often each rule names the right one: the engine as it is, always the
fuse, always the transformer, and the pair's kind learnt from the storm's crews (a Beta about
the priors' share, 0.008 / (0.02 + 0.008) for the transformer, worth ``s`` outages).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # (imported by another bench script: its engine root stays first)
    sys.path.insert(0, str(ROOT))
if len(sys.argv) > 2 and sys.argv[1] == "--engine-root":  # another version of the engine
    sys.path.insert(0, sys.argv[2])
    del sys.argv[1:3]

from bench.families import day_storm, grid_rows, project_storm  # noqa: E402
from bench.grids import network  # noqa: E402
from bench.multi_errors import SETTINGS  # noqa: E402
from bench.storm_args import json_option, storm_options, storm_parser, storm_runs  # noqa: E402
from powerdesk.engine.inference.engine import OutageInference  # noqa: E402
from powerdesk.engine.model.network import KIND_CODES, Network  # noqa: E402
from powerdesk.engine.simulation.score import top_most  # noqa: E402

FUSE, TRANSFORMER = KIND_CODES["fuse"], KIND_CODES["transformer"]
PRIOR_TRANSFORMER = 0.008 / (0.02 + 0.008)  # the engine's default priors' share


def pairs(net: Network) -> dict[int, int]:
    """Each fuse that feeds one transformer and nothing else, and that transformer: the other."""
    other: dict[int, int] = {}
    for element in range(len(net.kind)):
        if int(net.kind[element]) != TRANSFORMER:
            continue
        span = (int(net.first_customer[element]), int(net.end_customer[element]))
        node = int(net.parent[element])
        while node >= 0 and (int(net.first_customer[node]), int(net.end_customer[node])) == span:
            if int(net.kind[node]) == FUSE:
                other[node], other[element] = element, node
                break
            node = int(net.parent[node])
    return other


def one(task: tuple[str, str, int]) -> list[tuple[bool, bool, int, int, int, int]]:
    """Per twin checkpoint: (truly the fuse, engine right, pair fuses and pair transformers
    the crews found so far, all fuses and all transformers so far)."""
    name, generator, seed = task
    setting = SETTINGS[name]
    net = network(grid_rows(setting.grid, seed), 0.3, seed)
    storm = (project_storm if generator == "project" else day_storm)(net, setting, seed)
    engine = OutageInference(net)
    index, twin = net.index, pairs(net)
    found: dict[int, int] = {}  # device -> kind, for every fuse or transformer crews found
    rows = []
    truth_by_id = {cp["id"]: cp for cp in storm.truth["checkpoints"]}
    for event in storm.events:
        if event["type"] == "checkpoint":
            picture = engine.picture(event["t"])
            cp = truth_by_id[event["id"]]
            truth = top_most(net, {index[o["device"]] for o in cp["open"] if o["signed"]})
            named = top_most(net, {index[o.device] for o in picture.outages})
            confirmed = {index[o.device] for o in picture.outages if o.status == "confirmed"}
            kinds = Counter(("pair " if e in twin else "") + str(k) for e, k in found.items())
            for e in truth:
                if e in twin and (e in named or twin[e] in named) and e not in confirmed:
                    rows.append(
                        (
                            int(net.kind[e]) == FUSE,
                            e in named,
                            kinds[f"pair {FUSE}"],
                            kinds[f"pair {TRANSFORMER}"],
                            kinds[f"pair {FUSE}"] + kinds[str(FUSE)],
                            kinds[f"pair {TRANSFORMER}"] + kinds[str(TRANSFORMER)],
                        )
                    )
            continue
        if event["type"] in ("restore", "confirm_open"):
            e = index[event["device"]]
            if int(net.kind[e]) in (FUSE, TRANSFORMER):
                found[e] = int(net.kind[e])
        engine.ingest(event["t"], event["type"], event.get("customer") or event["device"])
    return rows


def learnt(strength: float):  # type: ignore[no-untyped-def]
    def names_transformer(row: tuple[bool, bool, int, int, int, int]) -> bool:
        _, _, fuses, transformers, _, _ = row
        q = (transformers + strength * PRIOR_TRANSFORMER) / (fuses + transformers + strength)
        return q > 0.5

    return names_transformer


def options() -> argparse.ArgumentParser:
    parser = storm_parser(__doc__)
    storm_options(parser, seeds="1-10", settings="standard,deep,wide")
    json_option(parser, "write every storm's rows here")
    return parser


def main() -> None:
    args = options().parse_args()
    tasks = storm_runs(args)
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(one, tasks))
    if args.json:
        Path(args.json).write_text(
            json.dumps(list(zip(tasks, results, strict=True))), encoding="utf-8"
        )
    rules = {
        "always the fuse": lambda row: False,
        "always the transformer": lambda row: True,
        **{f"learnt, s={s:g}": learnt(s) for s in (2.0, 4.0, 10.0)},
    }
    groups: dict[tuple[str, str], list[tuple[bool, bool, int, int, int, int]]] = {}
    for (name, generator, _), rows in zip(tasks, results, strict=True):
        groups.setdefault((name, generator), []).extend(rows)
    everything = [row for rows in groups.values() for row in rows]
    print("setting generator: twin checkpoints, truly the fuse; right by rule")
    for (name, generator), rows in [*groups.items(), (("all", ""), everything)]:
        right = {"engine": sum(row[1] for row in rows)}
        right.update(
            {rule: sum(pick(row) != row[0] for row in rows) for rule, pick in rules.items()}
        )
        print(
            f"{name} {generator}: {len(rows)}, {sum(r[0] for r in rows)}; "
            + ", ".join(f"{rule} {n}" for rule, n in right.items())
        )


if __name__ == "__main__":
    main()
