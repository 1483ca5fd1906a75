"""Reading a village: which outages reached it, its reliability so far, its recent contacts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.community.models import Liaison, LiaisonActivity, Village
from powerdesk.lib.forms import id_or_none
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import Outage
from powerdesk.reliability import selectors as reliability_selectors
from powerdesk.reliability.selectors import AreaYear


@dataclass(frozen=True)
class VillageInterruption:
    outage: Outage
    customers: int  # the village's customers below the device


def customers_by_device(village: Village) -> dict[int, int]:
    """For every device above one of the village's transformer areas: the village's customers
    below it (one query per feeder for the parent links). Pass it as ``below`` to the functions
    here when a page needs several of them."""
    transformers = list(
        GridNode.objects.filter(village=village, kind=NodeKind.TRANSFORMER)
        .annotate(n=Count("customers", filter=Q(customers__village=village)))
        .values_list("pk", "feeder_id", "n")
    )
    below: dict[int, int] = {}
    for feeder_id in {feeder for _pk, feeder, _n in transformers}:
        parents = dict(GridNode.objects.filter(feeder_id=feeder_id).values_list("pk", "parent_id"))
        for pk, feeder, n in transformers:
            if feeder != feeder_id:
                continue
            node: int | None = pk
            while node is not None:
                below[node] = below.get(node, 0) + n
                node = parents.get(node)
    return below


def village_interruptions(
    village: Village,
    start: dt.datetime,
    end: dt.datetime,
    *,
    below: dict[int, int] | None = None,
) -> list[VillageInterruption]:
    """Outages that took supply from some of the village's customers between start and end."""
    below = customers_by_device(village) if below is None else below
    candidates = (
        Outage.objects.for_station(village.station_id)
        .filter(device_id__in=list(below), starts_at__lt=end)
        .exclude(status__in=[Outage.Status.ANNOUNCED, Outage.Status.CANCELLED])
        .filter(Q(restored_at__isnull=True) | Q(restored_at__gt=start))
        .select_related("device", "link")
        .order_by("-starts_at")
    )
    return [VillageInterruption(o, below[o.device_id]) for o in candidates if below[o.device_id]]


def village_reliability(village: Village, *, year: int | None = None) -> AreaYear:
    """RS-1, SAIDI, SAIFI and the rest for the village from 1 January to now (or a past year):
    the station's reliability selector, for this village's households and transformer areas."""
    return reliability_selectors.village_reliability(village.station, village.pk, year=year)


def village_current_outages(
    village: Village, *, below: dict[int, int] | None = None
) -> list[Outage]:
    """Current and announced outages above any transformer area of the village."""
    below = customers_by_device(village) if below is None else below
    if not below:
        return []
    return list(
        Outage.objects.for_station(village.station_id)
        .filter(device_id__in=list(below))
        .exclude(status__in=[Outage.Status.RESTORED, Outage.Status.CANCELLED])
        .select_related("device")
        .order_by("starts_at")
    )


RESTORED_SHOWN = dt.timedelta(hours=24)  # a restored outage stays on the liaison's page so long


def village_restored_outages(
    village: Village, *, now: dt.datetime | None = None, below: dict[int, int] | None = None
) -> list[Outage]:
    """Fault and planned outages above the village restored within ``RESTORED_SHOWN``, newest
    first: the liaison's page says when power came back, as the board's "recently restored"
    does, instead of dropping the outage without a word (walk78 L6). One the chief confirmed
    was no interruption (the crew found the power on) is left out (review79 L9)."""
    below = customers_by_device(village) if below is None else below
    if not below:
        return []
    since = (now or timezone.now()) - RESTORED_SHOWN
    return list(
        Outage.objects.for_station(village.station_id)
        .filter(
            device_id__in=list(below),
            status=Outage.Status.RESTORED,
            restored_at__gte=since,
            not_interruption_at__isnull=True,
        )
        .select_related("device")
        .order_by("-restored_at", "-pk")
    )


# -- the list pages' rows: each page and its export read the same selector ------------------


def villages_listed(station: Station) -> list[Village]:
    """The station's villages with their groups, households, remote groups and liaisons."""
    villages: list[Village] = list(
        Village.objects.for_station(station)
        .annotate(
            group_count=Count("groups", distinct=True),
            customer_count=Count("customers", distinct=True),
            remote_group_count=Count(
                "groups", filter=Q(groups__no_road_access=True), distinct=True
            ),
        )
        .order_by("name", "pk")
    )
    liaisons = dict(
        Liaison.objects.filter(village__in=villages, active=True)
        .values("village")
        .annotate(n=Count("pk"))
        .values_list("village", "n")
    )
    for village in villages:
        village.liaison_count = liaisons.get(village.pk, 0)  # type: ignore[attr-defined]
    return villages


# A village's liaisons as its page lists them: serving ones first, by group and role.
_LIAISON_ORDER = ("-active", "group__name", "role", "pk")


def village_liaisons(village: Village) -> QuerySet[Liaison]:
    return village.liaisons.select_related("village", "group", "user").order_by(*_LIAISON_ORDER)


def _village_asked(station: Station, params: QueryDict) -> int | None:
    """The id of the ``village`` a list is narrowed to; another station's village (or one that
    does not exist) narrows to nothing, as if it did not exist."""
    village_id = id_or_none(params.get("village"))
    if village_id is None:
        return None
    return village_id if Village.objects.for_station(station).filter(pk=village_id).exists() else 0


def liaisons_listed(*, station: Station, params: QueryDict) -> QuerySet[Liaison]:
    """The liaisons of one ``village`` (as on its page), or of every village of the station."""
    liaisons = Liaison.objects.for_station(station).select_related("village", "group", "user")
    village_id = _village_asked(station, params)
    if village_id is not None:
        return liaisons.filter(village_id=village_id).order_by(*_LIAISON_ORDER)
    return liaisons.order_by("village__name", *_LIAISON_ORDER)


def activities_listed(*, station: Station, params: QueryDict) -> QuerySet[LiaisonActivity]:
    """The contact log of one ``village`` (or of all), the latest first."""
    activities = LiaisonActivity.objects.for_station(station).select_related(
        "village", "liaison", "by"
    )
    village_id = _village_asked(station, params)
    if village_id is not None:
        activities = activities.filter(village_id=village_id)
    return activities.order_by("-at", "-pk")
