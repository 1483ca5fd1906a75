"""Why a work order is urgent, said with its "urgent" badge (walkthrough 38, 5: the heading's
badge did not say why; the reason was only on the call's line and in the history).

The reasons are those its urgent calls name (a danger, a medical need at home: ``Call.
urgent_reasons``, kept as each call was taken), each once, oldest call first; a hazard order
with none named is urgent for its category. An outage's own order is urgent for the outage
(made so as the outage gets it: ``outages.joined``, ``outages.life``): that is said first, with
the households out ("停电（12 户）": walk39, 2, the badge and the crew's text said only
"紧急"). A clerk who ticked "urgent" naming none of them leaves the badge as it was."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils.translation import ngettext, pgettext

from powerdesk.servicedesk.models import Call, Category, WorkOrder
from powerdesk.servicedesk.models.core import SummaryKind

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

__all__ = [
    "OUTAGE_CODE",
    "URGENT_CALLS_READ",
    "order_urgent_why",
    "orders_calls_why",
    "outage_households",
    "outage_why",
]

# The urgent calls read for their reasons, an order: an outage's order may gather hundreds of
# calls, and the first few name every reason there is.
URGENT_CALLS_READ = 20
# Among the reasons' codes of a crew's text (``dispatch_texts``): an outage's own order.
OUTAGE_CODE = "outage"


def order_urgent_why(order: WorkOrder, *, outage: Outage | None = None) -> str:
    """Why ``order`` is urgent, in the reader's words ("" when it is not, or nothing says
    why). ``outage``: the outage an outage's order is of, when the caller has it. One query
    for an urgent order, a few more for an outage's, none otherwise."""
    if not order.urgent:
        return ""
    why: list[str] = []
    if order.summary_kind == SummaryKind.OUTAGE:
        why.append(outage_why(outage_households(outage or _outage_of(order))))
    why += [r for r in orders_calls_why([order.pk]).get(order.pk, []) if r not in why]
    if not why and order.category == Category.HAZARD:
        why.append(str(order.get_category_display()))
    return pgettext("list separator", ", ").join(why)


def orders_calls_why(order_ids: Iterable[int]) -> dict[int, list[str]]:
    """The reasons the urgent calls of each order name, each once, oldest call first: the
    first ``URGENT_CALLS_READ`` calls of each read, in one query for all the orders."""
    ids = list(order_ids)
    if not ids:
        return {}
    calls = (
        Call.objects.filter(work_order_id__in=ids, urgent=True)
        .exclude(text="")
        .annotate(
            nth=Window(
                RowNumber(),
                partition_by=[F("work_order_id")],
                order_by=[F("received_at").asc(), F("pk").asc()],
            )
        )
        .filter(nth__lte=URGENT_CALLS_READ)
        .only("pk", "work_order_id", "urgent", "urgent_codes", "text", "received_at")
        .order_by("received_at", "pk")
    )
    why: dict[int, list[str]] = {}
    for call in calls:
        assert call.work_order_id is not None  # the filter's
        said = why.setdefault(call.work_order_id, [])
        said += [reason for reason in call.urgent_reasons if reason not in said]
    return why


def outage_why(households: int | None) -> str:
    """An outage's order's reason: "停电（12 户）", or "停电" when the outage is not known."""
    if households is None:
        return pgettext("urgent reason", "power off")
    return ngettext("power off (%(n)s household)", "power off (%(n)s households)", households) % {
        "n": households
    }


def outage_households(outage: Outage | None) -> int | None:
    """The households supplied below ``outage``'s device (None for no outage)."""
    if outage is None:
        return None
    from powerdesk.notifications.reach import households_below_count

    return households_below_count(outage.device)


def _outage_of(order: WorkOrder) -> Outage | None:
    """The outage an outage's order belongs to (the latest it was joined to)."""
    from powerdesk.outages.models import Outage

    return (
        Outage.objects.filter(link__work_orders=order, station_id=order.station_id)
        .select_related("device")
        .order_by("-pk")
        .first()
    )
