"""The amount an open arrears case is owed, updated as the billing says it now.

Arrears grow while a case runs (another month's bill) and fall with a part paid. The case keeps
its steps: the written notice told the household it owed and what would follow, and stands; the
history says each change, who made it and why, and the page and the API show the amount owed now.
A household with an open case gets no second one (``case_open`` says to update this one).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import (
    REASON_CHARS,
    _bounded,
    _event,
    _not_closed,
    amount_checked,
)
from powerdesk.arrears.vulnerable import vulnerable_read
from powerdesk.arrears.words_later import check_read_again
from powerdesk.servicedesk.history_notes import note_said

if TYPE_CHECKING:
    from powerdesk.accounts.models import User


@transaction.atomic
def amount_update(
    *, case: ArrearsCase, user: User | None, amount: Decimal, why: str = ""
) -> ArrearsCase:
    """Record the amount owed now (``why``: a new bill, a part paid...). The same amount sent
    again (a retry, a double submit) records nothing. Who may open a case may update it: the
    counter, the chief, a billing system's token."""
    require(user, case.station_id, Do.ARREARS_OPEN)
    amount = amount_checked(amount)
    why = _bounded(_("Why the amount changed"), why, REASON_CHARS, "why")
    # Read again under a lock: of two updates sent at once, the second sees the first's amount
    # (the same again records nothing) and a payment recorded meanwhile.
    locked = ArrearsCase.objects.select_for_update(of=("self",)).get(pk=case.pk)
    case.amount, case.stage = locked.amount, locked.stage
    _not_closed(case)
    if amount == case.amount:
        return case
    before = case.amount
    case.amount = amount
    # Yuan and fen as the page's heading shows them ("200" sent is "200.00" stored).
    args = {"before": f"{before:.2f}", "after": f"{amount:.2f}"}
    if why:
        _event(case, user, said=note_said("arrears_amount_why", **args, why=why))
    else:
        _event(case, user, said=note_said("arrears_amount", **args))
    # Why is read as the household's words are (``words_later``): "老伴晚上要用呼吸机" blocks.
    for name in ("check_result", "check_read", "situation", "liaison_outcome", "lifted_at"):
        setattr(case, name, getattr(locked, name))
    check_read_again(case)
    fields = ["amount", "check_result", "check_read"]
    if why and vulnerable_read(why).check != ArrearsCase.Check.CLEAR:
        case.words_at = timezone.now()  # words a visit before them did not see (``lift``)
        fields.append("words_at")
    case.save(update_fields=fields)
    return case
