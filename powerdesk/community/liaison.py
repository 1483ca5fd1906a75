"""What a village liaison sees and does for their own villages (联动机制), and the station's
records of its liaisons (the liaisons an outage reaches, and telling them: ``liaison_outages``).

A liaison sees the outages that reach their villages and what they reported themselves: nothing
of other households' business (no other orders, complaints or billing questions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import Do, NotAllowed, require
from powerdesk.community.liaison_outages import (
    liaison_told_of_outage,
    liaisons_for_outages,
    liaisons_to_tell,
    outage_link,
    outage_villages,
)
from powerdesk.community.liaison_records import (
    LiaisonError,
    PowerBackAlready,
    activity_note_shown,
    contact_record,
    liaison_add,
    liaison_retire,
    record_activity,
    villager_contact,
)
from powerdesk.community.models import LiaisonActivity, Village, VillageGroup
from powerdesk.community.selectors import village_current_outages
from powerdesk.customers.models import Customer
from powerdesk.outages.history import outage_history_add
from powerdesk.outages.liaison_checks import reports_marked_wrong
from powerdesk.outages.models import Outage, OutageEvent, PredictedOutage
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.history_notes import note_part, note_said
from powerdesk.servicedesk.models import OPEN_STATUSES, Call, WorkOrder

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User


__all__ = [
    "LiaisonError",
    "PowerBackAlready",
    "Suspected",
    "activity_note_shown",
    "contact_record",
    "liaison_add",
    "liaison_power_back",
    "liaison_report",
    "liaison_reports",
    "liaison_retire",
    "liaison_told_of_outage",
    "liaison_villages",
    "liaisons_for_outages",
    "liaisons_to_tell",
    "outage_groups",
    "outage_link",
    "outage_villages",
    "record_activity",
    "village_outages",
    "village_suspected",
    "village_work_orders",
]


def village_outages(village: Village, *, below: dict[int, int] | None = None) -> list[Outage]:
    """Current and announced outages above any transformer area of the village (``below``: its
    customers by device, when the caller has them already)."""
    return village_current_outages(village, below=below)


@dataclass(frozen=True)
class Suspected:
    """An outage the engine sees over part of a village that nobody has recorded yet, said as
    the public page says it (``public.selectors``): the groups reached and since when."""

    groups: list[str]
    since: dt.datetime | None
    note: str = ""  # who is on it: a crew only when one is sent (``public.selectors``)


def village_suspected(station: Station, villages: list[Village]) -> dict[int, list[Suspected]]:
    """For each of ``villages`` (by pk), the engine's outages reaching it that the public page
    shows too — SCADA or a crew reported the device open, or the engine is sure enough — and
    nobody has recorded or rejected yet."""
    from powerdesk.outages.board import live_rows
    from powerdesk.public.selectors import PUBLIC_CONFIDENCE, suspected_cause
    from powerdesk.public.signs import crews_sent

    wanted = {v.pk for v in villages}
    found: dict[int, list[Suspected]] = {pk: [] for pk in wanted}
    # Most of the time the engine sees nothing off: one query says so.
    if not PredictedOutage.objects.filter(station=station, device__isnull=False).exists():
        return found
    rows = [
        r
        for r in live_rows(station, history=False)
        if r.outage is None
        and r.device is not None
        and r.prediction is not None
        and r.below is not None
        and (r.state == "confirmed" or r.prediction.confidence >= PUBLIC_CONFIDENCE)
    ]
    group_ids = {g for r in rows for v, g in r.below.places if v in wanted and g}  # type: ignore[union-attr]
    names = dict(VillageGroup.objects.filter(pk__in=group_ids).values_list("pk", "name"))
    sent = crews_sent(station, rows)
    for row in rows:
        assert row.below is not None
        reached: dict[int, set[str]] = {}
        for village_id, group_id in row.below.places:
            if village_id in wanted:
                reached.setdefault(village_id, set()).add(names.get(group_id or 0, ""))
        for village_id, groups in reached.items():
            found[village_id].append(
                Suspected(
                    sorted(g for g in groups if g),
                    row.first_sign_at,
                    suspected_cause(crew_sent=row.key in sent),
                )
            )
    return found


def liaison_villages(user: User, station: Station | int) -> QuerySet[Village]:
    """The villages a liaison speaks for: the one their membership names, and every village
    whose list of liaisons links them."""
    return (
        Village.objects.for_station(station)
        .filter(
            Q(
                liaison_memberships__user=user,
                liaison_memberships__role=Role.LIAISON,
                liaison_memberships__station=station,
            )
            | Q(liaisons__user=user, liaisons__active=True)
        )
        .distinct()
        .order_by("name")
    )


def liaison_reports(user: User, station: Station | int) -> list[Call]:
    """What the liaison reported themselves, newest first, with the order each one opened."""
    return list(
        Call.objects.for_station(station)
        .filter(taken_by=user)
        .select_related("work_order")
        .order_by("-received_at")[:20]
    )


def outage_groups(outage: Outage, village: Village) -> list[VillageGroup]:
    """The village's groups with a household below the outage's device."""
    from powerdesk.network.selectors import subtree_ids

    below = subtree_ids(outage.device)
    return list(
        village.groups.filter(customers__transformer_id__in=below).distinct().order_by("name")
    )


def _require_liaison_of(user: User, village: Village) -> None:
    require(user, village.station_id, Do.LIAISON_REPORT)
    if not liaison_villages(user, village.station_id).filter(pk=village.pk).exists():
        raise NotAllowed(_("You are not a liaison of this village."))


def village_work_orders(village: Village) -> list[WorkOrder]:
    """The village's open orders, for the station's staff (never for a liaison's page)."""
    return list(
        WorkOrder.objects.filter(village=village, status__in=OPEN_STATUSES).order_by("-created_at")[
            :20
        ]
    )


@transaction.atomic
def liaison_report(
    *,
    user: User,
    village: Village,
    group: VillageGroup | None,
    text: str,
    villager_name: str = "",
    villager_phone: str = "",
) -> WorkOrder | Call:
    """A problem reported on a villager's behalf: taken like any call (``call_take``), with the
    villager's name and number when the liaison gives them (``villager_contact``: the desk sees
    them where it sees the call, and calls back).

    The liaison is the reporter (the call is theirs, the order's history says they opened it),
    not the order's owner: the station's staff own the work. The group is chosen, never taken
    by default: a village with groups names the one the problem is in.
    """
    _require_liaison_of(user, village)
    if not text.strip():
        raise LiaisonError(_("Say what the problem is."))
    if group is not None and group.village_id != village.pk:
        raise LiaisonError(_("That group is not in your village."))
    if group is None and village.groups.exists():
        raise LiaisonError(_("Choose the village group the problem is in."))
    villager_name, villager_phone = villager_contact(village, villager_name, villager_phone)
    earlier = _same_report_lately(
        user=user, village=village, group=group, text=text, who=(villager_name, villager_phone)
    )
    if earlier is not None:
        return earlier.work_order or earlier
    taken = call_take(
        station=village.station,
        user=user,
        text=text,
        village=village,
        group=group,
        caller_name=villager_name,
        caller_number=villager_phone,
        by_liaison=True,
    )
    result: WorkOrder | Call = taken.work_order or taken.call
    link = result.get_absolute_url() if isinstance(result, WorkOrder) else ""
    record_activity(
        village=village,
        by=user,
        kind=LiaisonActivity.Kind.REPORT,
        note=(f"{group.name}: " if group else "") + text[:200],
        link=link,
    )
    return result


# The same words for the same place by the same liaison within this time are one report sent
# again (Back to a page that was sent, then Report), whatever the page's one-time token says.
SAME_REPORT_WITHIN = dt.timedelta(minutes=30)


def _same_report_lately(
    *, user: User, village: Village, group: VillageGroup | None, text: str, who: tuple[str, str]
) -> Call | None:
    """The liaison's report of the same words for the same village and group and the same
    villager (another villager's is another report), made lately."""
    return (
        Call.objects.for_station(village.station_id)
        .filter(
            taken_by=user,
            village=village,
            group=group,
            text=text.strip(),
            caller_name=who[0],
            caller_number=who[1],
            received_at__gte=timezone.now() - SAME_REPORT_WITHIN,
        )
        .select_related("work_order")
        .order_by("-received_at")
        .first()
    )


@transaction.atomic
def liaison_power_back(
    *,
    user: User,
    village: Village,
    outage: Outage,
    group: VillageGroup | None,
    above_checked: bool = False,
) -> OutageEvent:
    """The liaison confirms power is back in their group: recorded on the outage, once.

    Said of an outage inside a wider one still recorded as off (a transformer area's below a
    fuse's: walk44, 2), it contradicts the record: either the wider outage is back or the report
    is wrong. Refused unless the liaison ticked that they mean it (``above_checked``: the card
    says so before the press); then recorded on both, as a report the dispatcher checks
    (``outages.liaison_checks``), the inner outage never taken as restored."""
    from powerdesk.community.liaison_back import restored_said, within_wider

    _require_liaison_of(user, village)
    outages = village_outages(village)
    if outage not in outages:
        # Restored already: when, and to report it if still off (as the page says it, fix58d).
        restored = restored_said(village, outage)
        if restored:
            raise PowerBackAlready(restored)
        raise LiaisonError(_("That outage does not reach your village."))
    if outage.status != Outage.Status.ACTIVE:
        raise LiaisonError(_("That outage has not started: power has not gone off yet."))
    under = outage_groups(outage, village)
    if group is not None and group not in under:
        raise LiaisonError(_("That group is not supplied through the outage's device."))
    if group is None and under:
        # Chosen, never taken by default: a village with groups below says which has power.
        raise LiaisonError(_("Choose the village group where power is back."))
    where = group.name if group else village.name
    wider = within_wider(outages).get(outage.pk)
    if wider is not None and not above_checked:
        raise LiaisonError(
            _(
                "The wider outage on %(device)s above is still recorded as off: power is back "
                "in %(where)s only if it is back there too. Tick the box if the villagers really "
                "have power, and the station will check."
            )
            % {"device": wider.device, "where": where},
            field="above",
        )
    # Said once for each place: a second press (a double tap, a retry on a weak signal) finds
    # the first, the outage's row held meanwhile so that two at once do not both record.
    Outage.objects.select_for_update().filter(pk=outage.pk).first()
    # A report the station checked and marked wrong is done with: said again, it is a new one.
    marked = reports_marked_wrong([outage])
    earlier = (
        OutageEvent.objects.filter(
            outage=outage, what="liaison_on", by=user, note_args__where=where
        )
        .exclude(pk__in=list(marked))
        .first()
    )
    if earlier is not None:
        return earlier
    # The village's log says which outage, and where power is back, as data (drawn in the
    # reader's language; the station's words kept in ``note``).
    back: tuple[str, dict[str, object]] = ("outage_back_in", {"where": where})
    if wider is not None:
        # The wider outage named, with its id: the board says it needs checking while it stands.
        back = (
            "outage_back_in_under",
            {"where": where, "device": str(wider.device), "above": wider.pk},
        )
    said = note_said(
        "parts",
        sep="label",
        parts=[
            note_part("outage_named", device=str(outage.device), kind=outage.kind),
            note_part(back[0], **back[1]),
        ],
    )
    record_activity(village=village, by=user, kind=LiaisonActivity.Kind.POWER_BACK, said=said)
    event = outage_history_add(outage, user, "liaison_on", said=note_said(back[0], **back[1]))
    if wider is not None:
        # The wider outage's history says it too: its record is what the report contradicts.
        outage_history_add(
            wider,
            user,
            "liaison_on_inside",
            said=note_said(
                "liaison_on_inside", where=where, device=str(outage.device), inner=outage.pk
            ),
        )
    # What the liaison says for their group, the engine hears for its households below the
    # outage's device (``call_on``: they say power is on).
    from powerdesk.network.selectors import subtree_ids
    from powerdesk.outages.desk_signals import power_back_reported

    households = Customer.objects.filter(
        transformer_id__in=subtree_ids(outage.device), village=village
    )
    if group is not None:
        households = households.filter(group=group)
    power_back_reported(
        station=outage.station,
        customers=households,
        at=event.at,
        source="liaison",
        key=f"liaison-{event.pk}",
    )
    return event
