"""``powerdesk predict``, ``simulate`` and ``score`` as the file contract describes them."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from powerdesk.__main__ import main

NET = (
    """id,parent,kind,ami
S,,source,
F1,S,fuse,
T1,F1,transformer,
T2,F1,transformer,
"""
    + "".join(f"A{i},T1,customer,0\n" for i in range(8))
    + "".join(f"B{i},T2,customer,0\n" for i in range(8))
)


def powerdesk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``powerdesk ARGS`` in this process, as the installed command would: its exit code,
    standard output and standard error (a new interpreter per command cost seconds)."""
    argv = [str(a) for a in args]
    stdout, stderr = io.StringIO(), io.StringIO()
    returncode = 0
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            main(argv)
        except SystemExit as exc:
            returncode = exc.code if isinstance(exc.code, int) else 1
    return subprocess.CompletedProcess(
        ["powerdesk", *argv], returncode, stdout.getvalue(), stderr.getvalue()
    )


def powerdesk_process(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the installed ``powerdesk`` entry point in a process of its own."""
    script = Path(sys.executable).with_name("powerdesk")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "powerdesk"]
    return subprocess.run([*command, *map(str, args)], capture_output=True, text=True, check=False)


def write_events(path: Path, events: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    return path


@pytest.fixture
def net(tmp_path: Path) -> Path:
    path = tmp_path / "NET.csv"
    path.write_text(NET, encoding="utf-8")
    return path


def test_predict_writes_the_checkpoints_the_final_picture_and_stats(
    tmp_path: Path, net: Path
) -> None:
    events = write_events(
        tmp_path / "EVENTS.jsonl",
        [
            *({"t": 60.0 * (i + 1), "type": "call", "customer": f"A{i}"} for i in range(5)),
            {"t": 1800.0, "type": "checkpoint", "id": "cp-1"},
            {"t": 2000.0, "type": "restore", "device": "T1"},
        ],
    )
    out = tmp_path / "OUT.json"
    result = powerdesk("predict", "--network", net, "--events", events, "--out", out)
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text())
    (checkpoint,) = document["checkpoints"]
    assert checkpoint["id"] == "cp-1"
    assert checkpoint["t"] == 1800.0
    assert [(o["device"], o["status"], o["customers"]) for o in checkpoint["outages"]] == [
        ("T1", "predicted", 8)
    ]
    assert 0.0 <= checkpoint["outages"][0]["confidence"] <= 1.0
    assert checkpoint["customers_out"] == 8
    assert document["final"]["t"] == 2000.0
    assert document["final"]["outages"] == []
    assert document["stats"]["events"] == 6
    assert {"network_seconds", "ingest_seconds"} <= set(document["stats"])


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            ['{"t": 1, "type": "call", "customer": "NOPE"}'],
            "EVENTS.jsonl, line 1: 'NOPE' is not an element",
        ),
        (
            ['{"t": 1, "type": "call", "customer": "A1"}', "{not json"],
            "EVENTS.jsonl, line 2: not valid JSON",
        ),
        (
            [
                '{"t": 5, "type": "call", "customer": "A1"}',
                '{"t": 1, "type": "call", "customer": "A2"}',
            ],
            "EVENTS.jsonl, line 2: t=1 is earlier than the line before",
        ),
        (
            ['{"t": 1, "type": "blink", "customer": "A1"}'],
            "EVENTS.jsonl, line 1: unknown event type 'blink'",
        ),
        (
            ['{"t": 1, "type": "call"}'],
            "EVENTS.jsonl, line 1: a call event needs a 'customer' string",
        ),
        (
            ['{"t": "soon", "type": "call", "customer": "A1"}'],
            "EVENTS.jsonl, line 1: 't' must be a number",
        ),
    ],
)
def test_bad_events_exit_2_naming_file_and_line_and_write_nothing(
    tmp_path: Path, net: Path, lines: list[str], message: str
) -> None:
    events = tmp_path / "EVENTS.jsonl"
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "OUT.json"
    result = powerdesk("predict", "--network", net, "--events", events, "--out", out)
    assert result.returncode == 2
    assert message in result.stderr
    assert not out.exists()
    assert list(tmp_path.glob(".out-*")) == []


def test_a_bad_network_exits_2_and_keeps_an_earlier_output(tmp_path: Path) -> None:
    # The one test through the installed entry point in a process of its own: exit code and
    # standard error as a shell sees them.
    net = tmp_path / "NET.csv"
    net.write_text("id,parent,kind\nS,,source\nF,X,fuse\n", encoding="utf-8")
    events = write_events(tmp_path / "EVENTS.jsonl", [])
    out = tmp_path / "OUT.json"
    out.write_text("earlier", encoding="utf-8")
    result = powerdesk_process("predict", "--network", net, "--events", events, "--out", out)
    assert result.returncode == 2
    assert "NET.csv, line 3, column parent: 'X' is not the id of any element" in result.stderr
    assert out.read_text() == "earlier"


def test_simulate_predict_and_score_run_end_to_end(tmp_path: Path) -> None:
    storm = tmp_path / "storm"
    result = powerdesk("simulate", "--out", storm, "--customers", "3000", "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert {p.name for p in storm.iterdir()} == {"NET.csv", "EVENTS.jsonl", "TRUTH.json"}
    out = tmp_path / "OUT.json"
    result = powerdesk(
        "predict", "--network", storm / "NET.csv", "--events", storm / "EVENTS.jsonl", "--out", out
    )
    assert result.returncode == 0, result.stderr
    result = powerdesk(
        "score",
        "--network",
        storm / "NET.csv",
        "--truth",
        storm / "TRUTH.json",
        "--prediction",
        out,
        "--json",
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["checkpoints"] == 16
    assert figures["multi_customer"]["f1"] > 0.6
    assert 0.0 <= figures["customers_misclassified"] < 0.05


def test_a_simbench_rural_grid_converts_and_runs_through_predict(tmp_path: Path) -> None:
    pytest.importorskip("simbench")
    storm = tmp_path / "simbench"
    result = powerdesk(
        "simulate", "--out", storm, "--simbench", "1-MVLV-rural-all-0-sw", "--seed", "2"
    )
    assert result.returncode == 0, result.stderr
    out = tmp_path / "OUT.json"
    result = powerdesk(
        "predict", "--network", storm / "NET.csv", "--events", storm / "EVENTS.jsonl", "--out", out
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text())
    assert len(document["checkpoints"]) == 16
    result = powerdesk(
        "score",
        "--network",
        storm / "NET.csv",
        "--truth",
        storm / "TRUTH.json",
        "--prediction",
        out,
        "--json",
    )
    assert json.loads(result.stdout)["multi_customer"]["f1"] > 0.5


def test_pandapower_networks_map_to_the_contract_kinds() -> None:
    pytest.importorskip("pandapower")
    import pandapower.networks as networks

    from powerdesk.engine.network import Network
    from powerdesk.engine.pandapower_import import pandapower_rows

    rows = pandapower_rows(networks.create_kerber_landnetz_freileitung_1())
    kinds = {kind for _, _, kind in rows}
    assert {"source", "transformer", "customer", "node"} <= kinds
    net = Network.from_rows(rows)
    transformer = next(i for i, _, k in rows if k == "transformer")
    assert net.customers_below(net.index[transformer]) == net.customer_count
