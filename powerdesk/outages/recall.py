"""An outage's crew called back (walk61 M5): sent to the wrong outage, or needed at a more urgent
one, it was only to be replaced by another crew. Taken by those who may call a crew back from a
work order (``workflow.step_permission``: the dispatch's right), as a work order's recall is:
the crew told by text (when its dispatch was texted) and in PowerDesk that the job is no longer
theirs, a line of the outage's history, and the outage without a crew on the board (its orders
back to received, for the next crew sent).

Asked from the outage board, from the page of a work order that follows the outage, and by the
API (``outages.api_crew``): one service, one answer (``Recall``) that each says the same way
(``recall_said``). A double submit, or a retry, stores one recall and answers what is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Crew
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

__all__ = ["RECALLED", "Recall", "outage_recall", "recall_said"]

# The outage's history step of a crew called back (``steps``: a state, the board's row says
# the outage has no crew from then).
RECALLED = "crew_recalled"
# The key of a recall line's ``note_args`` holding the id of the crew called back (the name
# is the line's words), as a "dispatched" line keeps the crew sent (``life.SENT_CREW``).
RECALLED_CREW = "crew_id"


@dataclass(frozen=True)
class Recall:
    """What a recall did: the outage as it is now; the crew called back (None: an older recall
    line that named no crew by id); whether it was texted, and whether any of its members was
    told in PowerDesk; ``already``: called back before (a double submit, a retry), nothing was
    stored nor told now."""

    outage: Outage
    crew: Crew | None
    texted: bool = False
    told_in_app: bool = False
    already: bool = False


@transaction.atomic
def outage_recall(*, outage: Outage, user: User | None, crew: Crew | None = None) -> Recall:
    """Call the outage's crew back (the one sent to it, else the crew on one of its callers'
    joined orders, as the board shows it): its orders on the way go back to received, with no crew;
    refused once the crew is on site (it is working there: send another crew instead), for an
    outage restored, and for one that never had a crew. ``crew``: the crew the asker saw on it
    (the page's, the API's), so that a page drawn before another crew was sent never calls the
    new one back. Called back already (no crew since its last recall, or ``crew`` is the one
    called back last): nothing stored nor told, ``Recall.already``."""
    from powerdesk.servicedesk.services import work_order_transition

    require(user, outage.station_id, step_permission(S.RECEIVED))
    # Everything read under the lock (review61 L3): the crew on it, the outage's state.
    link = (
        OutageLink.objects.select_for_update(of=("self",))
        .select_related("crew")
        .filter(pk=outage_link(outage).pk)
        .get()
    )
    outage = Outage.objects.select_related("device", "station").get(pk=outage.pk)
    # The crew the board shows (``crew.outage_crew``): the one sent to the outage, else one on
    # a caller's order joined to it (none sent to the outage itself: fix67c, 2).
    on_it = link.crew or _joined_crew(outage, crew)
    if on_it is None or (crew is not None and crew.pk != on_it.pk):
        return _recalled_before(outage, on_it, crew)
    if outage.status not in (Outage.Status.ACTIVE, Outage.Status.ANNOUNCED):
        raise OutageError(_("Only an outage not yet restored has a crew to call back."))
    theirs = link.work_orders.filter(crew=on_it)
    if theirs.filter(status=S.ON_SITE).exists():
        raise OutageError(
            _("%(crew)s is on site and working there: send another crew instead.")
            % {"crew": on_it.name}
        )
    from powerdesk.notifications.staff_notices import crew_told_in_app, notify_crew_taken_off

    told_in_app = crew_told_in_app(on_it)
    # Told as a work order's recall tells it (``order_steps``): in PowerDesk, and by text
    # when its dispatch was texted, once; before its orders leave it, so that the text names
    # the crew's job by its number (walk42, 3).
    texted = notify_crew_taken_off(
        crew=on_it,
        by_crew=None,
        outage=outage,
        key=f"outage:{outage.pk}:recall:{on_it.pk}:{timezone.now().timestamp()}",
    )
    for order in theirs.filter(status__in=(S.DISPATCHED, S.ON_THE_WAY)):
        work_order_transition(work_order=order, to_status=S.RECEIVED, user=user, for_outage=outage)
    from powerdesk.outages.estimate_moved import estimate_watched

    # The model's estimate the crew's distance moves is said why (``estimate_moved``).
    with estimate_watched(outage, user, "moved_recalled"):
        if link.crew is not None:
            link.crew = None
            link.save(update_fields=["crew"])
        said = note_said("crew_called_back", crew=on_it.name)
        said["note_args"][RECALLED_CREW] = on_it.pk  # which crew, renamed since or not
        outage_history_add(outage, user, RECALLED, said=said)
    if texted:
        outage_history_add(
            outage, user, "crew_told_off", said=note_said("crew_told_taken_off", crew=on_it.name)
        )
    return Recall(outage, on_it, texted=texted, told_in_app=told_in_app)


def _joined_crew(outage: Outage, asked: Crew | None) -> Crew | None:
    """Of an outage no crew was sent to, the crew on its joined orders still to do that the
    board shows (``outage_crews``' first), or ``asked`` when it is one of them; None if none."""
    from powerdesk.outages.crew import outage_crews

    crews = outage_crews(outage)
    if asked is not None and asked in crews:
        return asked
    return crews[0] if crews else None


def _recalled_before(outage: Outage, on_it: Crew | None, asked: Crew | None) -> Recall:
    """The recall asked of ``outage`` whose crew is not the one asked (``on_it``: None, or
    another): done already when its last crew step is a recall of the crew asked (of any, when
    none was named), else refused, saying which crew is on it."""
    last = (
        outage.events.filter(what__in=("dispatched", RECALLED))
        .order_by("-pk")
        .values_list("what", "note_args")
        .first()
    )
    if last is not None and last[0] == RECALLED:
        args = last[1] if isinstance(last[1], dict) else {}
        crew_id = args.get(RECALLED_CREW)
        if on_it is None and (asked is None or crew_id in (None, asked.pk)):
            if asked is None and crew_id is not None:
                asked = Crew.objects.filter(pk=crew_id).first()
            return Recall(outage, asked, already=True)
    if on_it is None:
        raise OutageError(_("No crew is on this outage: there is none to call back."))
    assert asked is not None  # on_it is not the crew asked
    raise OutageError(
        _("%(asked)s is no longer on this outage: %(crew)s is (sent since). Nothing was changed.")
        % {"asked": asked.name, "crew": on_it.name}
    )


def recall_said(recall: Recall) -> tuple[int, str]:
    """What the dispatcher is told of ``recall``: the level of the message (``messages``'
    success, info or warning) and its words, on the board and the order's page alike."""
    words = {"crew": recall.crew.name if recall.crew is not None else _("the crew")}
    if recall.already:
        return messages.INFO, _("The dispatch to %(crew)s is already withdrawn.") % words
    if recall.texted:
        return messages.SUCCESS, _(
            "The dispatch to %(crew)s is withdrawn; the crew is told by text message and in "
            "PowerDesk."
        ) % words
    if recall.told_in_app:
        return messages.SUCCESS, _(
            "The dispatch to %(crew)s is withdrawn; the crew is told in PowerDesk (its dispatch "
            "was not texted)."
        ) % words
    return messages.WARNING, _(
        "The dispatch to %(crew)s is withdrawn; nobody in the crew could be told in PowerDesk: "
        "ring the crew."
    ) % words
