"""The evaluation reports of a classifier, measured once a session for each model.

Measuring the session's shared model on every evaluation set takes about ten seconds of
processor time; the calibration tests and the retraining tests (which compare the current model
with a candidate, before and after) measured the same model five times in each session. A model
is not changed once trained, so its reports are the same each time: they are kept here, with
the model, for the rest of the session.

Most of a measure is the rules reading each evaluation note (``urgency.findings_read``: its
dangers, its medical need), whatever the model: a second model measured (the retraining tests'
candidate) read every note again, about 13 s of processor time. The rules' reading of a note is
kept for the session here, as ``urgency.findings_once`` keeps it within one request."""

from __future__ import annotations

from powerdesk.servicedesk.understanding import urgency
from powerdesk.servicedesk.understanding.classifier import CallClassifier
from powerdesk.servicedesk.understanding.evaluation import Report, evaluate_all

# By the model's id, the model kept with its reports so that its id is not given out again.
_measured: dict[int, tuple[CallClassifier, dict[str, Report]]] = {}
# Each evaluation note as the rules read it (``findings_once``'s store, kept across models).
_read: dict[str, urgency.Findings] = {}


def reports_of(classifier: CallClassifier) -> dict[str, Report]:
    """``evaluate_all(classifier)``, measured once a session for each model."""
    kept = _measured.get(id(classifier))
    if kept is None or kept[0] is not classifier:
        token = urgency._READ_ONCE.set(_read)
        try:
            kept = (classifier, evaluate_all(classifier))
        finally:
            urgency._READ_ONCE.reset(token)
        _measured[id(classifier)] = kept
    return dict(kept[1])
