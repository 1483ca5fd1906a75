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
    """Read both files and return the OUT.json document (raises ``PredictError``)."""
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
    """Run the prediction and write OUT.json atomically: all of it or nothing."""
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


def _picture(picture: Picture) -> dict[str, Any]:
    return {
        "t": picture.t,
        "outages": [o.as_dict() for o in picture.outages],
        "customers_out": picture.customers_out,
    }
