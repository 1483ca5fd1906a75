"""What a change on the admin site changed FROM and TO, kept with Django's change message
(walk73, M2: the history said "Changed Role for membership …" and "Changed Active.", never
the role it was before nor whether the login was turned on or off).

Django stores the labels of the fields changed (in English); beside them each changed part
keeps ``values``: ``[field name, its label as Django stored it, before, after]`` for each field
whose values can be said (a choice by its stored value, a yes/no, a related row by its name,
short text as typed). Passwords and
lists of rows (groups, permissions) keep no values. ``admin_history`` says them in the reader's
language.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db import models
from django.utils import translation

__all__ = ["MAX_SAID", "with_values"]

# Text longer than this is kept cut, with an ellipsis: a history line, not a copy of the row.
MAX_SAID = 80


def _said(field: forms.Field, value: Any) -> Any:
    """``value`` as JSON can keep it and a reader can read it, or None for "nothing"."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, models.Model):
        return str(value)[:MAX_SAID]
    if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
        row = field.queryset.filter(pk=value).first()
        return str(row)[:MAX_SAID] if row is not None else str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, int | float | str):
        text = str(value)
        return text if len(text) <= MAX_SAID else text[: MAX_SAID - 1] + "…"
    return ...  # not said (a list of rows, a file)


def _values(form: forms.BaseForm, names: list[str]) -> list[list[Any]]:
    values: list[list[Any]] = []
    cleaned = getattr(form, "cleaned_data", {})
    for name in names:
        field = form.fields.get(name)
        if field is None or "password" in name or isinstance(field, forms.ModelMultipleChoiceField):
            continue
        before = _said(field, form.initial.get(name, field.initial))
        after = _said(field, cleaned.get(name))
        if before is ... or after is ...:
            continue
        with translation.override(None):
            label = str(field.label or name)
        values.append([name, label, before, after])
    return values


def with_values(
    message: list[dict[str, Any]], form: forms.BaseForm, formsets: Any
) -> list[dict[str, Any]]:
    """Django's change ``message`` with the values before and after of each changed part."""
    for part in message:
        changed = part.get("changed")
        if changed is not None and "name" not in changed:  # the page's own form
            values = _values(form, list(form.changed_data))
            if values:
                changed["values"] = values
            break
    for formset in formsets or ():
        forms_of = {
            each.instance.pk: each
            for each in formset.forms
            if getattr(each, "instance", None) is not None and each.instance.pk is not None
        }
        for row, fields in getattr(formset, "changed_objects", ()):
            each = forms_of.get(row.pk)
            values = _values(each, list(fields)) if each is not None else []
            if not values:
                continue
            with translation.override(None):  # as Django stored the row's name
                name, said = str(row._meta.verbose_name), str(row)
            for part in message:
                changed = part.get("changed", {})
                if changed.get("name") == name and changed.get("object") == said:
                    changed["values"] = values
                    break
    return message
