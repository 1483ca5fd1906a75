"""Suggestions kept per note for the current model.

The intake asks for a note's suggestion while the clerk types, and again when the call is
saved; the save runs in a write transaction, which on SQLite holds the database's one write
lock. So the suggestion is made before the transaction opens (the views and the API call
:func:`suggestion_for` first) and taken from here inside it, in microseconds. A retrained model
starts an empty memory.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from powerdesk.servicedesk.understanding.classifier import CallClassifier, Suggestion
from powerdesk.servicedesk.understanding.store import default_classifier

__all__ = ["suggestion_for"]

KEPT = 512  # notes remembered per process

_lock = threading.Lock()
_owner: CallClassifier | None = None
_kept: OrderedDict[str, Suggestion] = OrderedDict()


def suggestion_for(text: str) -> Suggestion:
    """The current classifier's suggestion for ``text`` (remembered for the next ask)."""
    global _owner
    classifier = default_classifier()
    with _lock:
        if _owner is not classifier:
            _owner = classifier
            _kept.clear()
        found = _kept.get(text)
        if found is not None:
            _kept.move_to_end(text)
            return found
    suggestion = classifier.suggest_one(text)
    with _lock:
        if _owner is classifier:
            _kept[text] = suggestion
            while len(_kept) > KEPT:
                _kept.popitem(last=False)
    return suggestion
