"""The history lines of what households and liaisons were texted, or spared, about an outage
(``notifications``: outage_known, estimate_texts, inner_later, power_back), by code; part of
``history_messages.NOTES``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from powerdesk.servicedesk.history_wordings import (
    Composed,
    Counted,
    already_told,
    already_told_above,
    inner_still_on,
    inner_time_told_above,
    later_time_told,
    later_time_told_above,
    liaisons_time_told_above,
    not_texted_earlier,
    not_texted_earlier_within,
    still_open_told,
    still_out,
)

TEXT_NOTES: dict[str, Any] = {
    # Households texted of an open outage below that a wider one takes in: not texted again
    # (``notifications.outage_known.notify_outage_known``; the args keep who: outages, customers).
    "already_told": Counted(already_told, "n"),
    "already_told_above": Counted(already_told_above, "n"),
    "still_out": Counted(still_out, "n"),
    "still_open_told": Counted(still_open_told, "n"),
    # Restored with outages still on inside it (``outages.still_dark_said``; the args keep
    # their ids): they stay on.
    "inner_still_on": Counted(inner_still_on, "n"),
    "later_time_told": Counted(later_time_told, "n"),
    # Households texted a wider outage's time only, texted this inner one's later time at its
    # revision (``notifications.inner_later``, fix53e); with the village liaisons texted too
    # (``liaisons``: their ids).
    "later_time_told_above": Composed(later_time_told_above),
    # Households texted a later time by a wider outage revised since to one earlier than this
    # inner one's: texted this one's (``notifications.inner_later``, fix54d).
    "inner_time_told_above": Composed(inner_time_told_above),
    # Where the station texts liaisons and not households: the liaisons alone (fix58a).
    "liaisons_time_told_above": Counted(liaisons_time_told_above, "k"),
    # A revision earlier than a wider outage's still keeping them dark: not texted to its
    # households, nor to the liaisons spared (``liaisons``: ``notifications.estimate_texts``).
    "not_texted_earlier": Composed(not_texted_earlier),
    # A wider outage's revision earlier than one within it keeps them dark (review46, 2).
    "not_texted_earlier_within": Composed(not_texted_earlier_within),
    "etr_held": _("Households are told %(at)s after %(until)s (one revised estimate in %(n)d min)"),
    # Held for its own households and liaisons and for those holding a wider outage's time
    # until different times (``notifications.estimate_texts``, fix58d): each said.
    "etr_held_apart": _(
        "Households and liaisons texted of it are told %(at)s after %(until)s, households told "
        "the outage above's time after %(until_above)s (one revised estimate in %(n)d min)"
    ),
    # The same where the station texts village liaisons and not households (review58, L1).
    "etr_held_liaisons": _(
        "Village liaisons are told %(at)s after %(until)s (one revised estimate in %(n)d min)"
    ),
    "etr_held_apart_liaisons": _(
        "Village liaisons texted of it are told %(at)s after %(until)s, liaisons told the "
        "outage above's time after %(until_above)s (one revised estimate in %(n)d min)"
    ),
}
