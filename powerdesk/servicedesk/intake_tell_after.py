"""What to tell the caller, said again after saving a fault call that joined an outage (walk78
L3): the clerk lands on the outage's order, another household's, while the caller is still on
the line; the script the panel showed before saving (``tell_caller.tell_for_the_call``) is
said with the message that the call joined, as the README promises ("at the live panel … and
after saving")."""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _

from powerdesk.accounts.tenancy import StationRequest
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.models import Call
from powerdesk.servicedesk.tell_caller import tell_for_the_call

__all__ = ["outage_script_told"]


def outage_script_told(request: StationRequest, call: Call | None, outage: Outage) -> None:
    """The joined outage's script for ``call`` (its category and note), as a message."""
    if call is None:
        return
    script = tell_for_the_call(category=call.category, text=call.text, outage=outage, joins=True)
    if script:
        messages.info(request, _("Tell the caller: %(tell)s") % {"tell": script})
