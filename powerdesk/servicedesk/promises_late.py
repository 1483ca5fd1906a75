"""Why "kept" pressed after a promise's time is refused, and what way is left to record it
(``promise_settle``'s ``PromiseLateError``): the time it was kept (``promises_kept_at``), or not
kept with why; for a month already past, who may (review77 L11)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.servicedesk.models import Promise

__all__ = ["late_said"]


def late_said(promise: Promise, user: User | None, *, meanwhile: bool = False) -> tuple[str, bool]:
    """Why "kept" pressed after a promise's time is refused, and whether the time it was kept
    may be said instead: the way left to record it kept, kept on time or kept late
    (``promises_kept_at``: desk76, "too late to mark kept" named no way to). Not for a promise
    of an order whose power is still off (power back settles it: ``promise_settle``), nor for
    one of a month already past by one who may not correct it: who may is said (review77 L11)."""
    # Here, not above: both modules import ``promises``, which imports this one.
    from powerdesk.servicedesk.promises import orders_power_off
    from powerdesk.servicedesk.promises_kept_at import past_month_closed

    time = f"{timezone.localtime(promise.due_at):%m-%d %H:%M}"
    power_off = (
        promise.work_order_id is not None
        and orders_power_off().filter(pk=promise.work_order_id).exists()
    )
    if power_off:
        if meanwhile:
            said = _(
                "This promise was due by %(time)s: as its time passed it was recorded not "
                "kept. It can no longer be marked kept: say why it was not kept (if it was "
                "done in time but not recorded, say so)."
            )
        else:
            said = _(
                "This promise was due by %(time)s and its time has passed: it can no longer be "
                "marked kept. Record it not kept and say why (if it was done in time but not "
                "recorded, say so)."
            )
        return said % {"time": time}, False
    if past_month_closed(promise, user, timezone.now()):
        if meanwhile:
            said = _(
                "This promise was due by %(time)s: as its time passed it was recorded not "
                "kept. It fell due in %(month)s, a month already past whose figures are "
                "reported: only the station chief may record it kept now. If it was not kept, "
                "say why."
            )
        else:
            said = _(
                "This promise was due by %(time)s and its time has passed: it can no longer be "
                "marked kept as of now. It fell due in %(month)s, a month already past whose "
                "figures are reported: only the station chief may record it kept now. If it was "
                "not kept, record it not kept and say why."
            )
        month = f"{timezone.localtime(promise.due_at):%Y-%m}"
        return said % {"time": time, "month": month}, False
    if meanwhile:
        said = _(
            "This promise was due by %(time)s: as its time passed it was recorded not kept. "
            "If it was done, record it kept with the time it was done (by %(time)s: kept on "
            "time; later: kept late); if not, say why it was not kept."
        )
    else:
        said = _(
            "This promise was due by %(time)s and its time has passed: it can no longer be "
            "marked kept as of now. If it was done, record it kept with the time it was done "
            "(by %(time)s: kept on time; later: kept late); if not, record it not kept and say "
            "why."
        )
    return said % {"time": time}, True
