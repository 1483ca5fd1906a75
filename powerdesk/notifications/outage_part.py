"""Which part of a place an outage's texts are about, when another outage is open there too.

Texts name an outage by its places (左门·哔叭). Two outages in one village (a fuse over 哔叭's
1号台区 and later 哔叭's 2号台区) would be texted in the same words, so a liaison who gets both
reads the second as a delay of the first, and a later "expected back" text cannot say which one
moved (walk 39, 10). While another outage not yet over (announced or power off) has households
in one of its villages, an outage's texts name its part too: "左门·哔叭（2号台区）停电". The public
status page says the same part on the outage's card (walk 40, 2), and so does the answer to a
villager's text asking about the power (``inbound``).

The part is the transformer area the outage darkens when it is one, without the words its
places already say ("左门哔叭2号台区" → "2号台区"); else the device's whole name. What lies below
each device is the board's (``board_grid.grid_below``: kept per process), so a few queries
whatever the number of outages asked about or open.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

__all__ = ["outage_part", "outage_parts"]


def outage_part(outage: Outage) -> str:
    """The part of its places ``outage`` is about ("2号台区"), or "" when no other open outage
    has households in its villages (its texts stay as they were)."""
    return outage_parts(outage.station_id, [(outage.pk, outage.device_id)]).get(outage.pk, "")


def outage_parts(station_id: int, outages: Iterable[tuple[int, int]]) -> dict[int, str]:
    """The part of each of ``outages`` (outage id, device id), by outage id; "" for one alone
    in its villages."""
    from powerdesk.community.models import Village, VillageGroup
    from powerdesk.network.models import GridNode
    from powerdesk.outages.board_grid import grid_below
    from powerdesk.outages.models import Outage

    asked = dict(outages)
    if not asked:
        return {}
    open_now = dict(
        Outage.objects.filter(
            station_id=station_id,
            status__in=(Outage.Status.ANNOUNCED, Outage.Status.ACTIVE),
        ).values_list("pk", "device_id")
    )
    if len(set(open_now) | set(asked)) < 2:  # one outage alone: nothing to tell it apart from
        return dict.fromkeys(asked, "")
    grid = grid_below(station_id)
    # The transformer areas with households below each device, and the villages of each area.
    areas = {pk: set(grid.below([device]).areas) for pk, device in {**open_now, **asked}.items()}
    villages_of: dict[int, set[int]] = defaultdict(set)
    for area in set().union(*areas.values()):
        villages_of[area] = {v for v, *_rest in grid.people.get(area, ()) if v is not None}
    # outage → (the node naming it, its areas, the other open outages' areas)
    found: dict[int, tuple[int, set[int], set[int]]] = {}
    for pk, device in asked.items():
        mine = areas[pk]
        theirs = set().union(*(areas[o] for o in open_now if o != pk))
        shared = set().union(*(villages_of[a] for a in mine)) & set().union(
            *(villages_of[a] for a in theirs)
        )
        if mine and theirs and shared:
            # The one transformer area it darkens, else the device itself.
            found[pk] = (next(iter(mine)) if len(mine) == 1 else device, mine, theirs)
    if not found:
        return dict.fromkeys(asked, "")
    names = {
        pk: name or code
        for pk, name, code in GridNode.objects.filter(
            pk__in={node for node, *_a in found.values()} | {asked[pk] for pk in found}
        ).values_list("pk", "name", "code")
    }
    parts = dict.fromkeys(asked, "")
    village_names: dict[int, str] | None = None
    group_names: dict[int, str] = {}
    for pk, (node, mine, theirs) in found.items():
        whole = names.get(asked[pk], "")
        if len(mine) != 1:
            # A device's own name is said whole: its line's name may open with a place's words
            # ("哔叭二支线…"), and cut there it names nothing (walk 40, 1).
            parts[pk] = whole
            continue
        if village_names is None:
            village_names = dict(
                Village.objects.filter(pk__in=set().union(*villages_of.values())).values_list(
                    "pk", "name"
                )
            )
            group_names = dict(
                VillageGroup.objects.filter(
                    pk__in={g for a in villages_of for _v, g, *_r in grid.people.get(a, ()) if g}
                ).values_list("pk", "name")
            )
        # The words of the villages of both, and of its own area's groups.
        words = sorted(
            [
                *(village_names.get(v, "") for a in mine | theirs for v in villages_of[a]),
                *(
                    group_names[g]
                    for _v, g, *_r in grid.people.get(node, ())
                    if _v is not None and g in group_names
                ),
            ],
            key=len,
            reverse=True,
        )
        parts[pk] = _short(names.get(node, ""), words) or whole
    return parts


def _short(name: str, words: list[str]) -> str:
    """``name`` without the place words it opens with ("左门哔叭2号台区" → "2号台区")."""
    short = name.strip()
    cut = True
    while cut:
        cut = False
        for word in words:
            if word and short.startswith(word) and len(short) > len(word):
                short = short[len(word) :].lstrip(" ·-_")
                cut = True
    return short or name
