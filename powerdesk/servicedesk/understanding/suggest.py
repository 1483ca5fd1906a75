"""Suggestions kept per note for the current model.

The intake asks for a note's suggestion while the clerk types, and again when the call is
saved; the save runs in a write transaction, which on SQLite holds the database's one write
lock. So the suggestion is made before the transaction opens (the views and the API call
:func:`suggestion_for` first) and taken from here inside it, in microseconds. A retrained model
starts an empty memory.

Until this process has a model to ask (the first start, before the task worker has trained one:
``store.ready_classifier``), a note gets the rules' reading alone (``suggestion_by_rules``): no
category (the clerk chooses it), urgent when it names a danger or a medical need. Nobody waits
for a model.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from powerdesk.servicedesk.understanding.categories import OTHER
from powerdesk.servicedesk.understanding.classifier import CallClassifier, Suggestion
from powerdesk.servicedesk.understanding.store import ready_classifier
from powerdesk.servicedesk.understanding.urgency import findings

__all__ = ["suggestion_by_rules", "suggestion_for"]

KEPT = 512  # notes remembered per process

_lock = threading.Lock()
_owner: CallClassifier | None = None
_kept: OrderedDict[str, Suggestion] = OrderedDict()


def suggestion_for(text: str) -> Suggestion:
    """The current classifier's suggestion for ``text`` (remembered for the next ask)."""
    global _owner
    classifier = ready_classifier()
    if classifier is None:
        return suggestion_by_rules(text)
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


def suggestion_by_rules(text: str) -> Suggestion:
    """What the rules alone make of a note, while no model is loaded: no category (the clerk
    chooses one; ``Suggestion.by_hand``), urgent when the note names a danger or a medical need
    there now; a test call or a wrong number is one all the same."""
    found = findings(text)
    if found.junk:
        return Suggestion(OTHER, False, 1.0)
    thanks = found.in_thanks
    return Suggestion(
        "",
        found.urgent,
        0.0,
        dangers=found.dangers if not thanks else (),
        medical=found.medical and not thanks,
    )
