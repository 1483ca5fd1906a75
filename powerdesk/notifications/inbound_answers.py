"""What a villager's text is answered with (``inbound``): a report taken as a call, sorted by
the classifier (a danger answered with what to do until the crew is there), and the state of
their area: the outage whose restore gives them power back, in the words of the station's
outage texts, or planned work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.notifications.models import InboundSms
from powerdesk.notifications.outage_part import outage_part
from powerdesk.notifications.power_back_answers import sms_call_id
from powerdesk.notifications.texts import PLACES_SAID, place_with_part, place_words
from powerdesk.outages.models import SignalSource

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.customers.models import Customer
    from powerdesk.outages.models import Outage

__all__ = ["area_state", "report_taken"]

Intent = InboundSms.Intent


def report_taken(station: Station, message: InboundSms, text: str) -> str:
    """Anything else a known villager texts is a call, sorted by the classifier."""
    from powerdesk.servicedesk.call_take import CallAlreadyLogged, call_take
    from powerdesk.servicedesk.models import Category

    try:
        taken = call_take(
            station=station,
            user=None,
            text=text,
            caller_number=message.from_number,
            customer=message.customer,
            cti_call_id=sms_call_id(message.message_id),
            received_at=message.received_at,
            signal_source=SignalSource.SMS,
        )
        call = taken.call
    except CallAlreadyLogged as e:
        call = e.call
    message.call = call
    if call.category == Category.HAZARD:
        # A danger is never answered with the outage's state: what to do until the crew is there.
        message.intent = Intent.REPORT
        return _(
            "Danger reported: the crew is coming. Keep at least 10 m away from fallen wires and "
            "sparking equipment, do not touch them, keep children and animals away."
        )
    if call.category in (Category.FAULT_REPAIR, Category.HAZARD):
        message.intent = Intent.REPORT
        assert message.customer is not None
        outage = _outage_above(message.customer)
        if outage is not None:
            return _outage_words(outage)
        return _("Your report is taken (%(number)s). The crew will call you.") % {
            "number": call.work_order.number if call.work_order else call.pk
        }
    message.intent = Intent.OTHER
    return _("Your message is taken; the station will see to it.")


def _outage_above(customer: Customer) -> Outage | None:
    from powerdesk.outages.joined import outage_told_above

    return outage_told_above(customer)


def _outage_words(outage: Outage) -> str:
    """What is known of the outage, in the words of the station's outage texts: its places
    (villages or groups, not the device's name) and when power should be back (``restoration``)."""
    from powerdesk.notifications.audience import place_names
    from powerdesk.notifications.restoration import restoration_of
    from powerdesk.notifications.texts import repair_words
    from powerdesk.outages.crew import outage_crew_state

    villages = place_names(outage.device)
    place = place_words(outage.device.name or outage.device.code, villages, PLACES_SAID)
    if villages:  # its part, as its texts say it, while another outage is open there
        place = place_with_part(place, outage_part(outage))
    told = restoration_of(outage)
    words = {"place": place, "repair": repair_words(outage_crew_state(outage))}
    if told is None:
        return _("Power is off at %(place)s; %(repair)s.") % words
    words["time"] = f"{timezone.localtime(told.at):%m-%d %H:%M}"
    if told.about and told.low and told.high:
        words.update(
            low=f"{timezone.localtime(told.low):%H:%M}",
            high=f"{timezone.localtime(told.high):%H:%M}",
        )
        return (
            _(
                "Power is off at %(place)s; %(repair)s. Expected back about %(time)s "
                "(%(low)s–%(high)s)."
            )
            % words
        )
    if told.about:
        return _("Power is off at %(place)s; %(repair)s. Expected back about %(time)s.") % words
    return _("Power is off at %(place)s; %(repair)s. Expected back by %(time)s.") % words


def area_state(customer: Customer) -> str:
    from powerdesk.outages.models import Outage
    from powerdesk.outages.selectors import outages_affecting

    # Of fault outages one inside another, the one whose restore gives the household power
    # back, as their report's answer and the clerk say it (``joined.outage_told_above``).
    told = _outage_above(customer)
    if told is not None:
        return _outage_words(told)
    outages = outages_affecting(customer)
    active = [o for o in outages if o.status == Outage.Status.ACTIVE]
    if active:  # planned work under way
        return _outage_words(active[-1])
    planned = [o for o in outages if o.status == Outage.Status.ANNOUNCED]
    if planned:
        o = planned[0]
        start = timezone.localtime(o.starts_at)
        end = timezone.localtime(o.expected_restore_at or o.starts_at)
        return _("No outage now. Planned work: no power from %(start)s to %(end)s.") % {
            "start": f"{start:%m-%d %H:%M}",
            "end": f"{end:%m-%d %H:%M}",
        }
    return _("No outage is known in your area now.")
