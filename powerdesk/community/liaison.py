"""What a village liaison sees and does for their own village (联动机制)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.community.models import Village, VillageGroup
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.servicedesk.models import OPEN_STATUSES, Call, WorkOrder
from powerdesk.servicedesk.services import call_log, work_order_create

if TYPE_CHECKING:
    from powerdesk.accounts.models import User


class LiaisonError(ValueError):
    pass


def village_outages(village: Village) -> list[Outage]:
    """Current and announced outages above any transformer area of the village."""
    outages = list(
        Outage.objects.filter(station_id=village.station_id)
        .exclude(status=Outage.Status.RESTORED)
        .select_related("device")
    )
    if not outages:
        return []
    transformers = list(
        GridNode.objects.filter(village=village, kind=NodeKind.TRANSFORMER).values_list(
            "pk", "feeder_id"
        )
    )
    above: set[int] = set()
    for feeder_id in {feeder for _pk, feeder in transformers}:
        parents = dict(GridNode.objects.filter(feeder_id=feeder_id).values_list("pk", "parent_id"))
        for pk, f in transformers:
            node: int | None = pk if f == feeder_id else None
            while node is not None and node not in above:
                above.add(node)
                node = parents.get(node)
    return [o for o in outages if o.device_id in above]


def village_work_orders(village: Village) -> list[WorkOrder]:
    return list(
        WorkOrder.objects.filter(village=village, status__in=OPEN_STATUSES).order_by("-created_at")[
            :20
        ]
    )


@transaction.atomic
def liaison_report(
    *, user: User, village: Village, group: VillageGroup | None, text: str
) -> WorkOrder | Call:
    """A problem reported on a villager's behalf: logged like a call, an order where needed."""
    if not text.strip():
        raise LiaisonError(_("Say what the problem is."))
    if group is not None and group.village_id != village.pk:
        raise LiaisonError(_("That group is not in your village."))
    call = call_log(station=village.station, user=user, text=f"[{_('village liaison')}] {text}")
    if call.category in ("fault_repair", "hazard", "business", "complaint"):
        return work_order_create(
            station=village.station,
            user=user,
            category=call.category,
            urgent=call.urgent,
            summary=text[:60],
            description=text,
            village=village,
            group=group,
            call=call,
        )
    return call


@transaction.atomic
def liaison_power_back(
    *, user: User, village: Village, outage: Outage, group: VillageGroup | None
) -> OutageEvent:
    """The liaison confirms power is back in their group: recorded on the outage."""
    if outage not in village_outages(village):
        raise LiaisonError(_("That outage does not reach your village."))
    where = group.name if group else village.name
    return OutageEvent.objects.create(
        outage=outage,
        at=timezone.now(),
        by=user,
        what="liaison_on",
        note=_("Power back in %(where)s") % {"where": where},
    )
