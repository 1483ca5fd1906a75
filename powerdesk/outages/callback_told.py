"""What recording a household's callback after an outage did, in words, each outcome its own
(walk64 L: "retry later" said "not reached" of a customer who answered and was busy), and the
row's form as the callbacks page sends it (``views_board.callback_done``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from powerdesk.lib.forms import InputError
from powerdesk.outages.outage_callback_record import GIVE_UP_AFTER
from powerdesk.servicedesk.models import Callback

if TYPE_CHECKING:
    from django.http import QueryDict

    from powerdesk.outages.models import OutageCallback
    from powerdesk.outages.outage_callback_record import Recorded

Outcome = Callback.Outcome

# The fields of a row's form, kept as typed when it is refused.
FORM_FIELDS = ("action", "outcome", "satisfaction", "still_off", "note")


def score_sent(data: QueryDict) -> int | None:
    """The score chosen (None for none), refused at the score when it is not a number."""
    raw = data.get("satisfaction", "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise InputError(_("Satisfaction is a score from 1 to 5.")) from None


def recorded_told(recorded: Recorded) -> str:
    """What the try did, naming the household."""
    callback = recorded.callback
    who = callback.customer.name
    if recorded.order is not None:
        return _(
            "Callback recorded: %(who)s says the power is still off or the danger still there. "
            "Fault order %(number)s is opened for a crew; the household will be called back "
            "on it."
        ) % {"who": who, "number": recorded.order.number}
    if callback.outcome == Outcome.REACHED:
        return _("Callback recorded: %(who)s was reached, satisfaction %(score)d.") % {
            "who": who,
            "score": callback.satisfaction or 0,
        }
    if callback.outcome == Outcome.RETRY:
        said = _(
            "Callback recorded: %(who)s answered and asked to be called later (try %(n)d); "
            "still on the list of callbacks due."
        )
    else:
        said = _(
            "Callback recorded: %(who)s was not reached (try %(n)d); still on the list of "
            "callbacks due."
        )
    said %= {"who": who, "n": callback.attempts}
    if callback.attempts >= GIVE_UP_AFTER:
        said += " " + _(
            "After %(n)d tries the station chief may give this callback up, saying why."
        ) % {"n": callback.attempts}
    return said


def given_up_told(callback: OutageCallback) -> str:
    return _("Callback of %(who)s given up by the station chief: %(why)s") % {
        "who": callback.customer.name,
        "why": callback.given_up_why,
    }


def put_back_told(callback: OutageCallback) -> str:
    return _(
        "Callback of %(who)s put back on the list by the station chief: %(why)s. The outage is "
        "closed only once the household is reached or given up again."
    ) % {"who": callback.customer.name, "why": callback.put_back_why}
