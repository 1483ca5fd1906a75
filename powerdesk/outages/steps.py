"""The steps of an outage's history in words, and which of them say where the repair is: the
board, the outage's page and the map read them alike."""

from __future__ import annotations

import functools

from django.utils import translation
from django.utils.translation import gettext as _

__all__ = ["NOT_A_STATE", "ON_SITE_STEPS", "STANDINGS", "STATE_STEPS", "step_label"]


def step_label(what: str) -> str:
    """An ``OutageEvent.what`` in words."""
    labels = _step_labels(translation.get_language() or "")
    if what in labels:
        return labels[what]
    from powerdesk.outages.planned import event_label  # a planned outage's moves and notices

    return event_label(what)


@functools.cache
def _step_labels(language: str) -> dict[str, str]:
    """The steps' words in ``language`` (the active one), looked up once, not for each step of
    each outage on the board."""
    return {
        "announced": _("announced"),
        "active": _("recorded: power off"),
        # Staff recorded the engine's prediction (the board's *confirm*): a record now, not yet
        # seen by a crew; "confirmed" is kept for what a crew saw on site.
        "confirmed": _("recorded from the engine's prediction"),
        "dispatched": _("crew dispatched"),
        # The crew called back, none sent instead (``recall``: walk61 M5).
        "crew_recalled": _("crew called back"),
        "on_the_way": _("crew on the way"),
        "patrolling": _("patrolling the line"),
        "on_site": _("crew on site"),
        "estimate_held": _("revised estimate held back"),
        "cause_found": _("cause found"),
        "found_here": _("fault found here"),
        "estimated": _("expected restoration set"),
        # The model's estimate moved by a step, and why (``estimate_moved``).
        "estimate_moved": _("estimated restoration moved"),
        "partly_restored": _("partly restored"),
        "restored": _("restored"),
        "closed": _("closed"),
        "orders_joined": _("callers' work orders joined"),
        "calls_joined": _("calls kept for it joined"),
        "already_told": _("households already told not texted again"),
        "still_out": _("households still off not told power is back"),
        "still_open_told": _("households told it is still open"),
        # Households texted an earlier time by an outage inside this one, texted its later time
        # (``notifications.outage_known``: walk41, 3).
        "later_time_told": _("households told its later time"),
        # Households a wider outage keeps dark until later not texted this one's earlier time,
        # nor their villages' liaisons (``notifications.estimate_texts``).
        "estimate_spared": _("households dark until later not texted its earlier time"),
        # A village liaison said power is back in their group (``community.liaison``).
        "liaison_on": _("power back, said by a village liaison"),
        # ... of an outage inside this one, while this one is still recorded as off (walk44, 2).
        "liaison_on_inside": _("power back inside it, said by a village liaison: to be checked"),
        # ... checked by the station: the report was wrong (``liaison_checked``).
        "liaison_wrong": _("a village liaison's report of power back checked: wrong"),
        "inner_still_on": _("restored, an outage within it still on"),
        # A caller asked after a step replied that their power is still off
        # (``notifications.step_answers``).
        "still_dark_said": _("a household still off though its area's power is back"),
        # A danger reported in its area (a line down) sent to its crew (``outages.hazards``).
        "hazard_sent": _("hazard order sent to its crew"),
        # Power came back with no crew sent: how (``outages.power_back_how``).
        "power_back_how": _("how power came back"),
        # The crew it was taken off told by text message, as it was of the dispatch (walk40, 6).
        "crew_told_off": _("crew told by text message the job is no longer theirs"),
        # A crew found nothing: the power on at arrival (``power_found_on``), confirmed no
        # interruption by the office, or a patrol place with nothing wrong (walk64, M1).
        "power_found_on": _("power found on at arrival"),
        "not_interruption": _("confirmed no interruption"),
        "interruption_again": _("confirmation of no interruption undone"),
        "nothing_here": _("patrolled, nothing found"),
        # The chief gave up a household's callback nobody reached, or put it back on the list
        # (``outage_callback_record``): the household and why.
        "callback_given_up": _("callback given up"),
        "callback_put_back": _("callback given up put back on the list"),
        # A household of its list called back on its own order by the same call: who, when,
        # the order (``callbacks_household.order_callback_settles_list``; review68 L8).
        "callback_by_order": _("called back on the household's own order"),
        # A try at calling a household of its list (``outage_callback_record``): the household,
        # what came of it, the note; who and when are the line's.
        "callback_tried": _("household called back"),
    }


# Every step of an outage's history is one of these two (``tests/test_outage_steps.py`` finds
# each step the code records and checks it is labelled and sorted).
# Steps that say where the outage or its repair is: the board's row states the last of them.
STATE_STEPS = frozenset(
    {
        "announced",
        "active",
        "confirmed",
        "dispatched",
        "crew_recalled",
        "on_the_way",
        "patrolling",
        "on_site",
        "cause_found",
        "found_here",
        "partly_restored",
        "restored",
        "closed",
        # A planned outage's: called off, announced at short notice, moved.
        "cancelled",
        "short_announce",
        "rescheduled",
        "short_notice",
    }
)
# Steps that say nothing of where the repair is (a time set, a message held back or not sent
# again, what callers are told, a report from a village): the row's state stays at the step
# before them.
NOT_A_STATE = frozenset(
    {
        "callback_given_up",
        "callback_put_back",
        "callback_by_order",
        "callback_tried",
        "estimated",
        "estimate_moved",
        "estimate_held",
        "orders_joined",
        "calls_joined",
        "already_told",
        "still_out",
        "still_open_told",
        "later_time_told",
        "estimate_spared",
        "liaison_on",
        "liaison_on_inside",
        "liaison_wrong",
        "inner_still_on",
        "still_dark_said",
        "hazard_sent",
        "power_back_how",
        "crew_told_off",
        "notice",
        "reminder_skipped",
        "power_found_on",
        "not_interruption",
        "interruption_again",
        "nothing_here",
    }
)
# Steps a crew records at the place: once one is in the history, the outage is confirmed on
# site by a crew (not only recorded by the office from the calls and meters).
ON_SITE_STEPS = frozenset({"on_site", "cause_found", "found_here", "partly_restored"})

# How sure the station is of a row, in three words used alike on the board, the map and the
# home page: the engine's prediction nobody has recorded (from calls and meters, or signals of
# SCADA or a crew), an outage recorded by the office, and one a crew confirmed at the place.
STANDINGS = ("predicted", "recorded", "on_site")
