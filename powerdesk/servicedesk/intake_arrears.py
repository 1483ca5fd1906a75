"""What intake tells the clerk of a call whose words went on the household's arrears case
(``arrears.from_calls``): the case named, the disconnection held, or, a household already cut
off, to tell the station chief now (walk73, H1 b)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from powerdesk.servicedesk.models import Call

__all__ = ["arrears_case_told"]


def arrears_case_told(request: HttpRequest, call: Call) -> None:
    """Say what the call's words did on the household's arrears case, if anything."""
    from powerdesk.arrears.from_calls import call_on_case

    on_case = call_on_case(call)
    if on_case is None:
        return
    named = {"customer": on_case.case.customer}
    if on_case.cut and on_case.told:
        # Told already (``arrears.cut_need``): not "tell the chief" again (walk76, L3).
        messages.warning(
            request,
            _(
                "%(customer)s was disconnected for arrears, and the call names a medical need: "
                "what the household says is recorded on the arrears case, and the station "
                "chief was told at once (a visit, and power restored if it is so)."
            )
            % named,
        )
    elif on_case.cut:
        messages.warning(
            request,
            _(
                "%(customer)s was disconnected for arrears, and the call names a need: what "
                "the household says is recorded on the arrears case. Tell the station chief "
                "now: the household is to be visited or reconnected."
            )
            % named,
        )
    elif on_case.blocks:
        messages.warning(
            request,
            _(
                "%(customer)s has an arrears case: what the household says is recorded on it, "
                "and it names a medical need, so the disconnection is held. No work order is "
                "needed for it."
            )
            % named,
        )
    else:
        messages.info(
            request,
            _(
                "%(customer)s has an arrears case: what the household says is recorded on it; "
                "the station chief weighs it before any disconnection."
            )
            % named,
        )
