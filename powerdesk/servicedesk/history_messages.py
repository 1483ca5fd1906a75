"""The messages the system writes in a history, by code (``NOTES``), drawn and recognised by
``history_notes``: plain wordings, wordings that follow a count (``Counted``) and lines put
together from their data when shown (``Composed``); those too common to be recognised on any
line (``NARROW``) and the arguments that may themselves be messages (``NESTED``).
"""

from __future__ import annotations

from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from powerdesk.servicedesk.history_crew import CREW_NOTES
from powerdesk.servicedesk.history_outage import MOVED_WHY, OUTAGE_STEP_NOTES
from powerdesk.servicedesk.history_texts import TEXT_NOTES
from powerdesk.servicedesk.history_wordings import (
    Composed,
    Counted,
    calls_kept,
    cause_said,
    evidence_said,
    found_place,
    hotline_cards,
    households_reached,
    in_house_cause,
    items_said,
    liaison_named,
    outage_named,
    parts_said,
    photos_added,
    power_back_how,
)
from powerdesk.servicedesk.titles import OUTAGE_TITLE, PLANNED_TITLE

__all__ = ["NARROW", "NESTED", "NOTES", "Composed", "Counted"]


# The messages the system writes, by code. Arguments are data (a device's name, an order's
# number, a time written as figures, a kind's code), never words of a language; an argument
# may itself be a message (``note_part``), drawn in the same language.
NOTES: dict[str, Any] = {
    "joined_outage": _("Joined to the outage on %(device)s: the restore resolves it."),
    # A call's second matter (``second_order``): the fault order opened beside its own order.
    "second_matter_of": _(
        "Opened for the call of %(time)s: its note also says the power is off (the call's "
        "own order: %(number)s)."
    ),
    "second_matter_of_call": _(
        "Opened for the call of %(time)s: its note also says the power is off."
    ),
    "second_matter_too": _("Fault repair order %(number)s opened too, for the power off."),
    # The caller rang again about both while this fault order is open: not a second one.
    "second_matter_again": _(
        "The caller rang again at %(time)s, the power still off (the call's own order: "
        "%(number)s): told this order's number."
    ),
    "second_matter_again_call": _(
        "The caller rang again at %(time)s, the power still off: told this order's number."
    ),
    "outage_restored": _("Power is back (outage restored)."),
    # The outage's own order with no one of its own to call back, closed at the restore: its
    # callers are called back on the outage's list, or no one called (``aftercare``, walk40 5).
    "closed_callbacks_on_outage": _(
        "Closed: its callers are called back on the outage's callback list."
    ),
    "closed_nobody_to_call": _("Closed: no customer and no caller to call back."),
    # What was written at the outage's restore, on each order it resolved (``aftercare``).
    "crew_restore_note": _("%(crew)s at the restore: %(note)s"),
    "restore_note": _("Written at the restore: %(note)s"),
    "accepted": _("The crew accepted the job"),
    # An order joined to an outage at its crew's stage (``outages.crew_stage``): opened while
    # the crew is on the way or on site, or moved by the crew's step on the outage's job.
    "crew_stage_on_the_way": _(
        "The outage's crew %(crew)s is already on the way (work order %(number)s): this order "
        "is with it."
    ),
    "crew_stage_on_site": _(
        "The outage's crew %(crew)s has been on site since %(time)s (work order %(number)s): "
        "this order is with it."
    ),
    "crew_stage_followed": _("As the outage's crew %(crew)s on work order %(number)s."),
    # A step kept on the phone without signal for a card of the outage's that no longer stood
    # for its job (``crew_sync``): taken on the job, said where and when it was made.
    "step_from_card": _(
        "The crew's step at %(time)s was kept on the phone for the card of work order "
        "%(number)s, which no longer stood for the outage's job: recorded on this job."
    ),
    "paused_for": _("paused for %(n)s min"),
    "found_open": _("Found open: %(device)s"),
    # A device off the line of the order's households, confirmed by the crew (crew_device_path).
    "device_elsewhere": _(
        "The crew confirmed the fault was at %(device)s (%(code)s), which is not on the line "
        "of %(transformer)s: the account on the order may be wrong."
    ),
    # ... confirmed in the office, as it resolved the order (``views_orders``).
    "device_elsewhere_office": _(
        "Confirmed as the order was resolved: the fault was at %(device)s (%(code)s), which is "
        "not on the line of %(transformer)s; the account on the order may be wrong."
    ),
    # The same on an order with no account (a liaison's report, a caller not found), placed by
    # its village group or its village: that place may be wrong (``crew_device_path``).
    "device_elsewhere_group": _(
        "The crew confirmed the fault was at %(device)s (%(code)s), which is not on the line "
        "of %(transformer)s: the village group on the order may be wrong."
    ),
    "device_elsewhere_village": _(
        "The crew confirmed the fault was at %(device)s (%(code)s), which is not on the line "
        "of %(transformer)s: the village on the order may be wrong."
    ),
    "device_elsewhere_office_group": _(
        "Confirmed as the order was resolved: the fault was at %(device)s (%(code)s), which is "
        "not on the line of %(transformer)s; the village group on the order may be wrong."
    ),
    "device_elsewhere_office_village": _(
        "Confirmed as the order was resolved: the fault was at %(device)s (%(code)s), which is "
        "not on the line of %(transformer)s; the village on the order may be wrong."
    ),
    "cause_found": _("Cause found: %(cause)s"),
    # Its cause inside the customer's house (``cause_found``'s argument): the kind, then the words.
    "in_house_cause": Composed(in_house_cause),
    "expected_back": _("Power expected back: %(time)s"),
    "promise_kept": _("Promise kept: %(text)s"),
    # Kept while the order's power was still off: what was done instead of power back.
    "promise_kept_power_off": _(
        "Promise kept while the power was still off: %(text)s; what was done: %(reason)s"
    ),
    "promise_broken": _("Promise broken: %(text)s"),
    # Said kept with the time it was done (walk74 finding 7): on time, or after its time; a
    # promise the system had broken corrected (its broken line stays above).
    "promise_kept_at": _("Promise kept at %(time)s: %(text)s"),
    "promise_kept_late": _("Promise kept late, at %(time)s (due %(due)s): %(text)s"),
    "promise_kept_corrected": _(
        "Recorded not kept, corrected: the promise was kept at %(time)s (due %(due)s): %(text)s"
    ),
    # Broken by the escalation job, its time passed with the promise still open.
    # Broken by hand, with the clerk's reason.
    "promise_broken_why": _("Promise broken: %(text)s (why: %(reason)s)"),
    "promise_broken_late": _("Promise broken, its time passed (by the system): %(text)s"),
    "planned_cancelled": _("The planned outage was cancelled: %(reason)s"),
    "promise_made": _("Promise: %(text)s (by %(time)s)"),
    "hard_problem_linked": _("Linked to the hard problem: %(title)s"),
    # A hazard in the area of an outage sent to the outage's crew (``outages.hazards``): on the
    # hazard's order, and on the outage.
    "hazard_to_outage_crew": _(
        "Sent to %(crew)s, the crew of the outage on %(device)s: the danger is in its area"
    ),
    # The dispatch undone: the line names the crew the job was taken from (walk39, 6), with
    # what was typed as it was done.
    "crew_called_back": _("Dispatch to %(crew)s withdrawn"),
    "crew_called_back_note": _("Dispatch to %(crew)s withdrawn: %(note)s"),
    # A crew sent to a job it was taken off before (A → B → A, or called back and sent again):
    # a work order's "dispatched" line and an outage's (``sent_again``; walk61 M2).
    "crew_sent_again": _("Sent again: %(name)s (the earlier withdrawal no longer holds)"),
    "hazard_sent_to_crew": _("Hazard work order %(number)s in its area sent to %(crew)s"),
    # Its owner's work at the station ended: the order is the station's again, with no owner
    # (``handback.work_hand_back``), the administrator's reason kept.
    "handed_back": _(
        "Handed back to the station: %(person)s's work here ended (%(reason)s); without an "
        "owner now"
    ),
    # Work without an owner taken on (我来负责), or given to someone (``ownership``).
    "owner_taken": _("%(person)s took it on (the owner now)"),
    "owner_given": _("Given to %(person)s (the owner now)"),
    # An outreach visit still planned: one of its staff, whose work at the station ended, taken
    # off it (``handback.work_hand_back``; the reason is the ending's, in the audit trail).
    "visit_staff_left": _("%(person)s is off this outreach: their work at the station ended"),
    "photo": _("Photo %(name)s"),
    # Photos added on the order's page (``order_photos.work_order_photos_add``): one line for all.
    "photos_added": Counted(photos_added, "n"),
    # A callback: the customer not reached, or to be called again; a reached one that was
    # unhappy reopens the order (its reason typed, or "still not fixed", "score 2").
    "callback_not_reached": _("Callback, not reached: %(comment)s"),
    "callback_retry": _("Callback, to retry later: %(comment)s"),
    "callback_reopened": _("Callback: %(reason)s"),
    # Unhappy (a score of 1 or 2) with the problem solved: not reopened, the chief reviews it.
    "callback_to_review": _(
        "Callback: %(reason)s. The problem is solved, so the order stays done; the station "
        "chief is told, to review it."
    ),
    # What came of an unhappy callback, in the notice to the chief and the owner (review46, 6):
    # reopened (no crew on it: one is to be sent again; a complaint or a bill: the desk takes it
    # up again), or done and to be reviewed.
    "unhappy_reopened": _("reopened: still not fixed, a crew to send again"),
    "unhappy_reopened_desk": _("reopened: still not solved, the desk takes it up again"),
    "unhappy_to_review": _("solved but unhappy, for review"),
    # Why a reached customer's callback reopened the order (unless they said why themselves).
    "callback_still_not_fixed": _("still not fixed"),
    "callback_score": _("score %(n)s"),
    # An outage recorded from the engine's prediction at intake (``call_take``).
    "recorded_at_intake": _(
        "Outage on %(device)s recorded from the engine's prediction at intake by %(who)s, "
        "from the call of %(call)s."
    ),
    # Who did it when no person did (an outage recorded at intake from the API).
    "the_system": _("the system"),
    # A household's answer by text after a restore (``notifications.power_back_answers``).
    "sms_power_back": _(
        "By text message from %(number)s (%(id)s) at %(time)s: power is back (replied 1)."
    ),
    "sms_still_off": _("By text message: still no power after the restore."),
    # The same answers after a step of an outage still open (``notifications.step_answers``).
    "sms_power_back_step": _(
        "Power back at a step of the outage on %(device)s: said by text message from "
        "%(number)s (%(id)s) at %(time)s (replied 1)."
    ),
    "sms_still_dark_step": _(
        "By text message: still no power after power came back in its area at %(time)s (a step "
        "of the outage on %(device)s): a fault of the house or of a fuse below; taken out of "
        "the outage."
    ),
    # The caller had no order of their own on the outage: one was opened for the house.
    "sms_still_dark_step_opened": _(
        "By text message: still no power after power came back in its area at %(time)s (a step "
        "of the outage on %(device)s): a fault of the house or of a fuse below; opened apart "
        "from the outage."
    ),
    "still_dark_said": _(
        "%(name)s (%(account)s) replied by text that their power is still off though their "
        "area's is back: likely a fault of the house or a fuse below; work order %(number)s"
    ),
    # The same with no order for the house (the call was logged already).
    "still_dark_said_no_order": _(
        "%(name)s (%(account)s) replied by text that their power is still off though their "
        "area's is back: likely a fault of the house or a fuse below"
    ),
    # An outage's history (written in the station's language, recognised when shown).
    "outage_dispatched": _("%(crew)s; work order %(number)s opened for the crew"),
    # Orders made urgent, and crews told or not (``history_crew``).
    **CREW_NOTES,
    # Power back in part of an outage, and liaisons' reports of it checked (``history_outage``).
    **OUTAGE_STEP_NOTES,
    # What households and liaisons were texted, or spared, about an outage (``history_texts``).
    **TEXT_NOTES,
    # Recorded from the engine's prediction: what it saw, at intake from whose call, moved.
    "engine_evidence": Composed(evidence_said),
    "recorded_from_call": _("recorded at intake from the call of %(call)s"),
    "moved_feeder": _("(another feeder: %(from)s → %(to)s, confirmed by staff)"),
    # What the crew found: the kind of cause (its code) and the crew's own words.
    "outage_cause": Composed(cause_said),
    # How power came back to a fault outage no crew was sent to (``outages.power_back_how``).
    "power_back_how": Composed(power_back_how),
    # Where the crew found the fault: the place's key and name, and the kind of cause.
    "found_place": Composed(found_place),
    "span": _("%(line)s span %(upper)s–%(lower)s"),
    "calls_kept": Counted(calls_kept, "n"),
    # A planned outage's history.
    "planned_started": _("started"),
    "planned_finished": _("finished at the end of its window"),
    "notice_before": _("before: %(text)s"),
    "notice_kept": _("(what to tell callers is kept as staff wrote it: check its date)"),
    "short_announce": _("%(ahead).1f days ahead (the notice is %(days)d days): %(reason)s"),
    "reminder_skipped": _(
        "not sent: the households were texted its window at %(time)s, less than a day "
        "before, and would get two texts within a day"
    ),
    # A work order's caller named once the call is linked to a customer.
    "caller_identified": _("Caller identified: %(name)s (%(account)s)"),
    # Parts of one line, joined in the reader's way (``sep``: list, clause, space, dot), and a
    # list of items (order numbers, device codes).
    "parts": Composed(parts_said),
    "items": Composed(items_said),
    # An outage's work order opened (the order's title: "停电：…", "Outage: …").
    "outage_title": _(OUTAGE_TITLE),
    # A planned outage's job opened ("计划检修：…", "Planned work: …").
    "planned_title": _(PLANNED_TITLE),
    # A call joined to an order: the caller and what they said, with the label separator of
    # the language ("188 7049 5863：还是没电", "188 7049 5863: 还是没电").
    "call_joined": format_lazy(
        "{who}{separator}{text}",
        who="%(who)s",
        separator=pgettext_lazy("label separator", ": "),
        text="%(text)s",
    ),
    # A village's liaison log: an outage by its device and kind, a liaison by name and role,
    # a liaison added or no longer serving.
    "outage_named": Composed(outage_named),
    "liaison_named": Composed(liaison_named),
    "liaison_added": _("Liaison added: %(liaison)s %(phone)s"),
    "liaison_retired": _("No longer a liaison: %(liaison)s (%(reason)s)"),
    # A liaison told of an outage: its device, then what was said, with the language's own
    # separator ("：" in Chinese: walk76, L10, an ASCII colon was written into the line).
    "liaison_told_outage": format_lazy(
        "{device}{separator}{words}",
        device="%(device)s",
        separator=pgettext_lazy("label separator", ": "),
        words="%(words)s",
    ),
    # An outreach visit's history.
    "households_reached": Counted(households_reached, "n"),
    "hotline_cards": Counted(hotline_cards, "n"),
    # A visit recorded done on another day than the one it was planned for (walk71, L9).
    "visit_done_on": _("done on %(done)s, planned for %(planned)s"),
    "visit_day_corrected": _("the day corrected to %(done)s (was %(planned)s)"),
    # An arrears case's history.
    "arrears_notice_sent": _("written notice sent by text message, waiting for delivery"),
    "arrears_amount": _("amount owed now ¥%(after)s (was ¥%(before)s)"),
    "arrears_amount_why": _("amount owed now ¥%(after)s (was ¥%(before)s): %(why)s"),
    "arrears_block_lifted": _(
        "medical-need block of the check's words lifted after a visit by %(by)s on %(at)s "
        "(no one at home depends on power for life): %(found)s"
    ),
    # What the household says after its check, read as its words (``arrears.words_later``).
    "arrears_household_said": _("the household says: %(words)s"),
    "arrears_call_said": _("the household rang from %(number)s at %(at)s: %(words)s"),
    "arrears_liaison_said": _(
        "the village liaison %(liaison)s rang from %(number)s, a number the household shares, "
        "at %(at)s: %(words)s"
    ),
    "arrears_approval_withdrawn": _(
        "the earlier approval withdrawn with the block lifted: the chief approves again, "
        "with the reason written"
    ),
}

# Messages whose wording is too common to be recognised on any line (a typed "更换：表箱" is
# not a joined call, a typed "仍未解决" not the system's reason): recognised only where the
# caller names them (``note_shown(also=…)``).
NARROW = frozenset(
    {
        *MOVED_WHY,
        "call_joined",
        "liaison_told_outage",  # "<device>：<words>" is any typed "更换：表箱的锁"
        "callback_still_not_fixed",
        "callback_score",
        "unhappy_reopened",
        "unhappy_reopened_desk",
        "unhappy_to_review",
        "the_system",
        "recorded_from_call",
        "moved_feeder",
        "span",
        "calls_kept",
        "planned_started",
        "planned_finished",
        "notice_before",
        "notice_kept",
        "short_announce",
        "already_told",
        "already_told_above",
        "still_out",
        "still_open_told",
        "inner_still_on",
        "later_time_told",
        "later_time_told_above",
        "inner_time_told_above",
        "liaisons_time_told_above",
        "not_texted_earlier",
        "not_texted_earlier_within",
        "held_planned",
        "held_other",
    }
)


# Arguments of a message that may themselves be messages (a reopened order's reason: "still
# not fixed", "score 2", unless the customer's own words): on a line stored before the codes,
# recognised among these too.
NESTED: dict[str, dict[str, tuple[str, ...]]] = {
    "callback_reopened": {"reason": ("callback_still_not_fixed", "callback_score")},
    "recorded_at_intake": {"who": ("the_system",)},
}
