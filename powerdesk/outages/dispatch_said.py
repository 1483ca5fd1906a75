"""What the dispatcher is told of a crew sent to an outage (``life.outage_dispatch``), on the
board and in the API's answer alike: sent, sent again after it was taken off, or on it already
(its waiting orders given it, if any)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerdesk.outages.life import ORDERS_GIVEN
from powerdesk.servicedesk.sent_again import AGAIN, ALREADY, sent_how

if TYPE_CHECKING:
    from powerdesk.accounts.models import Crew
    from powerdesk.outages.models import Outage

__all__ = ["dispatch_said"]


def dispatch_said(outage: Outage, crew: Crew) -> tuple[int, str]:
    """The level of the message (``messages``' success or info) and its words, for ``outage``
    as ``outage_dispatch`` returned it having sent ``crew``."""
    how = sent_how(outage)
    words = {"crew": crew.name, "device": outage.device}
    if how == ALREADY:  # nothing stored nor told (walk61 L1) but its waiting orders
        given = getattr(outage, ORDERS_GIVEN, 0)
        return messages.INFO, (
            ngettext(
                "%(crew)s is already working this outage; %(n)d order waiting is given it.",
                "%(crew)s is already working this outage; %(n)d orders waiting are given it.",
                given,
            )
            % {**words, "n": given}
            if given
            else _("%(crew)s is already working this outage.") % words
        )
    if how == AGAIN:
        return messages.SUCCESS, _(
            "%(crew)s is sent again to %(device)s (the earlier withdrawal no longer holds)."
        ) % words
    return messages.SUCCESS, _("%(crew)s is sent to %(device)s.") % words
