"""Grid elements as one types them into a device box (code, name, line or pole number)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from powerdesk.network.models import GridNode, NodeKind

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station

__all__ = ["devices_matching"]


def devices_matching(
    station: Station, text: str, *, limit: int = 15, within: set[int] | None = None
) -> list[GridNode]:
    """The station's grid elements whose code, name, line or pole number contain ``text``:
    what the device box offers as one types (only those in ``within`` when given)."""
    text = text.strip()[:60]
    if not text:
        return []
    nodes = GridNode.objects.for_station(station)
    if within is not None:
        nodes = nodes.filter(pk__in=within)
    return list(
        nodes.filter(
            Q(code__icontains=text)
            | Q(name__icontains=text)
            | Q(pole_number__iexact=text)
            | Q(line_name__icontains=text)
        )
        # Poles are the lines' corners: offered only by their own number, so that they do not
        # crowd the devices out of the list.
        .exclude(Q(kind=NodeKind.NODE) | (Q(kind=NodeKind.POLE) & ~Q(pole_number__iexact=text)))
        .select_related("feeder")
        .order_by("code")[:limit]
    )
