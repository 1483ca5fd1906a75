"""The file contract end to end: NET.csv and EVENTS.jsonl in, OUT.json out."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from powerdesk.engine.errors import EventError, InputProblem, PredictError
from powerdesk.engine.inference.engine import OutageInference, Picture, UnknownElement
from powerdesk.engine.model.events import EventType
from powerdesk.engine.model.params import Params
from powerdesk.engine.readwrite.events_jsonl import read_events
from powerdesk.engine.readwrite.network_csv import load_network_csv

__all__ = ["PredictError", "predict_files", "run_prediction"]


def run_prediction(
    network_path: str | Path, events_path: str | Path, params: Params | None = None
) -> dict[str, Any]:
    """Read both files and return the OUT.json document (raises ``PredictError``).

    >>> folder = _example_files()
    >>> document = run_prediction(folder / "NET.csv", folder / "EVENTS.jsonl")
    >>> [(o["device"], o["customers"]) for o in document["checkpoints"][0]["outages"]]
    [('T', 2)]
    >>> document["stats"]["events"]
    2
    """
    started = time.perf_counter()
    network = load_network_csv(network_path)
    network_seconds = time.perf_counter() - started
    engine = OutageInference(network, params)
    checkpoints: list[dict[str, Any]] = []
    ingest = 0.0
    pictures = 0.0
    last_t = 0.0
    events_name = Path(events_path).name
    for event in read_events(events_path):
        last_t = event.t
        if event.type == EventType.CHECKPOINT:
            tick = time.perf_counter()
            checkpoints.append({"id": event.target, **_picture(engine.picture(event.t))})
            pictures += time.perf_counter() - tick
            continue
        tick = time.perf_counter()
        try:
            engine.ingest(event.t, event.type, event.target)
        except UnknownElement as exc:
            raise PredictError(InputProblem(events_name, event.line, str(exc))) from None
        ingest += time.perf_counter() - tick
    final = _picture(engine.picture(max(engine.now, last_t)))
    return {
        "checkpoints": checkpoints,
        "final": final,
        "stats": {
            "events": engine.events,
            "network_seconds": round(network_seconds, 4),
            "ingest_seconds": round(ingest, 4),
            "checkpoint_seconds": round(pictures, 4),
        },
    }


def predict_files(
    network_path: str | Path,
    events_path: str | Path,
    out_path: str | Path,
    params: Params | None = None,
) -> dict[str, Any]:
    """Run the prediction and write OUT.json atomically: all of it or nothing.

    >>> folder = _example_files()
    >>> _ = predict_files(folder / "NET.csv", folder / "EVENTS.jsonl", folder / "OUT.json")
    >>> json.loads((folder / "OUT.json").read_text())["final"]["customers_out"]
    2
    >>> with (folder / "EVENTS.jsonl").open("a") as events:
    ...     _ = events.write('{"t": 960, "type": "call", "customer": "C9"}\\n')
    >>> try:
    ...     predict_files(folder / "NET.csv", folder / "EVENTS.jsonl", folder / "OUT.json")
    ... except PredictError as error:
    ...     print(error)
    EVENTS.jsonl, line 4: 'C9' is not an element of the network
    """
    try:
        document = run_prediction(network_path, events_path, params)
    except EventError as exc:
        raise PredictError(exc.problem) from None
    out = Path(out_path)
    fd, temporary = tempfile.mkstemp(prefix=".out-", suffix=".json", dir=out.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return document


def _example_files() -> Path:
    """A folder holding a small NET.csv (S ─ T ─ C1, C2) and an EVENTS.jsonl in which both
    customers call and a checkpoint follows, for the examples above."""
    folder = Path(tempfile.mkdtemp())
    (folder / "NET.csv").write_text(
        "id,parent,kind\nS,,source\nT,S,transformer\nC1,T,customer\nC2,T,customer\n"
    )
    (folder / "EVENTS.jsonl").write_text(
        '{"t": 60, "type": "call", "customer": "C1"}\n'
        '{"t": 120, "type": "call", "customer": "C2"}\n'
        '{"t": 900, "type": "checkpoint", "id": "first"}\n'
    )
    return folder


def _picture(picture: Picture) -> dict[str, Any]:
    return {
        "t": picture.t,
        "outages": [o.as_dict() for o in picture.outages],
        "customers_out": picture.customers_out,
    }
