"""The calls and work orders joined to an outage: the open orders of the households below it,
the outage's one order that later calls join, and the outage a customer or an order is under.
The customers below a device are ``below``'s, imported from here too.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, may, require
from powerdesk.customers.models import Customer
from powerdesk.network.selectors import devices_above
from powerdesk.outages.below import customer_below as customer_below
from powerdesk.outages.below import customers_below as customers_below
from powerdesk.outages.below import customers_below_counts as customers_below_counts
from powerdesk.outages.crew import outage_take_joined_crew
from powerdesk.outages.crew_stage import crew_stage_job, order_opened_at_crew_stage
from powerdesk.outages.history import outage_history_add
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.outages.selectors import outages_affecting
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import Call, Category, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.models import WorkOrderStatus as S
from powerdesk.servicedesk.models.core import SummaryKind
from powerdesk.servicedesk.titles import outage_title_stored

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.network.models import GridNode

# Calls that came in shortly before the first sign (a clock a little off) still belong to it.
JOIN_SLACK = dt.timedelta(hours=1)
# An order still being worked on (the crew's job until the restore resolves it).
OPEN = (S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE)


def outage_link(outage: Outage) -> OutageLink:
    link, _created = OutageLink.objects.get_or_create(outage=outage)
    return link


def outage_join_open_orders(*, outage: Outage, user: User | None = None) -> int:
    """Join the open fault-repair orders of the households below the device, opened since
    (about) the first sign, and the calls kept waiting for it (``Call.awaits_outage_on``) to
    its one order; each is a line of the outage's history and of the order's. An outage no
    crew was sent to takes the crew already on one of those orders
    (``crew.outage_take_joined_crew``), and the kept calls' order goes to it. Returns how
    many orders were joined. The crew so taken works the outage as one sent to it
    (``life.outage_crew_already_on``: its job the outage's order, urgent, the crew texted)."""
    link = outage_link(outage)
    found = orders_to_join(
        station_id=outage.station_id, device=outage.device, starts_at=outage.starts_at, link=link
    )
    link.work_orders.add(*found)
    said = note_said("joined_outage", device=str(outage.device))
    for order in found:
        WorkOrderEvent.objects.create(
            work_order=order, at=timezone.now(), by=user, kind=WorkOrderEvent.Kind.NOTE, **said
        )
    if found:
        numbers = [o.number for o in found]
        outage_history_add(outage, user, "orders_joined", said=note_said("items", items=numbers))
        crew = outage_take_joined_crew(outage, user)
        if crew is not None:
            # Its job is the outage's at once, urgent for it, and the crew is told.
            from powerdesk.outages.life import outage_crew_already_on

            outage_crew_already_on(outage, crew, user)
    waiting = list(
        Call.objects.filter(
            station_id=outage.station_id,
            awaits_outage_on__isnull=False,
            work_order=None,
            status=Call.Status.ANSWERED,
            category=Category.FAULT_REPAIR,
            customer__in=customers_below(outage.device),
            received_at__gte=outage.starts_at - JOIN_SLACK,
        ).order_by("received_at", "pk")
    )
    for call in waiting:
        order = outage_order_for_call(outage=outage, call=call, user=user)
    if waiting:
        said = note_said("calls_kept", n=len(waiting), number=order.number)
        outage_history_add(outage, user, "calls_joined", said=said)
    return len(found)


def _not_said_on(orders: list[WorkOrder]) -> list[WorkOrder]:
    """``orders`` without those whose every call says the caller has power ("我家有电":
    ``power_said_on``; walk39, 1): such an order is no call about the outage, and never joins
    it. One query."""
    from powerdesk.outages.desk_signals import power_said_on

    if not orders:
        return orders
    said: dict[int, list[bool]] = {}
    for order_id, text in Call.objects.filter(work_order__in=orders).values_list(
        "work_order_id", "text"
    ):
        said.setdefault(order_id, []).append(power_said_on(text))
    return [o for o in orders if not (said.get(o.pk) and all(said[o.pk]))]


def orders_to_join(
    *, station_id: int, device: GridNode, starts_at: dt.datetime, link: OutageLink | None = None
) -> list[WorkOrder]:
    """The orders an outage on ``device`` from ``starts_at`` joins (``outage_join_open_orders``;
    ``link``: its link, None for one not recorded yet, as the ask before recording reckons its
    crew: ``record_ask.crew_state_below``): the open fault-repair orders of the households below
    it, opened since (about) its first sign, not joined to it already, not another outage's own
    job, and not one whose every call says the caller has power; the earliest first."""
    # Another outage's own job (its crew's, the wider one's callers joined to it) stays its own:
    # joined here too, the crew sent to that outage was texted this one's households (walk43, 1).
    others_jobs = OutageLink.objects.filter(
        outage__station_id=station_id,
        outage__status=Outage.Status.ACTIVE,
        order__isnull=False,
    )
    orders = WorkOrder.objects.filter(
        station_id=station_id,
        category=Category.FAULT_REPAIR,
        status__in=OPEN,
        customer__in=customers_below(device),
        created_at__gte=starts_at - JOIN_SLACK,
    )
    if link is not None:
        others_jobs = others_jobs.exclude(pk=link.pk)
        orders = orders.exclude(outage_links=link)
    orders = orders.exclude(pk__in=others_jobs.values("order_id"))
    return _not_said_on(list(orders.order_by("created_at", "pk")))


def separate_orders(outages: list[Outage]) -> dict[int, list[WorkOrder]]:
    """For each fault outage with the power off (by id), the callers' open fault-repair orders
    below it since its first sign that are joined to no outage (opened "as a new matter", or
    before anyone recorded it): for staff to join them in one step. Each order goes to the
    nearest outage above it (none whose calls all say the caller has power). At most three
    queries, however many outages."""
    off = [
        o for o in outages if (o.status, o.kind) == (Outage.Status.ACTIVE, Outage.Kind.UNPLANNED)
    ]
    if not off:
        return {}
    since = min(o.starts_at for o in off) - JOIN_SLACK
    orders = list(
        WorkOrder.objects.filter(
            station_id=off[0].station_id,
            category=Category.FAULT_REPAIR,
            status__in=OPEN,
            created_at__gte=since,
            customer__transformer__isnull=False,
            outage_links=None,
        )
        .select_related("customer")
        .order_by("created_at", "pk")
    )
    orders = _not_said_on(orders)
    if not orders:
        return {}
    above = devices_above(
        {o.customer.transformer_id for o in orders if o.customer is not None},
        [o.device for o in off],
    )
    by_device = {o.device_id: o for o in off}
    found: dict[int, list[WorkOrder]] = {}
    for order in orders:
        customer = order.customer
        assert customer is not None and customer.transformer_id is not None
        nearest = above[customer.transformer_id]
        if nearest:  # the nearest outage above it
            outage = by_device[nearest[0]]
            if order.created_at >= outage.starts_at - JOIN_SLACK:
                found.setdefault(outage.pk, []).append(order)
    return found


@transaction.atomic
def outage_join_separate_orders(*, outage: Outage, user: User | None) -> int:
    """Staff join the callers' orders below ``outage`` that stayed separate (``separate_orders``)
    to it, each with its history line; returns how many."""
    require(user, outage.station_id, Do.OUTAGE_DECLARE)
    if (outage.status, outage.kind) != (Outage.Status.ACTIVE, Outage.Kind.UNPLANNED):
        raise OutageError(_("Only a fault outage with the power off gets the callers' orders."))
    return outage_join_open_orders(outage=outage, user=user)


def outages_off_above(customer: Customer) -> list[Outage]:
    """The fault outages with the power off above the customer, the nearest first (the one on
    the lowest device above its transformer area: a fuse's before the feeder's it lies in)."""
    from powerdesk.outages.predicted import devices_up

    if customer.transformer is None:
        return []
    active = [
        o
        for o in outages_affecting(customer)
        if o.status == Outage.Status.ACTIVE and o.kind == Outage.Kind.UNPLANNED
    ]
    if len(active) < 2:
        return active
    up = {pk: i for i, pk in enumerate(devices_up(customer.transformer))}
    return sorted(active, key=lambda o: (up.get(o.device_id, len(up)), -o.pk))


def nearest_outage_above(customer: Customer) -> Outage | None:
    """The fault outage with the power off on the lowest device above the customer: the one a
    call from them joins (its order, its crew, its callback list: a caller still dark when it is
    restored is moved to the next one up, ``aftercare``), as the board's separate orders go
    (``separate_orders``). Not what the household is told: ``outage_told_above``."""
    found = outages_off_above(customer)
    return found[0] if found else None


def outage_told_above(customer: Customer) -> Outage | None:
    """The fault outage with the power off above the customer whose restore gives them power
    back: of outages one inside another, the one that ends last (``ends_last``; the wider one
    when they end together). What the household is told — at intake first
    (``tell_caller.wider_outage``), in the answer to their text — never the inner one's earlier
    time. The call still joins the nearest (``nearest_outage_above``)."""
    found = outages_off_above(customer)
    return ends_last(found) if found else None


def ends_last(outages: list[Outage]) -> Outage:
    """Of ``outages`` (nearest first), the one whose power comes back last: the latest time set
    by staff, an outage with no time set last of all; the widest of those ending together
    (power is back only when it is restored too)."""
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return max(reversed(outages), key=lambda o: o.expected_restore_at or far)


def active_outage_of(order: WorkOrder) -> Outage | None:
    """The outage with the power off that ``order`` is joined to, if any."""
    return (
        Outage.objects.filter(
            link__work_orders=order, status=Outage.Status.ACTIVE, station_id=order.station_id
        )
        .select_related("device")
        .first()
    )


def outage_in_charge(order: WorkOrder) -> Outage | None:
    """The outage ``order`` is joined to while that outage is being worked on (the power off,
    or planned work not yet done): its crew is the outage's, sent from the outage for all its
    orders at once (``life.outage_dispatch``), never from the order on its own."""
    return (
        Outage.objects.filter(
            link__work_orders=order,
            station_id=order.station_id,
            status__in=(Outage.Status.ACTIVE, Outage.Status.ANNOUNCED),
        )
        .select_related("device", "link__crew", "link__order")
        .order_by("-starts_at")
        .first()
    )


def caller_order_joined(link: OutageLink, customer: Customer | None) -> WorkOrder | None:
    """The customer's own open order among those joined to the outage (None for a caller the
    number does not find, or without one), the newest first."""
    if customer is None:
        return None
    return (
        link.work_orders.filter(
            customer=customer, status__in=(S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE)
        )
        .order_by("-pk")
        .first()
    )


def outage_order_for_call(*, outage: Outage, call: Call, user: User | None) -> WorkOrder:
    """The outage's one work order, which the call joins: made by the first call, or by a
    later one when the outage has none open and its crew has no job on it. When the crew's job
    is an earlier caller's order joined to the outage (one confirmed from a prediction, the
    outage recorded after the calls), that job is the outage's order and the call joins it
    (walk37, 15). A new order is sent to the outage's crew; while that crew is on its way or
    on site, at its stage (``crew_stage``): a caller is never told "dispatched" with a time to
    arrive by when the crew is there."""
    from powerdesk.servicedesk.order_again import work_order_join_call
    from powerdesk.servicedesk.services import work_order_create

    link = OutageLink.objects.select_for_update().filter(pk=outage_link(outage).pk).get()
    # A caller whose own order is joined to the outage already (joined as the outage was
    # recorded, or by a call before) rings again: the call joins their order. Opening the
    # outage's order in their name would give them two orders and two callbacks (walk36, 1).
    own = caller_order_joined(link, call.customer)
    if own is not None:
        work_order_join_call(work_order=own, call=call, user=user)
        return own
    joined = link.order
    if (joined is None or joined.status not in OPEN) and link.crew is not None:
        # The outage's order is its crew's job (walk37, 15): an earlier caller's order the crew
        # was sent to, or works on, when the outage has none open of its own (its crew sent
        # while its only joined order's clock was paused, a caller's order that crew was sent
        # to joined after). The call joins it, as every later caller joins the outage's order
        # (called back from the outage's list: ``aftercare``), never a second order titled
        # after the outage beside the job the crew's card shows; made the outage's job as a
        # dispatch makes it (titled "停电：<device>", urgent, lines of its history).
        from powerdesk.outages.life import caller_order_the_job

        caller_order_the_job(outage, link, link.crew, user)
        if link.order_id is not None:  # retitled and made urgent: read as it is now
            joined = WorkOrder.objects.get(pk=link.order_id)
    if joined is not None and joined.status in OPEN:
        work_order_join_call(work_order=joined, call=call, user=user)
        return joined
    # The outage's crew already on its way or on site: the order opens at the crew's stage,
    # urgent only if the call is (a danger, a medical need), not for the outage it joins.
    ahead = crew_stage_job(outage, link.crew_id)
    order = work_order_create(
        station=outage.station,
        user=user,
        category=Category.FAULT_REPAIR,
        urgent=call.urgent if ahead is not None else True,
        summary=outage_title_stored(outage.device.name or outage.device.code),
        summary_kind=SummaryKind.OUTAGE,
        description=call.text,
        # The first caller is called back on the order; later callers on the outage's list.
        customer=call.customer,
        village=call.village or outage.device.village,
        group=call.group,
        call=call,
    )
    link.work_orders.add(order)
    link.order = order
    link.save(update_fields=["order"])
    return order_to_outage_crew(order, outage, link, user, ahead=ahead)


def order_to_outage_crew(
    order: WorkOrder,
    outage: Outage,
    link: OutageLink,
    user: User | None,
    *,
    ahead: WorkOrder | None,
) -> WorkOrder:
    """``order``, just joined to ``outage``, sent to its crew if one is sent: by the office when
    ``user`` may send crews (a liaison's report only follows the crew there), at the crew's
    stage on ``ahead``, its job set out on (``crew_stage_job``, read before the order joined)."""
    from powerdesk.servicedesk.services import work_order_dispatch

    if link.crew is None:
        return order
    sender = user if may(user, outage.station_id, Do.ORDER_DISPATCH) else None
    order = work_order_dispatch(work_order=order, crew=link.crew, user=sender, for_outage=outage)
    return order if ahead is None else order_opened_at_crew_stage(order, ahead, user=user)
