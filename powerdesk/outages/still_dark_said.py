"""What a restore did for the callers of the orders joined to the outage, said on the board,
and what an order's page says of its callers still dark under another outage (walk41, 8: the
board said "the joined work orders are resolved" while a joined order's caller was still dark
under a smaller outage below, to be called back only after its restore)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from powerdesk.customers.models import Customer
from powerdesk.network.models import NodeKind
from powerdesk.network.selectors import devices_above
from powerdesk.outages.models import Outage, OutageCallback, OutageLink
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.models import WorkOrderStatus as S

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

_OPEN = (Outage.Status.ACTIVE, Outage.Status.ANNOUNCED)
_OPEN_ORDER = (S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE)


class StillDark(NamedTuple):
    """An outage still keeping ``callers`` households that called dark."""

    outage: Outage
    callers: int


def _callers(orders: list[WorkOrder]) -> set[int]:
    """The households that called on ``orders``, and the orders' own."""
    found = set(
        Call.objects.filter(work_order__in=orders, customer__isnull=False).values_list(
            "customer_id", flat=True
        )
    )
    return found | {o.customer_id for o in orders if o.customer_id is not None}


def _dark_under(
    customers: set[int], *, besides: Outage | None, begun_by: dt.datetime | None = None
) -> list[StillDark]:
    """The open outages (not ``besides``; begun by ``begun_by`` when given) keeping any of
    ``customers`` dark, as their callbacks are listed on them (``aftercare.
    _callbacks_after_dark``) or their own open orders joined to them (``aftercare._keep_open``):
    each with how many, the oldest first."""
    if not customers:
        return []
    begun = Q(outage__starts_at__lte=begun_by) if begun_by is not None else Q()
    held: dict[int, set[int]] = {}
    callbacks = OutageCallback.objects.filter(
        begun, customer_id__in=customers, done_at=None, outage__status__in=_OPEN
    ).values_list("outage_id", "customer_id")
    # An open order joined to it holds every household that called on it, not only its own:
    # a caller whose call was added to another household's order (walk42, 6) is called back
    # with that order, as the callback list then lists her.
    links = OutageLink.work_orders.through.objects.filter(
        Q(outagelink__outage__starts_at__lte=begun_by) if begun_by is not None else Q(),
        Q(workorder__customer_id__in=customers) | Q(workorder__calls__customer_id__in=customers),
        outagelink__outage__status__in=_OPEN,
        workorder__status__in=_OPEN_ORDER,
    ).values_list("workorder_id", "outagelink__outage_id")
    outages_of: dict[int, set[int]] = {}
    for order_id, outage_id in links:
        outages_of.setdefault(order_id, set()).add(outage_id)
    own = list(
        WorkOrder.objects.filter(pk__in=outages_of, customer_id__in=customers).values_list(
            "pk", "customer_id"
        )
    )
    added = list(
        Call.objects.filter(work_order_id__in=outages_of, customer_id__in=customers).values_list(
            "work_order_id", "customer_id"
        )
    )
    # Another household's caller is still dark there only if below its device.
    below = _below({o for order_id, _c in added for o in outages_of[order_id]}, customers)
    joined = [(o, c) for order_id, c in own for o in outages_of[order_id]] + [
        (o, c) for order_id, c in added for o in outages_of[order_id] if c in below[o]
    ]
    for outage_id, customer_id in [*callbacks, *joined]:
        if besides is None or outage_id != besides.pk:
            held.setdefault(outage_id, set()).add(customer_id)
    outages = Outage.objects.filter(pk__in=held).select_related("device").order_by("starts_at")
    return [StillDark(o, len(held[o.pk])) for o in outages]


def _below(outage_ids: set[int], customers: set[int]) -> dict[int, set[int]]:
    """Of ``customers``, those below each outage's device (as the board's separate orders go to
    the nearest outage above them: ``joined.separate_orders``). Three queries, however many
    outages (none without an outage)."""
    if not outage_ids:
        return {}
    outages = list(Outage.objects.filter(pk__in=outage_ids).select_related("device"))
    if not outages:
        return {}
    areas = list(
        Customer.objects.filter(
            pk__in=customers, transformer__kind=NodeKind.TRANSFORMER
        ).values_list("pk", "transformer_id")
    )
    above = devices_above({t for _c, t in areas}, [o.device for o in outages])
    return {o.pk: {c for c, t in areas if o.device_id in above[t]} for o in outages}


def _inner_outages(outage: Outage) -> list[Outage]:
    """The outages with the power still off inside ``outage`` (on a device below its device),
    the oldest first.

    Only ``outage``'s own feeder is walked (``subtree_ids``): a device on another feeder is
    never below it. Every element's feeder is the one of the outlet breaker at its root (the
    network import files each element under its root's feeder; a source has no parent), and a
    grid element's parent is refused on another feeder (``GridNode.clean``): the model has no
    tie, nor a feeder fed from another's bus (``tests/test_inner_outage_feeder.py`` pins it)."""
    from powerdesk.network.selectors import subtree_ids

    return list(
        Outage.objects.filter(
            station_id=outage.station_id,
            status=Outage.Status.ACTIVE,
            device_id__in=subtree_ids(outage.device),
        )
        .exclude(pk=outage.pk)
        .select_related("device")
        .order_by("starts_at", "pk")
    )


class InnerDark(NamedTuple):
    """An outage still on inside a restored one: how many of its own callers are still dark,
    and the households with a medical need or an elderly person alone it keeps dark that did
    not call (by name), called back after its restore too (``aftercare._callbacks_due``)."""

    outage: Outage
    callers: int
    cared: list[str]


def _inner_dark(outage: Outage, counted: set[int]) -> list[InnerDark]:
    """The outages with the power still off inside ``outage``, each with how many of its own
    callers are still dark (the households that called on its open joined orders and those on
    its callback list for a call) and the households with a medical need or an elderly person
    alone it keeps dark that did not call (``_cared_dark``), not among ``counted``
    (``outage``'s callers, said already). The oldest first; those with neither left out."""
    inner = _inner_outages(outage)
    if not inner:
        return []
    held: dict[int, set[int]] = {o.pk: set() for o in inner}
    joined = OutageLink.work_orders.through.objects.filter(
        outagelink__outage__in=inner, workorder__status__in=_OPEN_ORDER
    ).values_list("outagelink__outage_id", "workorder_id")
    orders_of: dict[int, int] = dict((order_id, o) for o, order_id in joined)
    for order_id, customer_id in [
        *WorkOrder.objects.filter(pk__in=orders_of, customer__isnull=False).values_list(
            "pk", "customer_id"
        ),
        *Call.objects.filter(work_order_id__in=orders_of, customer__isnull=False).values_list(
            "work_order_id", "customer_id"
        ),
    ]:
        held[orders_of[order_id]].add(customer_id)
    for outage_id, customer_id in OutageCallback.objects.filter(
        outage__in=inner, done_at=None, reason=OutageCallback.Reason.CALLER
    ).values_list("outage_id", "customer_id"):
        held[outage_id].add(customer_id)
    called = counted.union(*held.values())
    cared = _cared_dark(inner, called)
    found = [InnerDark(o, len(held[o.pk] - counted), cared.get(o.pk, [])) for o in inner]
    return [d for d in found if d.callers or d.cared]


def _cared_dark(inner: list[Outage], called: set[int]) -> dict[int, list[str]]:
    """The households with a medical need or an elderly person living alone kept dark by each
    of ``inner`` (a fault outage: after planned work they were told of it before, and are not
    called back), not among ``called``, by name: each under the nearest of them (the one
    dark over the fewest elements), whose restore lists it for a callback as ``aftercare.
    _callbacks_due`` does every such household below the device."""
    from powerdesk.outages.restoration import dark_device_ids_of

    faults = [o for o in inner if o.kind == Outage.Kind.UNPLANNED]
    if not faults:
        return {}
    dark = dark_device_ids_of(faults)
    rows = (
        Customer.objects.filter(
            Q(medical_need=True) | Q(elderly_alone=True),
            transformer_id__in=list(set().union(*dark.values())),
        )
        .exclude(pk__in=list(called))
        .order_by("name", "pk")
        .values_list("transformer_id", "name", "account_number")
    )
    found: dict[int, list[str]] = {}
    for area, name, account in rows:
        nearest = min((o for o in faults if area in dark[o.pk]), key=lambda o: len(dark[o.pk]))
        found.setdefault(nearest.pk, []).append(name or account)
    return found


_NAMED = 5  # households named in a restore's line; more are counted, "…等"


def _inner_said(dark: list[InnerDark], *, more: bool) -> list[str]:
    """The callers of the outages inside a restored one, still dark, said after its own
    ("另有 4 位来电人属于其下左门上村2号台区停电，仍未复电，复电后回访": walk43, 3, a dispatcher
    reading "1 位" of the fuse's own callers took the area for nearly done), and the households
    with a medical need or an elderly person alone it keeps dark that never called, by name
    (the station calls them back after its restore too). "More" / "too" only after a count
    said before (``more``: the restored outage's own callers; then each line said): without
    one, plain words (walk47, 3: "另有 2 户…也回访" when nothing came before)."""
    said = []
    for d in dark:
        if d.callers:
            said.append(_inner_callers(d, more=more))
            more = True
        if d.cared:
            said.append(_inner_cared(d, too=more))
            more = True
    return said


def _inner_callers(d: InnerDark, *, more: bool) -> str:
    if more:
        text = ngettext(
            "%(count)d more caller, of the outage on %(device)s within it, is still "
            "dark: called back after its restore.",
            "%(count)d more callers, of the outage on %(device)s within it, are still "
            "dark: called back after its restore.",
            d.callers,
        )
    else:
        text = ngettext(
            "%(count)d caller, of the outage on %(device)s within it, is still dark: "
            "called back after its restore.",
            "%(count)d callers, of the outage on %(device)s within it, are still dark: "
            "called back after its restore.",
            d.callers,
        )
    return text % {"count": d.callers, "device": d.outage.device}


def _inner_cared(d: InnerDark, *, too: bool) -> str:
    names = pgettext("list separator", ", ").join(d.cared[:_NAMED])
    if len(d.cared) > _NAMED:
        names = _("%(names)s and others") % {"names": names}
    if too:
        text = ngettext(
            "%(count)d household with a medical need or an elderly person living alone "
            "(%(names)s), under the outage on %(device)s within it, did not call and is "
            "still dark: called back after its restore too.",
            "%(count)d households with a medical need or an elderly person living alone "
            "(%(names)s), under the outage on %(device)s within it, did not call and are "
            "still dark: called back after its restore too.",
            len(d.cared),
        )
    else:
        text = ngettext(
            "%(count)d household with a medical need or an elderly person living alone "
            "(%(names)s), under the outage on %(device)s within it, did not call and is "
            "still dark: called back after its restore.",
            "%(count)d households with a medical need or an elderly person living alone "
            "(%(names)s), under the outage on %(device)s within it, did not call and are "
            "still dark: called back after its restore.",
            len(d.cared),
        )
    return text % {"count": len(d.cared), "names": names, "device": d.outage.device}


INNER_STILL_ON = "inner_still_on"  # the restored outage's line of the outages still on inside


def inner_still_on_recorded(outage: Outage, user: User | None) -> None:
    """``outage`` restored (by ``user``) with outages still on inside it: its history says
    they stay on (the devices named, their ids kept), so that its record does not read as the
    whole area back."""
    inner = _inner_outages(outage)
    if not inner:
        return
    from powerdesk.outages.history import outage_history_add
    from powerdesk.servicedesk.history_notes import note_part, note_said

    said = note_said(
        INNER_STILL_ON,
        n=len(inner),
        devices=note_part("items", items=[o.device.name or o.device.code for o in inner]),
        outages=[o.pk for o in inner],
    )
    outage_history_add(outage, user, INNER_STILL_ON, said=said)


def restore_said(outage: Outage) -> str:
    """The board's word after ``outage`` is restored: its joined orders resolved, and the
    callers still dark under another outage named with it, to be called back after its
    restore ("1 位来电人仍在左门下村1号台区停电中，复电后回访"); then the callers of the outages
    still on inside it and the households with a medical need or an elderly person alone they
    keep dark that did not call (``_inner_dark``)."""
    link = getattr(outage, "link", None)
    orders = list(link.work_orders.all()) if link is not None else []
    callers = _callers(orders) if orders else set()
    dark = _dark_under(callers, besides=outage) if orders else []
    # "More" only after a count said: the callers still dark elsewhere (review46, 11).
    inner = _inner_said(_inner_dark(outage, callers), more=bool(dark))
    if not orders:
        return " ".join([_("Power is back."), *inner])
    if not dark:
        return " ".join([_("Power is back; the joined work orders are resolved."), *inner])
    return " ".join(
        [
            _("Power is back."),
            *(
                ngettext(
                    "%(count)d caller is still dark under the outage on %(device)s: called "
                    "back after its restore.",
                    "%(count)d callers are still dark under the outage on %(device)s: called "
                    "back after its restore.",
                    d.callers,
                )
                % {"count": d.callers, "device": d.outage.device}
                for d in dark
            ),
            *inner,
        ]
    )


def order_callback_waits(order: WorkOrder) -> list[str]:
    """What ``order``'s page says of its callers still dark under an outage it is not joined
    to while open (its power back resolved it, the callback waits): one line an outage; only
    an outage already begun when it was resolved (not one of a later call)."""
    if order.is_open or order.resolved_at is None:
        return []
    return [
        ngettext(
            "%(count)d caller of this order is still dark under the outage on %(device)s: "
            "their callback waits for its restore.",
            "%(count)d callers of this order are still dark under the outage on %(device)s: "
            "their callback waits for its restore.",
            d.callers,
        )
        % {"count": d.callers, "device": d.outage.device}
        for d in _dark_under(_callers([order]), besides=None, begun_by=order.resolved_at)
    ]


__all__ = [
    "INNER_STILL_ON",
    "InnerDark",
    "StillDark",
    "inner_still_on_recorded",
    "order_callback_waits",
    "restore_said",
]
