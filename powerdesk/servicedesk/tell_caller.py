"""What the clerk tells a caller under an outage, saying only what is known (as the public page
does): a prediction nobody recorded is being checked; a recorded outage with no crew sent has a
crew being arranged; a crew is named only once it is sent; a time only when one is set.
Composed in the page's language (never stored)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from powerdesk.outages.crew import CrewState, outage_crew, outage_crew_state
from powerdesk.servicedesk.models import WorkOrder, WorkOrderStatus

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage, PredictedOutage

__all__ = ["tell_about_outage", "tell_about_prediction"]

# A crew sent to a caller below a prediction, and not back yet.
_SENT = (WorkOrderStatus.DISPATCHED, WorkOrderStatus.ON_THE_WAY, WorkOrderStatus.ON_SITE)


def tell_about_outage(outage: Outage) -> str:
    """The script under a recorded fault outage: staff's own words for callers if they wrote
    them, else where the repair is (``CrewState``), the time power is expected back if set."""
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
    parts.append(_("Your call is recorded and we will call you back when the power is back."))
    return " ".join(parts)


def _staff_words_and_latest(outage: Outage, state: CrewState) -> str:
    """Staff's words for callers, then what is known now that they may not say: where the crew
    is and the time power is expected back as set now (staff may have written "back by 9" and
    the crew said 8 since; the clerk must not read the old time alone)."""
    latest = []
    if state != CrewState.NONE:
        found = outage_crew(outage)
        crew = found.name if found is not None else ""
        latest.append(
            {
                CrewState.SENT: _("%(crew)s has been sent."),
                CrewState.ON_THE_WAY: _("%(crew)s is on its way there."),
                CrewState.ON_SITE: _("%(crew)s is on site repairing it."),
            }[state]
            % {"crew": crew}
        )
    if outage.expected_restore_at is not None:
        at = timezone.localtime(outage.expected_restore_at)
        latest.append(_("Power is expected back around %(time)s.") % {"time": f"{at:%m-%d %H:%M}"})
    if not latest:
        return outage.notice
    return " ".join(
        [outage.notice, _("Latest") + pgettext("label separator", ": ") + " ".join(latest)]
    )


def tell_about_prediction(prediction: PredictedOutage) -> str:
    """The script under the engine's prediction nobody has recorded: the station is checking
    it (a crew named only when one is sent to a caller below it since its first sign). Empty
    for one customer's own service (nothing above them to speak of)."""
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
    return " ".join(
        (
            said % {"device": device, "checking": checking},
            _("Your call is recorded and helps us find the fault."),
        )
    )


def _crew_sent_below(prediction: PredictedOutage) -> str:
    """The crew sent to a caller below the prediction since its first sign, if any (as the
    public page's ``crews_sent``)."""
    from powerdesk.outages.joined import customers_below

    assert prediction.device is not None
    if prediction.first_sign_at is None:
        return ""
    order = (
        WorkOrder.objects.filter(
            station_id=prediction.station_id,
            status__in=_SENT,
            crew__isnull=False,
            created_at__gte=prediction.first_sign_at,
            customer__in=customers_below(prediction.device),
        )
        .select_related("crew")
        .order_by("-created_at")
        .first()
    )
    return order.crew.name if order is not None and order.crew is not None else ""
