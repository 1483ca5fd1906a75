"""Power back recorded from the office (the outages page's "Power is back"): for a fault outage
whose cause nobody has recorded yet, the cause is asked for with it.

The restore resolves every joined work order with the outage's cause (``aftercare``); with none,
the customers' orders were closed as resolved with no cause, and the callbacks, the monthly
report's causes and the reliability figures got an outage with no cause (walkthrough 28,
finding 3). The crew's phone already refuses "power back" on such an outage until the cause is
chosen (``crew_steps``); the office is asked the same, at the cause's field ("unknown" is one of
the causes: said, not left out). A planned outage has its reason, and needs none.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from powerdesk.outages.estimates import outage_cause_found
from powerdesk.outages.models import Outage, OutageCause
from powerdesk.outages.services import OutageError, outage_restore

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = ["cause_asked_at_restore", "outage_restore_from_office"]


def cause_asked_at_restore(outage: Outage) -> bool:
    """Whether power back on ``outage`` asks for its cause: a fault outage with none yet."""
    return outage.kind == Outage.Kind.UNPLANNED and not (outage.cause_kind or outage.cause)


@transaction.atomic
def outage_restore_from_office(
    *,
    outage: Outage,
    user: User | None,
    cause: str = "",
    note: str = "",
    at: dt.datetime | None = None,
) -> Outage:
    """Power back, with the cause found first where it is asked (``cause_asked_at_restore``);
    refused at the cause's field without it, and nothing recorded."""
    if cause_asked_at_restore(outage):
        if cause not in OutageCause.values:
            raise OutageError(
                _(
                    "Say what caused the fault (or “unknown”): its work orders are resolved "
                    "with it."
                ),
                field="cause",
            )
        outage = outage_cause_found(outage=outage, user=user, cause=cause, at=at)
    return outage_restore(outage=outage, user=user, note=note, at=at)
