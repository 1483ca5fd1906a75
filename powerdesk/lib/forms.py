"""Reading what staff type, the same way on every page: bounded, and wrong input named.

Pages that post to a view which redirects back show a form's errors as one message that names
each field (``form_error_text``); ids chosen from a list are read with ``object_id`` so that
"abc" is a message, not a server error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from powerdesk.lib.phones import InvalidPhoneNumber, format_phone, normalize_phone

__all__ = [
    "TYPED_KEPT",
    "Bounds",
    "FieldError",
    "InputError",
    "PhoneField",
    "PhoneFieldsAdmin",
    "datetime_or_none",
    "form_error_text",
    "form_wrong",
    "id_list",
    "id_or_none",
    "model_text",
    "named_errors",
    "object_id",
    "refuse_all",
    "require_between",
    "too_long",
    "village_groups_only",
]

# What is kept of a text refused (too long), to be shown again at its field and shortened: a
# page of it, never a session's worth of whatever was sent.
TYPED_KEPT = 4000

# What ends a sentence (an error message), in Chinese and in English.
_SENTENCE_ENDS = "。．.；;！!"
# An id is a positive 64-bit integer: no more than 18 digits fit without overflow.
_ID_DIGITS = 18


class InputError(ValueError):
    """What was typed cannot be used; the message names the field and why."""


class FieldError(ValueError):
    """A service's refusal; ``field``, when one field is wrong: the page says it there, what
    was typed kept (a domain's errors derive from it: ``ArrearsError``, ``OutreachError`` ...).

    ``wrong``: every field refused at once, by its name ("" for the form as a whole), so that
    one answer says them all (``field`` and the message are the first's); ``refuse_all``
    raises one from what a service found wrong.

    >>> e = FieldError(wrong={"x": "Longitude …", "y": "Latitude …"})
    >>> e.field, str(e), sorted(e.wrong)
    ('x', 'Longitude … Latitude …', ['x', 'y'])
    """

    def __init__(
        self, message: str = "", *, field: str = "", wrong: Mapping[str, str] | None = None
    ) -> None:
        found = {name: said for name, said in (wrong or {}).items() if said}
        if found and not message:
            field, message = next(iter(found.items()))
            message = " ".join(found.values())
        super().__init__(message)
        self.field = field
        self.wrong: dict[str, str] = found or {field: message}


def refuse_all(error: type[FieldError], wrong: Mapping[str, str]) -> None:
    """Raise ``error`` with every refusal of ``wrong`` (field → what is wrong; the empty ones
    are not refusals) at once: nothing when nothing is wrong."""
    if any(wrong.values()):
        raise error(wrong=wrong)


def id_or_none(value: object) -> int | None:
    """The id in a form or query parameter, or None for anything that cannot be one."""
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > _ID_DIGITS or int(text) == 0:
        return None
    return int(text)


def datetime_or_none(value: object, *, longest: int = 40) -> dt.datetime | None:
    """The date and time written in ``value`` (ISO 8601, as ``parse_datetime`` reads it), or
    None for anything that is not one: not a text, longer than ``longest``, or shaped like one
    but no time at all (the 30th of February, an offset of 99 hours), which ``parse_datetime``
    raises ``ValueError`` for.

    >>> datetime_or_none("2026-02-30T10:00:00+08:00") is None, datetime_or_none(12) is None
    (True, True)
    """
    from django.utils.dateparse import parse_datetime

    if not isinstance(value, str) or len(value) > longest:
        return None
    try:
        return parse_datetime(value)
    except ValueError:
        return None


def id_list(values: list[str]) -> list[int]:
    """The ids among ticked boxes; anything that cannot be an id is left out."""
    return [pk for pk in (id_or_none(v) for v in values[:1000]) if pk is not None]


def object_id(value: object, what: str) -> int:
    """The id of a record chosen from a list, or ``InputError`` naming what to choose."""
    pk = id_or_none(value)
    if pk is None:
        raise InputError(_("Choose a %(what)s from the list.") % {"what": what})
    return pk


def form_wrong(form: forms.BaseForm) -> dict[str, str]:
    """Every error of ``form`` by its field's name ("" for the form as a whole): for a
    ``FieldError``'s ``wrong``, each said at its field."""
    return {
        "" if name == NON_FIELD_ERRORS else name: " ".join(str(e) for e in errors)
        for name, errors in form.errors.items()
    }


def form_error_text(form: forms.BaseForm) -> str:
    """Every error of ``form`` in one line, each with its field's label: for a message."""
    parts = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = field.label if field is not None and field.label else ""
        text = " ".join(str(e) for e in errors)
        separator = pgettext("label separator", ": ")
        # (a message that names its field already, ``named_errors``, is not named twice)
        named = label and not text.startswith(str(capfirst(label)))
        parts.append(f"{label}{separator}{text}" if named else text)
    # Each error is a sentence with its full stop; joined, only the last keeps it
    # ("…之间；预计复电：…", never "…之间。；预计复电").
    parts = [part.rstrip(_SENTENCE_ENDS) for part in parts[:-1]] + parts[-1:]
    return _("; ").join(parts)


def column_chars(model: type[models.Model], name: str) -> int:
    """The longest text ``model``'s column ``name`` stores: a service's bound read from the
    column itself, never copied beside it (a copy outlived a column made longer or shorter).

    >>> from powerdesk.customers.models import Customer
    >>> column_chars(Customer, "account_number")
    30
    """
    length = getattr(model._meta.get_field(name), "max_length", None)
    if not length:
        raise ValueError(f"{model.__name__}.{name} has no length")
    return int(length)


def model_text(
    model: type[models.Model], name: str, *, required: bool = False, **kwargs: Any
) -> forms.CharField:
    """A text field as long as the model's column allows, labelled like it (too long, it says
    so by its name: ``named_errors``)."""
    field = model._meta.get_field(name)
    max_length = getattr(field, "max_length", None) or kwargs.pop("max_length", None)
    from powerdesk.lib.form_text import TypedText

    return named_errors(
        TypedText(
            label=kwargs.pop("label", field.verbose_name),  # type: ignore[union-attr]
            max_length=max_length,
            required=required,
            **kwargs,
        )
    )


# Django's own words for a value out of bounds read wrong to staff ("确保该变量包含不超过 200 字符":
# "this variable"); these name the field. ``%(label)s`` is the field's label, the rest Django's
# validators' own parameters.
_NAMED = {
    "max_length": gettext_lazy(
        "%(label)s is %(show_value)d characters long; at most %(limit_value)d fit."
    ),
    "min_value": gettext_lazy("%(label)s must be at least %(limit_value)s."),
    "max_value": gettext_lazy("%(label)s must be at most %(limit_value)s."),
    "max_digits": gettext_lazy("%(label)s has too many digits: at most %(max)s in all."),
    "max_decimal_places": gettext_lazy(
        "%(label)s has at most %(max)s digits after the decimal point."
    ),
    "max_whole_digits": gettext_lazy(
        "%(label)s has at most %(max)s digits before the decimal point."
    ),
}


class _Named:
    """One of ``_NAMED``'s messages for a field's label, translated when it is said."""

    def __init__(self, message: Any, label: Any) -> None:
        self.message, self.label = message, label

    def __str__(self) -> str:
        label = str(capfirst(self.label)).replace("%", "%%")
        return str(self.message).replace("%(label)s", label)

    def __mod__(self, params: Any) -> str:
        return str(self) % params


def too_long(label: Any, value: str, limit: int) -> str:
    """Why ``value`` is refused as too long for ``label``'s field, with its limit and the
    length typed ("" when it fits): said at the field, what was typed kept there to be
    shortened, never cut (a ``maxlength`` on the page cut pasted text without a word). A NUL
    character is refused too: PostgreSQL cannot store it (a 500 where a service read the text
    straight from the request, without a form's check: review 32, finding 3)."""
    if "\x00" in value:
        return _("%(label)s holds a NUL character, which cannot be stored: type it again.") % {
            "label": capfirst(str(label))
        }
    if len(value) <= limit:
        return ""
    return _Named(_NAMED["max_length"], label) % {"show_value": len(value), "limit_value": limit}


def named_errors[F: forms.Field](field: F) -> F:
    """``field`` with its messages for a value too long, too small or too large, or with too
    many digits, naming it by its label (set the label first)."""
    if field.label:
        for code, message in _NAMED.items():
            # (a message the field was given for it stays: the intake's note says its own)
            field.error_messages.setdefault(code, _Named(message, field.label))  # type: ignore[arg-type]
    return field


def require_between(
    value: dt.date | dt.datetime, earliest: dt.date | dt.datetime, latest: dt.date | dt.datetime
) -> None:
    """Raise a ``forms.ValidationError`` unless ``earliest <= value <= latest``."""
    if value < earliest or value > latest:  # type: ignore[operator]
        show = "%Y-%m-%d %H:%M" if isinstance(value, dt.datetime) else "%Y-%m-%d"
        if isinstance(earliest, dt.datetime):
            earliest = timezone.localtime(earliest)
            latest = timezone.localtime(latest)  # type: ignore[arg-type]
        raise forms.ValidationError(
            _("Must be between %(earliest)s and %(latest)s.")
            % {"earliest": earliest.strftime(show), "latest": latest.strftime(show)}
        )


@dataclass(frozen=True)
class Bounds:
    """The dates or times a field accepts, one rule said once: checked (``problem``), said in
    the refusal with the field, the range and the rule in words ("not in the future, at most
    400 days back"), and given to the page's input as its ``min`` and ``max``, so that a date
    inside the range said is never refused with other words.

    ``slack``: how far outside the range a time is still taken without a word (the few minutes
    a phone's clock is off, the minute the form was filled in); never said, never drawn.
    ``after``: a time that must be later than this one, not equal (an outage's start)."""

    label: Any
    earliest: dt.date | dt.datetime
    latest: dt.date | dt.datetime
    rule: Any
    slack: dt.timedelta = dt.timedelta(0)
    after: dt.datetime | None = None

    def problem(self, value: dt.date | dt.datetime) -> str:
        """The refusal of ``value`` ("" when it is within)."""
        low, high = self.earliest - self.slack, self.latest + self.slack
        if low <= value <= high and (self.after is None or value > self.after):  # type: ignore[operator]
            return ""
        return self.words()

    def check(self, value: dt.date | dt.datetime) -> None:
        """Raise a ``forms.ValidationError`` with ``words`` unless ``value`` is within."""
        said = self.problem(value)
        if said:
            raise forms.ValidationError(said)

    def words(self) -> str:
        return _("%(label)s must be between %(earliest)s and %(latest)s (%(rule)s).") % {
            "label": capfirst(self.label),
            "earliest": self._shown(self.earliest, "%Y-%m-%d %H:%M"),
            "latest": self._shown(self.latest, "%Y-%m-%d %H:%M"),
            "rule": self.rule,
        }

    @property
    def min(self) -> str:
        """``earliest`` as a ``date`` or ``datetime-local`` input's ``min`` (local time)."""
        return self._shown(self.earliest, "%Y-%m-%dT%H:%M")

    @property
    def max(self) -> str:
        return self._shown(self.latest, "%Y-%m-%dT%H:%M")

    @staticmethod
    def _shown(at: dt.date | dt.datetime, timed: str) -> str:
        if isinstance(at, dt.datetime):
            return timezone.localtime(at).strftime(timed)
        return at.strftime("%Y-%m-%d")


def village_groups_only(village: object, groups: Iterable[object]) -> str:
    """What is said of a village group not offered (a forged or stale form): which village's
    groups may be chosen, by their names (Django's "选择一个有效的选项" names nothing)."""
    names = pgettext("list separator", ", ").join(str(g) for g in groups)
    if not names:
        return _("%(village)s has no village groups: report for the village itself.") % {
            "village": village
        }
    return _("Choose one of the groups of %(village)s: %(names)s.") % {
        "village": village,
        "names": names,
    }


class PhoneField(forms.CharField):
    """A telephone number in any written form, stored as staff write it (``0878 123 4567``).

    ``abc<script>`` and numbers with too few or too many digits are refused.
    """

    default_error_messages = {
        "invalid_phone": gettext_lazy(
            "“%(phone)s” is not a telephone number that could be dialled."
        )
    }

    def __init__(self, *, area_code: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.area_code = area_code
        named_errors(self)  # too long: said naming the field, never "该变量"

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if not text:
            return ""
        try:
            e164 = normalize_phone(text, area_code=self.area_code)
        except InvalidPhoneNumber:
            raise forms.ValidationError(
                self.error_messages["invalid_phone"], code="invalid_phone", params={"phone": text}
            ) from None
        written = format_phone(e164)
        # The written form has spaces; a long foreign number may only fit without them.
        return written if self.max_length is None or len(written) <= self.max_length else e164


class PhoneFieldsAdmin:
    """Admin pages where a ``phone`` column is typed: only a number that could be dialled."""

    def formfield_for_dbfield(self, db_field: models.Field, request: Any, **kwargs: Any) -> Any:  # type: ignore[type-arg]
        if db_field.name == "phone" and isinstance(db_field, models.CharField):
            return PhoneField(
                label=capfirst(db_field.verbose_name),
                max_length=db_field.max_length,
                required=not db_field.blank,
                help_text=_("With the area code for a landline, such as 0878 123 4567."),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
