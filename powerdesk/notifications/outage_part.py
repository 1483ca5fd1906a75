"""Which part of a place an outage's texts are about, when another outage is open there too.

Texts name an outage by its places (左门·哔叭). Two outages in one village (a fuse over 哔叭's
1号台区 and later 哔叭's 2号台区) would be texted in the same words, so a liaison who gets both
reads the second as a delay of the first, and a later "expected back" text cannot say which one
moved (walk 39, 10). While another outage not yet over (announced or power off) has households
in one of its villages, an outage's texts name its part too: "左门·哔叭（2号台区）停电".

The part is the transformer area the outage darkens when it is one, without the words its
places already say ("左门哔叭2号台区" → "2号台区"); else the device's whole name. A few queries per
notice, whatever the number of outages open.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

__all__ = ["outage_part"]


def outage_part(outage: Outage) -> str:
    """The part of its places ``outage`` is about ("2号台区"), or "" when no other open outage
    has households in its villages (its texts stay as they were)."""
    from powerdesk.community.models import Village, VillageGroup
    from powerdesk.customers.models import Customer
    from powerdesk.network.models import GridNode, NodeKind
    from powerdesk.outages.models import Outage

    others = list(
        Outage.objects.filter(
            station_id=outage.station_id,
            status__in=(Outage.Status.ANNOUNCED, Outage.Status.ACTIVE),
        )
        .exclude(pk=outage.pk)
        .values_list("device_id", "device__feeder_id")
    )
    if not others:
        return ""
    device = outage.device
    feeders = {feeder for _d, feeder in others} | {device.feeder_id}
    children: dict[int, list[int]] = defaultdict(list)
    transformers: set[int] = set()
    for pk, parent, kind in GridNode.objects.filter(feeder_id__in=feeders).values_list(
        "pk", "parent_id", "kind"
    ):
        if parent is not None:
            children[parent].append(pk)
        if kind == NodeKind.TRANSFORMER:
            transformers.add(pk)

    def below(top: int) -> set[int]:
        found, stack = set(), [top]
        while stack:
            pk = stack.pop()
            if pk in transformers:
                found.add(pk)
            stack.extend(children.get(pk, []))
        return found

    mine = below(device.pk)
    theirs = set().union(*(below(d) for d, _f in others))
    if not mine or not theirs:
        return ""
    villages: dict[int, set[int]] = defaultdict(set)
    groups: set[int] = set()
    for transformer, village, group in (
        Customer.objects.filter(transformer_id__in=mine | theirs, village__isnull=False)
        .values_list("transformer_id", "village_id", "group_id")
        .distinct()
    ):
        villages[village].add(transformer)
        if transformer in mine and group is not None:
            groups.add(group)
    shared = [v for v, areas in villages.items() if areas & mine and areas & theirs]
    if not shared:
        return ""
    # The part: the one transformer area it darkens, else the device itself.
    # A device's own name is said whole: its line's name may open with a place's words
    # ("哔叭二支线…"), and cut there it names nothing (walk 40, 1).
    if len(mine) != 1:
        return device.name or device.code
    if device.pk in mine:
        name = device.name or device.code
    else:
        named = GridNode.objects.filter(pk=next(iter(mine))).values_list("name", "code").first()
        name = (named[0] or named[1]) if named else ""
    words = sorted(
        [
            *Village.objects.filter(pk__in=list(villages)).values_list("name", flat=True),
            *VillageGroup.objects.filter(pk__in=groups).values_list("name", flat=True),
        ],
        key=len,
        reverse=True,
    )
    return _short(name, words) or device.name or device.code


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
