"""What intake tells the clerk of a call whose words went on the household's arrears case
(``arrears.from_calls``): the case named, the disconnection held, or, a household already cut
off, to tell the station chief now (walk73, H1 b)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from powerdesk.servicedesk.models import Call

if TYPE_CHECKING:
    from powerdesk.arrears.from_calls import CallOnCase

__all__ = ["arrears_case_told"]


def arrears_case_told(request: HttpRequest, call: Call) -> None:
    """Say what the call's words did on the household's arrears case, if anything."""
    from powerdesk.arrears.from_calls import call_on_case

    on_case = call_on_case(call)
    if on_case is None:
        return
    named = {"customer": on_case.case.customer}
    if call.liaison is not None and call.customer_id is None:
        # The liaison chosen on a number the household shares (``from_calls.shared_household``):
        # the words recorded are the liaison's, not the household's (desk79, item 3).
        _liaison_words_told(request, on_case, {**named, "liaison": call.liaison.name})
        return
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


def _liaison_words_told(
    request: HttpRequest, on_case: CallOnCase, named: dict[str, object]
) -> None:
    """Say that the village liaison's words went on the household's case (and the chiefs were
    told, when they were): the household itself did not ring."""
    if on_case.cut and on_case.told:
        said = _(
            "%(customer)s was disconnected for arrears, and the village liaison %(liaison)s, "
            "ringing from a number the household shares, names a medical need: the liaison's "
            "words are recorded on the household's arrears case, and the station chief was "
            "told at once (a visit, and power restored if it is so)."
        )
    elif on_case.cut:
        said = _(
            "%(customer)s was disconnected for arrears, and the village liaison %(liaison)s, "
            "ringing from a number the household shares, names a need: the liaison's words are "
            "recorded on the household's arrears case. Tell the station chief now: the "
            "household is to be visited or reconnected."
        )
    elif on_case.blocks:
        said = _(
            "%(customer)s has an arrears case: the village liaison %(liaison)s, ringing from a "
            "number the household shares, names a medical need. The liaison's words are "
            "recorded on the household's case, so the disconnection is held. No work order is "
            "needed for it."
        )
    else:
        messages.info(
            request,
            _(
                "%(customer)s has an arrears case: the village liaison %(liaison)s, ringing "
                "from a number the household shares, names a need. The liaison's words are "
                "recorded on the household's case; the station chief weighs them before any "
                "disconnection."
            )
            % named,
        )
        return
    messages.warning(request, said % named)
