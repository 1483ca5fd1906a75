"""The call classifier's size: its file, the memory of a process that loads it and classifies a
note, and the time to train it.

    .venv/bin/python bench/model_size.py [--old] [--model FILE] [--keep FILE] [--json FILE]

Trains the shipped classifier (``train_on_corpus``, no staff corrections) in a process of its own
and reports the wall and CPU time it took and that process's peak memory; writes it to a file as
the model store does (``pickle``) and reports the file's size; then, in a fresh process, loads the
file, classifies one note (which compiles ``fast``'s predictor) and reports that process's peak
resident memory (``ru_maxrss``) and how long loading and the first note took.

``--old`` trains the configuration used until December 2026 instead: one linear SVM for each hand
left out, each calibrated by a temperature on that hand's notes (scikit-learn's
``CalibratedClassifierCV(method="temperature", ensemble=True)``), their probabilities averaged,
float64 weights. ``--model FILE`` measures a model already trained (no training). The CPU time is
the figure to compare on a shared machine: the wall time grows with whatever else runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NOTE = "村口的电线掉在地上了，还在冒火花"


def old_train(
    cls: Any,
    notes: Iterable[tuple[str, str]],
    groups: Sequence[str] | None = None,
    *,
    weights: Sequence[float] | None = None,
    hands: Sequence[str] | None = None,
) -> Any:
    """``CallClassifier.train`` as it was until December 2026 (one SVM per hand left out)."""
    from joblib import parallel_config
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.model_selection import GroupKFold
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC

    from powerdesk.servicedesk.understanding import classifier, features

    pairs = list(notes)
    texts = [features.for_model(text) for text, _ in pairs]
    labels = [label for _, label in pairs]
    names = list(groups) if groups is not None else [str(i) for i in range(len(pairs))]
    union = features.feature_union()
    matrix = union.fit_transform(texts)
    writers = sorted({h for h in hands or () if h})
    if hands is not None and len(writers) >= classifier.CALIBRATE_BY_HAND:
        every = range(len(pairs))
        folds = [
            ([i for i in every if hands[i] != w], [i for i in every if hands[i] == w])
            for w in writers
        ]
        ensemble = True
    else:
        folds = list(GroupKFold(n_splits=5).split(matrix, labels, names))
        ensemble = False
    model = CalibratedClassifierCV(
        LinearSVC(C=0.5),
        method="temperature",
        cv=folds,
        ensemble=ensemble,
        n_jobs=classifier.FIT_JOBS,
    )
    with parallel_config(backend="threading"):
        model.fit(matrix, labels, sample_weight=None if weights is None else list(weights))
    return cls(Pipeline([("features", union), ("model", model)]), trained_on=len(pairs))


def train(path: Path, old: bool) -> dict[str, Any]:
    """Train (in this process) and write the model to ``path``: the figures of training."""
    from powerdesk.servicedesk.understanding import classifier, training

    if old:
        classifier.CallClassifier.train = classmethod(old_train)  # type: ignore[assignment,method-assign]
    wall, cpu = time.perf_counter(), time.process_time()
    trained = training.train_on_corpus()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    import pickle

    path.write_bytes(pickle.dumps(trained, protocol=pickle.HIGHEST_PROTOCOL))
    return {
        "train_wall_s": round(wall, 1),
        "train_cpu_s": round(cpu, 1),
        "train_peak_rss_mb": round(_peak_mb(), 1),
        "svms": trained.svms(),
        "coef_dtype": str(_coef_dtype(trained)),
    }


def load(path: Path) -> dict[str, Any]:
    """Load the model at ``path`` and classify one note (in this fresh process)."""
    import pickle

    started, cpu = time.perf_counter(), time.process_time()
    from powerdesk.servicedesk.understanding.classifier import CallClassifier

    imported = time.perf_counter()
    with path.open("rb") as handle:
        classifier = pickle.load(handle)
    assert isinstance(classifier, CallClassifier)
    loaded = time.perf_counter()
    suggestion = classifier.suggest_one(NOTE)
    done = time.perf_counter()
    return {
        "load_and_note_cpu_s": round(time.process_time() - cpu, 2),
        "load_s": round(loaded - imported, 2),
        "first_note_s": round(done - loaded, 2),
        "import_s": round(imported - started, 2),
        "load_peak_rss_mb": round(_peak_mb(), 1),
        "compiled": classifier._fast is not None,
        "category": suggestion.category,
        "urgent": suggestion.urgent,
    }


def _coef_dtype(classifier: Any) -> Any:
    model = classifier.pipeline.named_steps["model"]
    if hasattr(model, "calibrated_classifiers_"):
        return model.calibrated_classifiers_[0].estimator.coef_.dtype
    return model.coef_.dtype


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _child(*args: str) -> dict[str, Any]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, __file__, *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", action="store_true", help="the configuration before Dec. 2026")
    parser.add_argument("--model", type=Path, help="measure this trained model (no training)")
    parser.add_argument("--keep", type=Path, help="keep the trained model in this file")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--train-into", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--load-from", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.train_into:
        print(json.dumps(train(args.train_into, args.old)))
        return
    if args.load_from:
        print(json.dumps(load(args.load_from)))
        return
    shown = "old" if args.old else "shipped"
    figures: dict[str, Any] = {"configuration": str(args.model) if args.model else shown}
    with tempfile.TemporaryDirectory() as folder:
        path = args.model or args.keep or Path(folder) / "model.pickle"
        if args.model is None:
            figures.update(_child("--train-into", str(path), *(["--old"] if args.old else [])))
        figures["file_mb"] = round(path.stat().st_size / 1e6, 1)
        figures.update(_child("--load-from", str(path)))
    for key, value in figures.items():
        print(f"{key:>18}: {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
