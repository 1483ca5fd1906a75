"""The history lines of a call's second matter opened on the word of whoever opened it
(``second_order``: the note does not say the power is off, the clerk or the integration says
the caller did), by code; part of the messages ``history_notes`` draws (beside
``history_messages.NOTES``, whose ``second_matter_*`` lines say the note told it)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

__all__ = ["SECOND_MATTER_NOTES"]

SECOND_MATTER_NOTES: dict[str, Any] = {
    "second_matter_said": _(
        "Opened for the call of %(time)s on the word of whoever opened it that the caller said "
        "the power is off (the note does not say so; the call's own order: %(number)s)."
    ),
    "second_matter_said_call": _(
        "Opened for the call of %(time)s on the word of whoever opened it that the caller said "
        "the power is off (the note does not say so)."
    ),
}
