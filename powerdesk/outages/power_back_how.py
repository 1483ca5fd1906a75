"""How power came back to a fault outage no crew was ever sent to (walkthrough 36, #12).

Restored from the board with no crew sent, an outage was taken without a word of how: a switch
re-closed from the dispatch centre, a crew the station did not record, or only callers saying
their lights are on again read alike afterwards. The board's "power is back" form asks it
(``outage_restore``'s ``how``: refused at its field when none is chosen); it is kept as a line
of the outage's history ("power came back with no crew sent: …") and said with the outage on
the outages page's list of those recently restored. Restoring an outage a crew was sent to asks
nothing more.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from powerdesk.outages.models import Outage, OutageEvent

__all__ = ["HOW_STEP", "PowerBackHow", "how_words", "no_crew_ever_sent", "power_back_line"]

# The outage's history line that says how (``OutageEvent.what``).
HOW_STEP = "power_back_how"


class PowerBackHow(models.TextChoices):
    REMOTE = "remote", _("a switch re-closed remotely, or by phone to the dispatch centre")
    CREW_NOT_RECORDED = "crew_unrecorded", _("a crew that was not recorded here")
    CUSTOMERS_SAID = "customers_said", _("customers said it came back")
    OTHER = "other", _("another way (say how in the note)")


def how_words(code: str) -> str:
    """A way power came back, in the reader's language ("" for none known)."""
    return str(PowerBackHow(code).label) if code in PowerBackHow.values else ""


def power_back_line(code: str) -> str:
    """The history's line of it, in the reader's language."""
    return gettext("Power came back with no crew sent: %(how)s") % {"how": how_words(code)}


def no_crew_ever_sent(outage: Outage) -> bool:
    """Whether no crew was ever sent to ``outage``: none sent to it (its history has no
    dispatch), none works it now (``outage_crews``), and none was on any order joined to it."""
    from powerdesk.outages.crew import outage_crews

    if outage.kind != Outage.Kind.UNPLANNED:
        return False
    if OutageEvent.objects.filter(outage=outage, what="dispatched").exists():
        return False
    if outage_crews(outage):
        return False
    return not _joined_orders_had_crew(outage)


def _joined_orders_had_crew(outage: Outage) -> bool:
    from powerdesk.servicedesk.models import WorkOrder

    return WorkOrder.objects.filter(outage_links__outage=outage, crew__isnull=False).exists()
