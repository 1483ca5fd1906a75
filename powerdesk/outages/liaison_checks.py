"""A village liaison's "power is back" said of an outage inside a wider one still recorded as
off (``community.liaison.liaison_power_back``; walk44, 2): either the wider outage is in fact
back or the report is wrong. The dispatcher is told on both outages' rows of the board and of
the outage list, as a report to check, while it stands: until the wider outage is restored, or
a step gives power back to the inner one's device. The inner outage is never taken as restored
on the report's word."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from powerdesk.outages.models import Outage, OutageEvent

__all__ = ["liaison_checks"]

# The inner outage's history line of such a report (``servicedesk.history_messages``).
UNDER = "outage_back_in_under"


def liaison_checks(outages: Iterable[Outage]) -> dict[int, list[str]]:
    """For each of ``outages`` with the power off (by pk), what to check: a liaison said power is
    back inside it, or inside an outage within it, while the wider one still keeps that place
    dark. Oldest first; none for an outage with nothing to check. One query, two with a report."""
    from powerdesk.outages.restoration import dark_device_ids_of

    active = {o.pk: o for o in outages if o.status == Outage.Status.ACTIVE}
    if not active:
        return {}
    events = list(
        OutageEvent.objects.filter(
            outage_id__in=list(active), what="liaison_on", note_code=UNDER
        ).order_by("at", "pk")
    )
    above_ids = {_above(e) for e in events} - {0}
    if not above_ids:
        return {}
    wider = {o.pk: o for o in active.values() if o.pk in above_ids}
    missing = above_ids - set(wider)
    if missing:
        # The wider outage is on the board too when it is off; asked for on its own when not.
        wider.update(
            (o.pk, o)
            for o in Outage.objects.filter(
                pk__in=missing, status=Outage.Status.ACTIVE
            ).select_related("device")
        )
    dark = dark_device_ids_of(wider.values())
    found: dict[int, list[str]] = {}
    for event in events:
        inner = active[event.outage_id]
        above = wider.get(_above(event))
        if above is None or inner.device_id not in dark.get(above.pk, set()):
            continue  # the wider outage is back there: nothing contradicts the report now
        where = str((event.note_args or {}).get("where", ""))
        args = {
            "where": where,
            "device": above.device.name or above.device.code,
            "inner": inner.device.name or inner.device.code,
        }
        found.setdefault(inner.pk, []).append(
            _(
                "A village liaison reported power back in %(where)s, but the wider outage on "
                "%(device)s above is still recorded as off: check"
            )
            % args
        )
        if above.pk in active:
            found.setdefault(above.pk, []).append(
                _(
                    "A village liaison reported power back in %(where)s, within the outage on "
                    "%(inner)s, but this outage is still recorded as off: check"
                )
                % args
            )
    return found


def _above(event: OutageEvent) -> int:
    args = event.note_args if isinstance(event.note_args, dict) else {}
    above = args.get("above")
    return above if isinstance(above, int) else 0
