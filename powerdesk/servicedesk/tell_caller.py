"""What the clerk tells a caller under an outage, saying only what is known (as the public page
does): a prediction nobody recorded is being checked; a recorded outage with no crew sent has a
crew being arranged; a crew is named only once it is sent; a time only when one is set.
Composed in the page's language (never stored)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from powerdesk.outages.crew import CrewState, outage_crew, outage_crew_state
from powerdesk.servicedesk.models import WorkOrder, WorkOrderStatus

if TYPE_CHECKING:
    from collections.abc import Mapping

    from powerdesk.customers.models import Customer
    from powerdesk.outages.models import Outage, PredictedOutage

__all__ = [
    "hazard_tell",
    "outage_latest",
    "power_on_tell",
    "tell_about_outage",
    "tell_about_prediction",
    "tell_for_the_call",
]

# A crew sent to a caller below a prediction, and not back yet.
_SENT = (WorkOrderStatus.DISPATCHED, WorkOrderStatus.ON_THE_WAY, WorkOrderStatus.ON_SITE)


def hazard_tell() -> str:
    """What a caller who reports a danger is told, under an outage or not: the danger is its own
    urgent order (never "we will call you back when the power is back": walk38, 1)."""
    return _(
        "The danger is taken as an urgent work order of its own: a crew is coming to make it "
        "safe, and we will call you back. Keep everyone away from it until then."
    )


def power_on_tell() -> str:
    """What the clerk notes for a caller who says they have power, under an outage or a
    prediction: no outage script (walk38, 2); their word will count for the power on there once
    the call is saved (shown before saving: never "has been recorded", walk40, 8; the message
    after saving says it was, ``intake_said.power_said_on_told``)."""
    return _(
        "The caller says they have power: no outage script to read. Once the call is saved, "
        "their word will be taken as a sign that the power is on at their place."
    )


def tell_for_the_call(
    *,
    category: str,
    text: str,
    outage: Outage | None = None,
    prediction: PredictedOutage | None = None,
    joins: bool | None = None,
) -> str:
    """The "tell the caller" line for a call under ``outage`` (or the engine's ``prediction``),
    following what the call is about as the clerk has it (``category``, "" while not known,
    and the note): a danger is told its own script (``hazard_tell``); a caller who says the
    power is on at their place (``desk_signals.power_said_on``) gets no outage script; a call
    of another category than a fault is told the outage without the call back promised to the
    outage's callers (it does not join the outage); a fault call, or one not yet known, the
    outage's whole script. ``joins``, when given, is whether the call joins the outage as the
    clerk has it now (``intake_choices``: a fault call left to join it): the call back is
    promised then alone."""
    from powerdesk.outages.desk_signals import power_said_on
    from powerdesk.servicedesk.models import Category

    if category == Category.HAZARD:
        return hazard_tell()
    if power_said_on(text):
        return power_on_tell()
    if joins is None:
        joins = category in ("", Category.FAULT_REPAIR)
    if outage is not None:
        return tell_about_outage(outage, joins=joins)
    if prediction is not None:
        return tell_about_prediction(prediction, joins=joins)
    return ""


def wider_outage(nearest: Outage, customer: Customer) -> Outage | None:
    """The outage the caller is told of besides ``nearest`` (the one the call joins): the fault
    outage with the power off above them that ends last (``joined.outage_told_above``), when it
    is another. None when ``nearest`` is the one told."""
    from powerdesk.outages.joined import outage_told_above

    told = outage_told_above(customer)
    return told if told is not None and told.pk != nearest.pk else None


def tell_about_outage(outage: Outage, *, joins: bool = True) -> str:
    """The script under a recorded fault outage: staff's own words for callers if they wrote
    them, else where the repair is (``CrewState``), the time power is expected back if set;
    and (``joins``: a fault call, which joins the outage) that the caller is called back when
    the power is back."""
    device = outage.device
    state = outage_crew_state(outage)
    if outage.notice:
        return _staff_words_and_latest(outage, state)
    if state == CrewState.NONE:
        said = _("We know the power is off from %(device)s; the station is arranging a crew.") % {
            "device": device
        }
    else:
        found = outage_crew(outage)
        crew = found.name if found is not None else ""
        said = {
            CrewState.SENT: _("We know the power is off from %(device)s; %(crew)s has been sent."),
            CrewState.ON_THE_WAY: _(
                "We know the power is off from %(device)s; %(crew)s is on its way there."
            ),
            CrewState.ON_SITE: _(
                "We know the power is off from %(device)s; %(crew)s is on site repairing it."
            ),
        }[state] % {"device": device, "crew": crew}
    parts = [said]
    if outage.expected_restore_at is not None:
        at = timezone.localtime(outage.expected_restore_at)
        parts.append(_("Power is expected back around %(time)s.") % {"time": f"{at:%m-%d %H:%M}"})
    if joins:
        parts.append(_("Your call is recorded and we will call you back when the power is back."))
    return " ".join(parts)


def _staff_words_and_latest(outage: Outage, state: CrewState) -> str:
    """Staff's words for callers, then what is known now that they may not say
    (``outage_latest``): staff may have written "the crew has set out" before any was sent, or
    "back by 9" while the crew said 8 since; the clerk must not read the old words alone."""
    latest = outage_latest(outage, state)
    if not latest:
        return outage.notice
    return " ".join([outage.notice, _("Latest") + pgettext("label separator", ": ") + latest])


# The outage's history lines that say where its crew is, the newest said as "latest".
_CREW_STEPS = ("dispatched", "on_the_way", "on_site", "patrolling", "cause_found")
_FULL_STOP = chr(0x3002)  # the Chinese full stop, not doubled at the sentence's end
# A progress note longer than this is not read out to a caller (the page shows it whole).
SHORT_NOTE = 60


def outage_latest(
    outage: Outage,
    state: CrewState | None = None,
    *,
    held_by: Outage | None = None,
    held_at: dt.datetime | None = None,
) -> str:
    """The newest real state of ``outage``'s repair, said after staff's words for callers (the
    clerk's script, the village liaison's page): where the crew is and since when (sent, on
    its way, on site or patrolling the line since HH:MM, with the progress note when short),
    and the time power is expected back when staff's words do not already say it. Empty when
    there is nothing to add. ``held_by``: a wider outage still off above it that ends later
    (``liaison_back.held_by_wider``): the time said is its time (``held_at``; None while it has
    none), named, never ``outage``'s own earlier one (walk46, 3)."""
    if state is None:
        state = outage_crew_state(outage)
    step = (
        outage.events.filter(what__in=_CREW_STEPS)
        .order_by("-at", "-pk")
        .values("what", "at", "note", "note_code")
        .first()
    )
    found = outage_crew(outage) if state != CrewState.NONE else None
    crew = found.name if found is not None else ""
    parts = []
    if step is not None and step["what"] == "patrolling":
        parts.append(_patrolling(crew, step))
    elif state == CrewState.NONE:
        parts.append(_("No crew has been sent yet; the station is arranging one."))
    else:
        parts.append(_crew_said(state, crew, step, outage))
    if held_by is not None:
        parts.append(held_said(held_by, held_at))
    elif outage.expected_restore_at is not None:
        at = timezone.localtime(outage.expected_restore_at)
        if not _time_said(outage.notice, at):
            parts.append(
                _("Power is expected back around %(time)s.") % {"time": f"{at:%m-%d %H:%M}"}
            )
    return " ".join(parts)


def held_said(wider: Outage, at: dt.datetime | None) -> str:
    """When power is back under ``wider``, which ends later than the outage said: its time
    (``at``; None while it has none). One sentence for the clerk's script and the liaison's
    "Latest" line (``outage_latest``) and the repeat caller's panel (``intake_choices``), so that
    their translations cannot drift. The liaison page's "power expected back" cell says the same
    time in its own words, beside the time (``web/liaison_home.html``)."""
    device = wider.device.name or wider.device.code
    if at is None:
        return _(
            "Power is back only when the outage on %(device)s above is restored, which has no "
            "time yet."
        ) % {"device": device}
    return _(
        "Power is expected back around %(time)s, when the outage on %(device)s above is restored."
    ) % {"time": f"{timezone.localtime(at):%m-%d %H:%M}", "device": device}


def _patrolling(crew: str, step: Mapping[str, Any]) -> str:
    """The line patrolled since the progress step's time, with its note when short (a note
    the system wrote, or the crew's name, says nothing more)."""
    hm = f"{timezone.localtime(step['at']):%H:%M}"
    note = "" if step["note_code"] else str(step["note"]).strip().rstrip("." + _FULL_STOP)
    if not note or note == crew or len(note) > SHORT_NOTE:
        note = ""
    if crew and note:
        said = _("%(crew)s has been patrolling the line since %(time)s: %(note)s.")
    elif crew:
        said = _("%(crew)s has been patrolling the line since %(time)s.")
    elif note:
        said = _("The line has been patrolled since %(time)s: %(note)s.")
    else:
        said = _("The line has been patrolled since %(time)s.")
    return said % {"crew": crew, "time": hm, "note": note}


def _crew_said(state: CrewState, crew: str, step: Mapping[str, Any] | None, outage: Outage) -> str:
    """Where ``crew`` is, said from the outage's history when it says more than the crew's
    state (``step``: its newest line of the crew's steps): since when it is on site."""
    if state == CrewState.ON_SITE:
        arrived = (
            outage.events.filter(what__in=("on_site", "patrolling"))
            .order_by("at", "pk")
            .values_list("at", flat=True)
            .first()
        )
        if arrived is not None:
            said = _("%(crew)s has been on site since %(time)s.") % {
                "crew": crew,
                "time": f"{timezone.localtime(arrived):%H:%M}",
            }
            if step is not None and step["what"] == "cause_found":
                said = " ".join([said, _("The cause is found.")])
            return said
    return {
        CrewState.SENT: _("%(crew)s has been sent."),
        CrewState.ON_THE_WAY: _("%(crew)s is on its way there."),
        CrewState.ON_SITE: _("%(crew)s is on site repairing it."),
    }[state] % {"crew": crew}


# An hour in staff's words: "11:30" (either colon), or "11" then the hour's mark of the
# station's language ("o'clock", "hour": dian, shi, either script) and the minutes if any.
_HOUR_SAID = re.compile(
    r"(\d{1,2})\s*(?:[:\uff1a]\s*(\d{2})|[\u70b9\u9ede\u65f6\u6642]\s*(\d{1,2})?)"
)
_HALF = re.compile(r"\s*\u534a")  # "half past", after the hour's mark


def _time_said(words: str, at: dt.datetime) -> bool:
    """Whether staff's ``words`` already give the hour of ``at`` (and its minutes unless on
    the hour, "half" for half past): then saying the time again only repeats it."""
    if not words:
        return False
    hours = {at.hour, at.hour % 12 or 12}
    for found in _HOUR_SAID.finditer(words):
        if int(found.group(1)) not in hours:
            continue
        minutes = found.group(2) or found.group(3)
        if at.minute == 0 and minutes is None:
            return True
        if minutes is not None and int(minutes) == at.minute:
            return True
        if at.minute == 30 and _HALF.match(words, found.end()):
            return True
    return False


def tell_about_prediction(prediction: PredictedOutage, *, joins: bool = True) -> str:
    """The script under the engine's prediction nobody has recorded: the station is checking
    it (a crew named only when one is sent to a caller below it since its first sign), and
    (``joins``: a fault call) that the call helps find the fault. Empty for one customer's own
    service (nothing above them to speak of)."""
    device = prediction.device
    if device is None:
        return ""
    crew = _crew_sent_below(prediction)
    if crew:
        checking = _("%(crew)s is checking it") % {"crew": crew}
    else:
        checking = _("the station is checking it")
    if prediction.status == prediction.Status.CONFIRMED:
        said = _("Signals show the power is off from %(device)s; %(checking)s.")
    else:
        said = _("We have signs that the power is off from %(device)s; %(checking)s.")
    parts = [said % {"device": device, "checking": checking}]
    if joins:
        parts.append(_("Your call is recorded and helps us find the fault."))
    return " ".join(parts)


def _crew_sent_below(prediction: PredictedOutage) -> str:
    """The crew sent to a caller below the prediction since its first sign, if any (as the
    public page's ``crews_sent``)."""
    from powerdesk.network.models import NodeKind
    from powerdesk.network.selectors import devices_above

    device = prediction.device
    assert device is not None
    if prediction.first_sign_at is None:
        return ""
    # The orders sent since, the latest first, then the first below the device (walked up from
    # each one's transformer area in memory: two queries, not three).
    sent = list(
        WorkOrder.objects.filter(
            station_id=prediction.station_id,
            status__in=_SENT,
            crew__isnull=False,
            created_at__gte=prediction.first_sign_at,
            customer__transformer__feeder_id=device.feeder_id,
            customer__transformer__kind=NodeKind.TRANSFORMER,
        )
        .order_by("-created_at")
        .values_list("crew__name", "customer__transformer_id")
    )
    if not sent:
        return ""
    above = devices_above({area for _crew, area in sent}, [device])
    return next((crew for crew, area in sent if above.get(area)), "")
