"""What a crew may record on an outage from its phone, and when power is expected back.

The office records an outage's steps through ``outage.declare`` and ``outage.restore``, on any
outage of its station. A crew member records the cause found, the time power is expected back
and the restore only on an outage dispatched to their own crew (``OutageLink.crew``) while the
power is off: the crew of another outage, or a liaison, is refused here, whoever calls.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, NotAllowed, may
from powerdesk.outages.models import Outage, OutageEvent, OutageLink

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

# An estimate further ahead than this is a typing slip (a wrong day), not an estimate.
LONGEST_ESTIMATE = dt.timedelta(days=7)


def may_on_outage(user: User | None, outage: Outage, office_action: Do) -> bool:
    """Whether ``user`` may take a step of ``outage`` that the office takes with
    ``office_action``: the office always, a crew member on their own crew's outage while the
    power is off."""
    if may(user, outage.station_id, office_action):
        return True
    if not may(user, outage.station_id, Do.OUTAGE_FIELD_STEP):
        return False
    assert user is not None  # the system may do anything
    if outage.status != Outage.Status.ACTIVE:
        return False
    from powerdesk.accounts.crews import is_member

    link = OutageLink.objects.filter(outage=outage).select_related("crew").first()
    return link is not None and link.crew is not None and is_member(user, link.crew)


def require_on_outage(user: User | None, outage: Outage, office_action: Do) -> None:
    if not may_on_outage(user, outage, office_action):
        raise NotAllowed(_("Only the crew this outage was dispatched to, or the office, may."))


@transaction.atomic
def outage_expect_restore(
    *,
    outage: Outage,
    user: User | None,
    expected_at: dt.datetime,
    note: str = "",
    at: dt.datetime | None = None,
) -> Outage:
    """The crew (or the office) says when power should be back; each estimate is a line of
    the outage's history, so the board, the intake and the callers hear the latest one."""
    from powerdesk.outages.services import OutageError

    require_on_outage(user, outage, Do.OUTAGE_DECLARE)
    outage = Outage.objects.select_for_update().get(pk=outage.pk)
    if outage.status != Outage.Status.ACTIVE:
        raise OutageError(_("Only an outage with the power off is expected back."))
    now = timezone.now()
    said_at = at or now
    if expected_at <= outage.starts_at or expected_at < said_at - dt.timedelta(minutes=1):
        raise OutageError(_("Power is expected back later than now."))
    if expected_at > said_at + LONGEST_ESTIMATE:
        raise OutageError(_("Power expected back more than 7 days ahead: check the date."))
    before = outage.expected_restore_at
    outage.expected_restore_at = expected_at
    outage.save(update_fields=["expected_restore_at"])
    said = f"{timezone.localtime(expected_at):%Y-%m-%d %H:%M}"
    if before is not None:
        said = f"{timezone.localtime(before):%m-%d %H:%M} → {said}"
    OutageEvent.objects.create(
        outage=outage,
        at=said_at,
        by=user,
        what="expected_back",
        note=" ".join(p for p in (said, note.strip()) if p)[:300],
    )
    return outage
