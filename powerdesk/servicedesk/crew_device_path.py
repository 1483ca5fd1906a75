"""Whether the device a crew names for an order's fault is where that fault can be: on the line
from the order's households (its customer's transformer, and those of the callers joined to it)
up to the feeder's breaker. An order with no household on the grid (a liaison's report) is
placed by its village group (the transformers its households are on), or else its village (the
village's transformers and those its households are on). A device on another branch, in another
village, is a typo or a wrong account: refused at the field, unless the crew says it is sure
(``other_device``), which the order's history records. A resolution is checked by
``services.work_order_transition`` for the three that resolve an order alike: the crew's phone,
the order's page and the API (400 naming the field and the flag).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _

from powerdesk.lib.forms import InputError
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import Call, WorkOrder, WorkOrderEvent

if TYPE_CHECKING:
    import datetime as dt

    from powerdesk.accounts.models import User

__all__ = [
    "DeviceOffPathError",
    "confirm_words",
    "device_checked",
    "device_elsewhere_recorded",
    "devices_on_place_line",
    "path_ends",
]

# A feeder is never deeper than this (the walk up stops there, whatever the data says).
_DEPTH = 500
# The box a crew ticks when it is sure the fault is on a device off the order's line.
CONFIRM_FIELD = "other_device"


class DeviceOffPathError(InputError):
    """The device named is not on the order's line: said at the device field, with the box to
    tick when the crew is sure (the account on the order is wrong)."""

    field = "device"
    confirm = CONFIRM_FIELD


def _what_may_be_wrong(order: WorkOrder) -> str:
    """What on the order may be wrong when the fault is off its line: its account; on an
    order without one, the village group or the village it is placed by ("group", "village";
    "" for the account)."""
    if order.customer_id is None:
        if order.group_id is not None:
            return "group"
        if order.village_id is not None:
            return "village"
    return ""


def confirm_words(order: WorkOrder) -> str:
    """The words of the box "It is this device": what is wrong on the order when the fault really
    is at a device off its line. Its account; on an order without one (a liaison's report), the
    village group or the village it is placed by (no query: read from the order alone), in the
    reader's language."""
    wrong = _what_may_be_wrong(order)
    if wrong == "group":
        return _("It is this device (the village group on the order is wrong)")
    if wrong == "village":
        return _("It is this device (the village on the order is wrong)")
    return _("It is this device (the account on the order is wrong)")


def path_ends(order: WorkOrder) -> list[GridNode]:
    """The transformers the order's households are on: its customer's, and its callers'; with
    none, those of the order's place (``_place_ends``)."""
    return _household_ends(order) or _place_ends(order)


def devices_on_place_line(order: WorkOrder) -> list[GridNode]:
    """The elements on the line from the order's place (its village group's transformers, else
    its village's) up to the feeder, those the crew may name without "It is this device": what
    the cause's device field offers on a job with no household on the grid (a liaison's danger
    report: walk71, L7, the crew had to know "上村支线02号杆"). Feeder by feeder, by code."""
    ends = _place_ends(order)
    if not ends:
        return []
    return list(
        GridNode.objects.filter(pk__in=_path_ids(ends))
        .select_related("feeder")
        .order_by("feeder__code", "code")
    )


def _household_ends(order: WorkOrder) -> list[GridNode]:
    ids: set[int] = set()
    if order.customer is not None and order.customer.transformer_id is not None:
        ids.add(order.customer.transformer_id)
    ids.update(
        pk
        for pk in Call.objects.filter(work_order=order).values_list(
            "customer__transformer_id", flat=True
        )
        if pk is not None
    )
    return list(GridNode.objects.filter(pk__in=ids).order_by("pk"))


def _place_ends(order: WorkOrder) -> list[GridNode]:
    """The transformers of the order's village group (those its households are on), or, with
    no group or none known there, of its village. None when nothing is known of the place."""
    from powerdesk.customers.models import Customer

    transformers = GridNode.objects.filter(station_id=order.station_id, kind=NodeKind.TRANSFORMER)
    if order.group_id is not None:
        ids = Customer.objects.filter(group_id=order.group_id).values("transformer_id")
        ends = list(transformers.filter(pk__in=ids).order_by("pk"))
        if ends:
            return ends
    if order.village_id is None:
        return []
    ids = Customer.objects.filter(village_id=order.village_id).values("transformer_id")
    return list(transformers.filter(Q(pk__in=ids) | Q(village_id=order.village_id)).order_by("pk"))


def _path_ids(ends: list[GridNode]) -> set[int]:
    """The elements from each end up to its feeder's top, the ends included."""
    found: set[int] = set()
    parents = dict(
        GridNode.objects.filter(feeder_id__in={e.feeder_id for e in ends}).values_list(
            "pk", "parent_id"
        )
    )
    for end in ends:
        pk: int | None = end.pk
        for _step in range(_DEPTH):
            if pk is None or pk in found:
                break
            found.add(pk)
            pk = parents.get(pk)
    return found


def device_checked(order: WorkOrder, device: GridNode, *, confirmed: bool) -> bool:
    """Whether ``device`` is off the order's line and the crew confirmed it (to be recorded:
    ``device_elsewhere_recorded``). Raises ``DeviceOffPathError`` for a device off the line that
    is not confirmed. An order placed nowhere on the grid (no household, no known place) takes
    any device."""
    ends = path_ends(order)
    if not ends or device.pk in _path_ids(ends):
        return False
    if confirmed:
        return True
    end = ends[0]
    if not _household_ends(order):
        place = order.group or order.village
        raise DeviceOffPathError(
            _(
                "Device: %(device)s is not on the line from %(place)s, where this job is, to the "
                "feeder. Check the code. If the fault really is there (the place on the order is "
                "wrong), tick “It is this device” and record again."
            )
            % {
                "device": f"{device.name} ({device.code})" if device.name else device.code,
                "place": str(place),
            }
        )
    raise DeviceOffPathError(
        _(
            "Device: %(device)s is not on the line from %(transformer)s, where this job's "
            "households are, to the feeder. Check the code. If the fault really is there (the "
            "account on the order is wrong), tick “It is this device” and record again."
        )
        % {
            "device": f"{device.name} ({device.code})" if device.name else device.code,
            "transformer": end.name or end.code,
        }
    )


def device_elsewhere_recorded(
    order: WorkOrder,
    device: GridNode,
    user: User | None,
    at: dt.datetime,
    *,
    in_office: bool = False,
) -> None:
    """A line of the order's history: the crew (``in_office``: the office, resolving it) said
    the fault was on a device off its line, and what on the order may then be wrong: its
    account, or on an order without one the village group or village it is placed by."""
    ends = path_ends(order)
    code = "device_elsewhere_office" if in_office else "device_elsewhere"
    wrong = _what_may_be_wrong(order)
    if wrong:
        code = f"{code}_{wrong}"
    WorkOrderEvent.objects.create(
        work_order=order,
        at=at,
        by=user,
        kind=WorkOrderEvent.Kind.NOTE,
        **note_said(
            code,
            device=device.name or device.code,
            code=device.code,
            transformer=(ends[0].name or ends[0].code) if ends else "",
        ),
    )
