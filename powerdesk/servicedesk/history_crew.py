"""The history lines of orders made urgent and of what their crews were told, or could not be
told (``repeats``, ``outages.life``, ``notifications.staff_notices``), by code; part of
``history_messages.NOTES`` (in its place there: the order of the codes is the order lines are
recognised in)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

__all__ = ["CREW_NOTES"]

CREW_NOTES: dict[str, Any] = {
    # An urgent call joined a routine order as a repeat call (``repeats.repeat_made_urgent``).
    "made_urgent": _(
        "Made urgent by a repeat call (a danger or a medical need): the crew is due on site by "
        "%(time)s"
    ),
    "made_urgent_no_arrival": _("Made urgent by a repeat call (a danger or a medical need)"),
    # A caller's order became the crew's job of an outage (``outages.life``): urgent for it.
    "made_urgent_outage": _("The crew's job of the outage on %(device)s: made urgent for it"),
    # ... and its time to arrive by kept, the fault's commitment (walk72, 3: ``arrive_said``).
    "made_urgent_outage_due": _(
        "The crew's job of the outage on %(device)s: made urgent for its households. The crew "
        "is still due on site by %(time)s, the fault repair commitment: the hazard's shorter "
        "time is for a danger or a medical need told by a caller"
    ),
    # ... and titled as the outage's own job, the call's title kept here (walk43, 5).
    "retitled_outage_job": _(
        "The crew's job of the outage on %(device)s: titled as the outage's job (its title "
        "before: %(before)s)"
    ),
    "resumed_urgent": _(
        "The clock runs again after %(n)s min paused: an urgent call (a danger or a medical "
        "need) does not wait"
    ),
    # Its crew, already on the way, told by text message (``repeats._crew_told``).
    "crew_told_urgent": _("%(crew)s told by text message that the order is now urgent"),
    # A job taken off a crew whose dispatch was texted: told by text too (walk40, 6;
    # ``staff_notices.notify_crew_taken_off``).
    "crew_told_taken_off": _("%(crew)s told by text message that the job is no longer theirs"),
    # The order was urgent already and a call brought a reason of its own (walk40, 3).
    "crew_told_urgent_added": _(
        "%(crew)s told by text message of a new urgent reason on the order"
    ),
    # The order was urgent already and a call named again a reason it had (another house
    # with an oxygen machine): told of the call, not of a new reason.
    "crew_told_urgent_again": _(
        "%(crew)s told by text message of another urgent call on the order"
    ),
    # No text could go to the crew on the way (``crew_reach.crew_not_texted``): the clerk is
    # told at intake (``repeats.crew_not_told_at_intake``). Said for what the text would have
    # told: the order now urgent, a new reason on it, another urgent call on it.
    "crew_not_told_urgent": _(
        "No text message to %(crew)s that the order is now urgent (no number that takes it): "
        "ring the crew"
    ),
    "crew_not_told_urgent_added": _(
        "No text message to %(crew)s of a new urgent reason on the order (no number that "
        "takes it): ring the crew"
    ),
    "crew_not_told_urgent_again": _(
        "No text message to %(crew)s of another urgent call on the order (no number that "
        "takes it): ring the crew"
    ),
    # No crew was sent to the outage, but one was already on a caller's order it took in
    # (``outages.crew.outage_take_joined_crew``): that crew works the outage.
    "crew_already_on": _("%(crew)s, already on work order %(number)s, works the outage"),
}
