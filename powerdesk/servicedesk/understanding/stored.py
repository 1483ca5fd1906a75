"""``python -m powerdesk.servicedesk.understanding.stored``: is the call classifier stored?

Exit status 0 when the data folder holds a classifier of the shipped corpus (a start loads it in
seconds), 1 when the task worker must train one first (minutes; the site takes calls meanwhile,
without suggested categories). ``make run`` asks as it starts, to say so. Django is not started:
the answer takes a fraction of a second.
"""

from __future__ import annotations

import sys
from pathlib import Path

from powerdesk.servicedesk.understanding.store import ModelStore


def classifier_folder() -> Path:
    """Where the site keeps its classifiers (``servicedesk.apps``), from the settings module
    alone."""
    from powerdesk import settings

    return Path(getattr(settings, "CLASSIFIER_DIR", settings.DATA_DIR / "classifier"))


def main() -> int:
    return 0 if ModelStore(classifier_folder()).pointer() is not None else 1


if __name__ == "__main__":
    sys.exit(main())
