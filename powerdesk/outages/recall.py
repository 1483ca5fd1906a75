"""An outage's crew called back (walk61 M5): sent to the wrong outage, or needed at a more urgent
one, it was only to be replaced by another crew. Taken by those who may call a crew back from a
work order (``workflow.step_permission``: the dispatch's right), as a work order's recall is:
the crew told by text (when its dispatch was texted) and in PowerDesk that the job is no longer
theirs, a line of the outage's history, and the outage without a crew on the board (its orders
back to received, for the next crew sent)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import require
from powerdesk.outages.history import outage_history_add
from powerdesk.outages.joined import outage_link
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import WorkOrderStatus as S
from powerdesk.servicedesk.workflow import step_permission

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = ["RECALLED", "outage_recall"]

# The outage's history step of a crew called back (``steps``: a state, the board's row says
# the outage has no crew from then).
RECALLED = "crew_recalled"


@transaction.atomic
def outage_recall(*, outage: Outage, user: User | None) -> Outage:
    """Call the outage's crew back: its orders on the way go back to received, with no crew;
    refused once the crew is on site (it is working there: send another crew instead), and for
    an outage with no crew (called back already: a double click stores one line)."""
    from powerdesk.servicedesk.services import work_order_transition

    require(user, outage.station_id, step_permission(S.RECEIVED))
    link = OutageLink.objects.select_for_update().filter(pk=outage_link(outage).pk).get()
    crew = link.crew
    if crew is None:
        raise OutageError(_("No crew is on this outage: there is none to call back."))
    if outage.status not in (Outage.Status.ACTIVE, Outage.Status.ANNOUNCED):
        raise OutageError(_("Only an outage not yet restored has a crew to call back."))
    theirs = link.work_orders.filter(crew=crew)
    if theirs.filter(status=S.ON_SITE).exists():
        raise OutageError(
            _("%(crew)s is on site and working there: send another crew instead.")
            % {"crew": crew.name}
        )
    from powerdesk.notifications.staff_notices import notify_crew_taken_off

    # Told as a work order's recall tells it (``order_steps``): in PowerDesk, and by text
    # when its dispatch was texted, once; before its orders leave it, so that the text names
    # the crew's job by its number (walk42, 3).
    texted = notify_crew_taken_off(
        crew=crew,
        by_crew=None,
        outage=outage,
        key=f"outage:{outage.pk}:recall:{crew.pk}:{timezone.now().timestamp()}",
    )
    for order in theirs.filter(status__in=(S.DISPATCHED, S.ON_THE_WAY)):
        work_order_transition(work_order=order, to_status=S.RECEIVED, user=user, for_outage=outage)
    link.crew = None
    link.save(update_fields=["crew"])
    outage_history_add(outage, user, RECALLED, said=note_said("crew_called_back", crew=crew.name))
    if texted:
        outage_history_add(
            outage, user, "crew_told_off", said=note_said("crew_told_taken_off", crew=crew.name)
        )
    return outage
