"""The admin site's history, as the reader reads it (walk50, findings 3 and 4).

Django stores each change message with translation off: the fields changed by their English
labels and each inline row by its ``str()`` in English ("周明 · 光禄供电所 · station chief"). It
translates the labels it knows when the message is read, not ours, nor the role inside a
membership's name. These say both in the reader's language, for entries old and new, on the
admin's history pages and in the audit trail.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.contrib.admin.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from powerdesk.accounts.models import Membership, Role

if TYPE_CHECKING:
    from django.db import models

__all__ = ["change_message", "entry_words", "object_repr"]


def _roles_said(text: str) -> str:
    """``text`` with each role named after " · " (a membership's name) in the reader's language."""
    if " · " not in text:
        return text
    with translation.override(None):
        english = {role: str(role.label) for role in Role}
    for role, label in english.items():
        text = text.replace(f" · {label}", f" · {role.label}")
    return text


def _labels(model: type[models.Model] | None) -> dict[str, str]:
    """The English label of each field of ``model`` and of a membership (the users' inline), as
    Django stored it, to the reader's."""
    labels: dict[str, str] = {}
    for each in {model, Membership} - {None}:
        assert each is not None
        for field in each._meta.get_fields():
            name = getattr(field, "verbose_name", None)
            if name is None:
                continue
            with translation.override(None):
                stored = capfirst(str(name))
            labels[stored] = capfirst(str(name))
    return labels


def _value_said(value: Any, field: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    choices = dict(getattr(field, "flatchoices", None) or ())
    return str(choices.get(value, value))


def _moves(values: Any, model: type[models.Model] | None) -> dict[str, tuple[str, str]]:
    """Each changed field's label (as stored) → its value before and after, said
    (``admin_values``: kept since walk73; older entries have none)."""
    moved: dict[str, tuple[str, str]] = {}
    for row in values if isinstance(values, list) else ():
        if not (isinstance(row, list) and len(row) == 4 and isinstance(row[0], str)):
            continue
        name, label, before, after = row
        field = None
        for each in (model, Membership):
            try:
                field = each._meta.get_field(name) if each is not None else None
            except FieldDoesNotExist:  # not a field of this model: the next
                continue
            break
        moved[str(label)] = (_value_said(before, field), _value_said(after, field))
    return moved


def _field_said(label: str, moved: tuple[str, str] | None) -> str:
    if moved is None:
        return label
    return gettext("%(field)s (%(before)s → %(after)s)") % {
        "field": label,
        "before": moved[0],
        "after": moved[1],
    }


def object_repr(entry: LogEntry) -> str:
    return _roles_said(entry.object_repr)


def change_message(entry: LogEntry) -> str:
    """Django's ``get_change_message`` with our fields' labels and the roles translated."""
    try:
        data: Any = json.loads(entry.change_message)
    except json.JSONDecodeError:
        return _roles_said(entry.get_change_message())
    if not isinstance(data, list):
        return _roles_said(entry.get_change_message())
    model = entry.content_type.model_class() if entry.content_type else None
    labels = _labels(model)
    for sub in data:
        for part in sub.values() if isinstance(sub, dict) else ():
            if not isinstance(part, dict):
                continue
            if isinstance(part.get("fields"), list):
                moved = _moves(part.get("values"), model)
                part["fields"] = [
                    _field_said(labels.get(f, f), moved.get(f)) for f in part["fields"]
                ]
            if isinstance(part.get("object"), str):
                part["object"] = _roles_said(part["object"])
    return LogEntry(change_message=json.dumps(data)).get_change_message()


def entry_words(entry: LogEntry, action: str) -> str:
    """One change of the admin site as the audit trail says it: "changed staff account “周明”
    added membership “周明 · 光禄供电所 · 调度”"."""
    kind = entry.content_type.name if entry.content_type else ""
    return f"{action} {kind} “{object_repr(entry)}” {change_message(entry)}".strip()
