"""A network file adding to the network a station has: the elements already stored that a row may
hang under (its parent) (walk46, 2). A parent of another station is refused as one of no station
(review46: the refusal does not tell one station another's device codes). Read by
``importing.network_import``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from powerdesk.network.models import GridNode

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station

__all__ = ["stored_elements"]


def stored_elements(station: Station) -> dict[str, tuple[str, str]]:
    """The station's network as stored, for a file adding to it: ``{code: (parent, kind)}``."""
    nodes = list(
        GridNode.objects.filter(station=station).values_list("pk", "code", "parent_id", "kind")
    )
    codes = {pk: code for pk, code, _parent, _kind in nodes}
    return {code: (codes.get(parent, ""), kind) for _pk, code, parent, kind in nodes}
