"""Free text a person types, read the one way on every page, in every service and the API's
schemas alike (fix58a): bounded first, then cleaned (``user_text.typed``: no bidirectional
controls, nothing unseen at its ends), and refused with why when only invisible characters were
typed. A form reads it with ``TypedText``, a service with ``text_typed`` or ``too_long_refused``,
the API with ``api_schemas.Typed``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from powerdesk.lib.forms import FieldError, too_long
from powerdesk.lib.user_text import InvisibleOnly, typed

__all__ = ["TypedText", "invisible_only", "says_too_little", "text_typed", "too_long_refused"]

# What a record of what someone said or saw holds at least: letters (Chinese characters count
# one each), punctuation, digits and spaces aside (walk67, L5: "x" taken as an outcome).
LETTERS_AT_LEAST = 2


def too_long_refused(
    error: type[FieldError], label: object, value: str, limit: int, field: str
) -> str:
    """``value`` as typed (``text_typed``), or ``error`` raised at ``field`` when longer than
    ``limit`` or of invisible characters alone: refused, never cut (an API or a form made by
    hand reaches the service without the page's form).

    >>> too_long_refused(FieldError, "Note", "  ok\u202e ", 5, "note")
    'ok'
    """
    value, said = text_typed(label, value, limit)
    if said:
        raise error(said, field=field)
    return value


def text_typed(label: object, value: str, limit: int) -> tuple[str, str]:
    """What a person typed for ``label``'s field, stripped and cleaned
    (``user_text.typed``: no bidirectional controls, nothing unseen at its ends), and why it is
    refused ("" when it is not): too long (bounded first, before any other reading of it), a
    NUL character, or invisible characters alone (``invisible_only``). What a service reads
    straight from a request (a page's field read without a form, the API) passes here.

    >>> from django.utils import translation
    >>> with translation.override("en"):
    ...     text_typed("Note", "\u200b\u3000", 10)[1]
    'Note holds only invisible characters (such as a zero-width space): type the words.'
    """
    value = (value or "").strip()
    said = too_long(label, value, limit)
    if said:
        return value, said
    try:
        return typed(value), ""
    except InvisibleOnly:
        return value, invisible_only(label)


def invisible_only(label: object) -> str:
    """Why a text of invisible characters alone is refused, naming its field."""
    return _("%(label)s holds only invisible characters (such as a zero-width space): type the "
             "words.") % {"label": capfirst(str(label))}  # fmt: skip


class TypedText(forms.CharField):
    """A text a person types on a page: as ``text_typed`` reads it (bounded first, then cleaned;
    invisible characters alone refused at the field, naming it), the one field every page's
    free text is read with (fix58a)."""

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        if not isinstance(value, str) or (
            self.max_length is not None and len(value) > self.max_length
        ):
            return value  # too long: the field's own bound says so, nothing else is read
        try:
            return typed(value)
        except InvisibleOnly:
            raise forms.ValidationError(
                invisible_only(self.label or _("The text")), code="invisible"
            ) from None


def says_too_little(label: object, value: str) -> str:
    """Why ``value`` is refused as a record of what was said or seen ("" when it is not): fewer
    than ``LETTERS_AT_LEAST`` letters ("x", "。。", "1"), naming its field.

    >>> from django.utils import translation
    >>> with translation.override("en"):
    ...     says_too_little("Outcome", "x ."), says_too_little("Outcome", "不在家")
    ('Outcome says nothing yet: write in a few words what was said or seen.', '')
    """
    if sum(1 for ch in value if ch.isalpha()) >= LETTERS_AT_LEAST:
        return ""
    return _("%(label)s says nothing yet: write in a few words what was said or seen.") % {
        "label": capfirst(str(label))
    }
