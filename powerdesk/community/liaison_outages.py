"""The liaisons an outage reaches, and the station's staff telling them of it (so that they
tell the villagers): which villages an outage reaches, their active liaisons, and whether each
was told: texted by PowerDesk (``liaisons_texted``) or told by staff
(``liaison_told_of_outage``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.community.liaison_records import LiaisonError, record_activity
from powerdesk.community.models import Liaison, LiaisonActivity, Village
from powerdesk.customers.models import Customer
from powerdesk.network.models import NodeKind
from powerdesk.servicedesk.history_notes import note_said

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.outages.models import Outage

__all__ = [
    "liaison_told_of_outage",
    "liaisons_for_outages",
    "liaisons_reached",
    "liaisons_texted",
    "liaisons_to_tell",
    "outage_link",
    "outage_villages",
    "reaches",
]


def liaisons_reached(
    station_id: int, village_ids: Iterable[int], group_ids: Iterable[int]
) -> QuerySet[Liaison]:
    """The serving liaisons an outage's word goes to, whose households are off in
    ``village_ids`` and ``group_ids``: the committee of each village (no group), and the
    liaisons of each group reached; never the leader of a group whose power stays on (walk74,
    M2). The outages page's list and the texts (``notifications.audience.liaisons_of``) both
    ask this one rule (``reaches`` says it of one liaison)."""
    return Liaison.objects.filter(station_id=station_id, active=True).filter(
        Q(village_id__in=list(village_ids), group=None) | Q(group_id__in=list(group_ids))
    )


def reaches(liaison: Liaison, village_ids: set[int], group_ids: set[int]) -> bool:
    """Whether ``liaisons_reached`` names ``liaison`` for those villages and groups."""
    if liaison.group_id is None:
        return liaison.village_id in village_ids
    return liaison.group_id in group_ids


def liaisons_to_tell(outage: Outage) -> list[Liaison]:
    """The liaisons to tell of the outage (``liaisons_reached``), committee first."""
    from powerdesk.notifications.audience import villages_below

    villages, groups = villages_below(outage.device)
    return list(
        liaisons_reached(outage.station_id, villages, groups)
        .select_related("village", "group")
        .order_by("village__name", "group__name", "role", "pk")
    )


def outage_villages(outage: Outage) -> list[Village]:
    """Villages with a transformer area at or below the outage's device."""
    from powerdesk.network.selectors import subtree_ids

    below = subtree_ids(outage.device)
    return list(
        Village.objects.filter(
            grid_nodes__pk__in=below, grid_nodes__kind=NodeKind.TRANSFORMER
        ).distinct()
    )


def outage_link(outage: Outage) -> str:
    from django.urls import reverse

    return reverse("outages:list") + f"#outage-{outage.pk}"


def liaison_told_of_outage(
    *, outage: Outage, liaison: Liaison, by: User | None, note: str = ""
) -> LiaisonActivity:
    """Staff told a village's liaison of an outage (so they can tell the villagers): from the
    outages page, or the village page with what was said (``note``); either way linked to the
    outage, which then counts the liaison told (walk74, M2)."""
    require(by, outage.station_id, Do.VILLAGE_RECORD)
    if liaison.station_id != outage.station_id or not liaison.active:
        raise LiaisonError(_("That liaison is not of this village."))
    from powerdesk.notifications.audience import villages_below

    villages, groups = villages_below(outage.device)
    if not reaches(liaison, set(villages), set(groups)):
        if liaison.group is not None and liaison.village_id in villages:
            raise LiaisonError(
                _(
                    "That outage does not reach %(group)s: the households of %(name)s's group "
                    "keep their power."
                )
                % {"group": liaison.group.name, "name": liaison.name}
            )
        raise LiaisonError(_("That outage does not reach the liaison's village."))
    what = note.strip() or outage.notice or outage.cause or str(outage)
    return record_activity(
        village=liaison.village,
        by=by,
        kind=LiaisonActivity.Kind.TOLD_OUTAGE,
        said=note_said("liaison_told_outage", device=str(outage.device), words=what),
        link=outage_link(outage),
        liaison=liaison,
    )


def liaisons_for_outages(outages: list[Outage]) -> dict[int, list[tuple[Liaison, bool]]]:
    """For each outage: the liaisons to tell, each with whether they have been told.

    The same as ``liaisons_to_tell`` for each, in four queries whatever the number of outages
    (not four per outage): a storm fills the outages page.
    """
    from powerdesk.network.models import GridNode

    links = {outage.pk: outage_link(outage) for outage in outages}
    told: dict[str, set[int]] = {link: set() for link in links.values()}
    for link, liaison_id in LiaisonActivity.objects.filter(
        kind=LiaisonActivity.Kind.TOLD_OUTAGE, link__in=list(told)
    ).values_list("link", "liaison_id"):
        told[link].add(liaison_id)
    # Every element below each outage's device, from its feeder's tree (as ``subtree_ids``).
    children: dict[int, list[int]] = {}
    for pk, parent in GridNode.objects.filter(
        feeder_id__in={outage.device.feeder_id for outage in outages}
    ).values_list("pk", "parent_id"):
        if parent is not None:
            children.setdefault(parent, []).append(pk)
    below: dict[int, list[int]] = {}
    for outage in outages:
        found, stack = [], [outage.device_id]
        while stack:
            pk = stack.pop()
            found.append(pk)
            stack.extend(children.get(pk, []))
        below[outage.pk] = found
    # The villages and groups of the households of each transformer area below (as the texts
    # find them: ``audience.villages_below``).
    places: dict[int, set[tuple[int | None, int | None]]] = {}
    for transformer, village, group in (
        Customer.objects.filter(
            transformer_id__in={pk for pks in below.values() for pk in pks},
            transformer__kind=NodeKind.TRANSFORMER,
        )
        .values_list("transformer_id", "village_id", "group_id")
        .distinct()
    ):
        places.setdefault(transformer, set()).add((village, group))
    reached: dict[int, tuple[set[int], set[int]]] = {}
    for outage in outages:
        pairs = {pair for pk in below[outage.pk] for pair in places.get(pk, ())}
        reached[outage.pk] = ({v for v, _g in pairs if v}, {g for _v, g in pairs if g})
    every_village = {v for villages, _groups in reached.values() for v in villages}
    every_group = {g for _villages, groups in reached.values() for g in groups}
    liaisons = (
        list(
            liaisons_reached(outages[0].station_id, every_village, every_group)
            .select_related("village", "group")
            .order_by("village__name", "group__name", "role", "pk")
        )
        if every_village
        else []
    )
    result: dict[int, list[tuple[Liaison, bool]]] = {}
    for outage in outages:
        villages, groups = reached[outage.pk]
        result[outage.pk] = [
            (lv, lv.pk in told[links[outage.pk]])
            for lv in liaisons
            if reaches(lv, villages, groups)
        ]
    return result


# The notices that tell a liaison an outage is on, or will be: a text of any of them is the
# liaison told (its first text, a "still open" one, a revision, a planned outage's window).
TELLING_EVENTS = ("outage_known", "etr_moved", "planned_announced", "planned_tomorrow")


def liaisons_texted(outages: list[Outage]) -> dict[int, dict[int, dt.datetime]]:
    """For each outage (by pk), the liaisons a text of it went to (by pk), with when the first
    was made: the outages page counts them told (walk64, L3: "0/8 told" under an outage whose
    announcement had just texted all eight). A text that failed for good, or was withdrawn,
    told nobody; a planned outage's cancellation tells of none. One query."""
    from django.contrib.contenttypes.models import ContentType

    from powerdesk.notifications.models import Channel, Delivery, DeliveryState
    from powerdesk.outages.models import Outage as OutageModel

    found: dict[int, dict[int, dt.datetime]] = {o.pk: {} for o in outages}
    if not outages:
        return found
    rows = (
        Delivery.objects.filter(
            notice__subject_type=ContentType.objects.get_for_model(OutageModel),
            notice__subject_id__in=list(found),
            notice__event__in=TELLING_EVENTS,
            channel=Channel.SMS,
            liaison_id__isnull=False,
        )
        .exclude(template="planned_cancelled")
        .exclude(state__in=[DeliveryState.FAILED_PERMANENT, DeliveryState.WITHDRAWN])
        .values_list("notice__subject_id", "liaison_id", "created_at")
        .order_by("created_at")
    )
    for outage_id, liaison_id, at in rows:
        if outage_id is not None and liaison_id is not None:
            found[int(outage_id)].setdefault(liaison_id, at)
    return found
