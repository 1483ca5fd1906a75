"""The outage map's data: a station's grid, what is off and who called, as GeoJSON.

Elements without coordinates are left out (a line is drawn only between two placed elements).
Lines are merged into one polyline per run of the same state, so a station of a few thousand
poles is a few hundred features.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from powerdesk.network.models import Feeder, GridNode, NodeKind
from powerdesk.network.selectors import FeederTree
from powerdesk.outages.selectors import (
    open_devices,
    recent_callers,
    section_states,
    state_label,
)

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station

__all__ = ["station_map"]

# Shown as markers; poles and junctions are only the lines' corners.
MARKED_KINDS = frozenset(
    {
        NodeKind.SOURCE.value,
        NodeKind.RECLOSER.value,
        NodeKind.SECTIONALIZER.value,
        NodeKind.FUSE.value,
        NodeKind.SWITCH.value,
        NodeKind.TRANSFORMER.value,
    }
)
Feature = dict[str, Any]


def station_map(station: Station, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the station's lines, devices and recent callers.

    Each feature's ``properties.layer`` is ``line``, ``device`` or ``calls``; ``state`` is
    ``live``, ``open-<how sure>`` (the device itself) or ``dark-<how sure>`` (below one), where
    how sure is ``predicted``, ``confirmed`` or ``declared``. ``summary`` counts them.
    """
    opened = open_devices(station)
    callers = recent_callers(station, now=now)
    features: list[Feature] = []
    dark_areas = 0
    for feeder in Feeder.objects.filter(station=station).order_by("name"):
        tree = FeederTree.load(feeder)
        states = section_states(tree.children, opened)
        features += _lines(tree, states, feeder)
        for pk, node in tree.nodes.items():
            if node.kind not in MARKED_KINDS or node.x is None or node.y is None:
                continue
            state = _state(pk, opened, states)
            if node.kind == NodeKind.TRANSFORMER and state.startswith("dark-"):
                dark_areas += 1
            features.append(_device(node, state, tree.customers_below.get(pk, 0), feeder))
            if callers.get(pk):
                features.append(_calls(node, callers[pk]))
    crews = _crews(station, now=now)
    features += crews
    return {
        "type": "FeatureCollection",
        "features": features,
        "summary": {
            "open_devices": len(opened),
            # Apart: the devices of recorded outages, and the engine's predictions nobody has
            # recorded (by calls and meters, or by SCADA's or a crew's signals).
            "open_recorded": sum(1 for state in opened.values() if state == "declared"),
            "open_predicted": sum(1 for state in opened.values() if state != "declared"),
            "dark_transformer_areas": dark_areas,
            # The call markers' count (24 hours, outages or not), not the outages' callers.
            "customers_calling": sum(callers.values()),
            "crews": len(crews),
        },
    }


def _crews(station: Station, *, now: dt.datetime | None) -> list[Feature]:
    """Each crew where it last said it was (in the last hours), or at its base."""
    from powerdesk.accounts.crews import last_positions
    from powerdesk.accounts.models import Crew
    from powerdesk.outages.models import Outage, OutageLink
    from powerdesk.servicedesk.models import OPEN_STATUSES, WorkOrder

    crews = list(Crew.objects.for_station(station).order_by("name"))
    positions = last_positions(crews, now=now)
    jobs: dict[int, list[str]] = {}
    for crew_id, name, code in OutageLink.objects.filter(
        crew__in=crews, outage__status=Outage.Status.ACTIVE
    ).values_list("crew_id", "outage__device__name", "outage__device__code"):
        jobs.setdefault(crew_id, []).append(name or code)
    orders = dict(
        WorkOrder.objects.filter(crew__in=crews, status__in=OPEN_STATUSES)
        .values("crew_id")
        .annotate(n=Count("pk"))
        .values_list("crew_id", "n")
    )
    features: list[Feature] = []
    for crew in crews:
        position = positions.get(crew.pk)
        if position is not None:
            point, where = [position.x, position.y], "reported"
            label = gettext("position at %(time)s") % {
                "time": f"{timezone.localtime(position.at):%m-%d %H:%M}"
            }
        elif crew.base_x is not None and crew.base_y is not None:
            point, where = [crew.base_x, crew.base_y], "base"
            label = gettext("at its base %(base)s (no position reported lately)") % {
                "base": crew.base
            }
        else:
            continue
        features.append(
            {
                "type": "Feature",
                "id": f"crew-{crew.pk}",
                "geometry": {"type": "Point", "coordinates": [round(v, 6) for v in point]},
                "properties": {
                    "layer": "crew",
                    "name": crew.name,
                    "where": where,
                    "label": label,
                    "outages": jobs.get(crew.pk, []),
                    "open_orders": orders.get(crew.pk, 0),
                    "url": reverse("accounts:crew", args=[crew.pk]),
                },
            }
        )
    return features


def _state(pk: int, opened: dict[int, str], states: dict[int, str]) -> str:
    if pk in opened:
        return f"open-{opened[pk]}"
    if pk in states:
        return f"dark-{states[pk]}"
    return "live"


def _point(node: GridNode) -> list[float]:
    return [round(node.x or 0.0, 6), round(node.y or 0.0, 6)]


def _lines(tree: FeederTree, states: dict[int, str], feeder: Feeder) -> list[Feature]:
    """The feeder's spans as polylines: one continues down the first child, others branch off.

    A span has the state of the element it leaves from (below an open device it is dark).
    """
    features: list[Feature] = []
    # (element, the polyline it ends, that polyline's state)
    stack: list[tuple[int, list[list[float]] | None, str]] = [
        (pk, None, "") for pk in tree.children.get(None, [])
    ]
    while stack:
        pk, line, line_state = stack.pop()
        node = tree.nodes[pk]
        placed = node.x is not None and node.y is not None
        if line is not None and placed:
            line.append(_point(node))
        out_state = "live" if pk not in states else f"dark-{states[pk]}"
        # An element without a place passes the line through from the last placed one.
        anchor = _point(node) if placed else (line[-1] if line else None)
        for i, child in enumerate(tree.children.get(pk, [])):
            if anchor is None:
                stack.append((child, None, out_state))
            elif i == 0 and line is not None and line_state == out_state:
                stack.append((child, line, out_state))
            else:
                fresh = [anchor]
                features.append(_line_feature(fresh, out_state, feeder))
                stack.append((child, fresh, out_state))
    return [f for f in features if len(f["geometry"]["coordinates"]) > 1]


def _line_feature(points: list[list[float]], state: str, feeder: Feeder) -> Feature:
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": points},
        "properties": {"layer": "line", "state": state, "feeder": feeder.name},
    }


def _device(node: GridNode, state: str, customers: int, feeder: Feeder) -> Feature:
    return {
        "type": "Feature",
        "id": node.pk,
        "geometry": {"type": "Point", "coordinates": _point(node)},
        "properties": {
            "layer": "device",
            "code": node.code,
            "name": node.name or node.code,
            "kind": node.kind,
            "kind_label": str(node.get_kind_display()),
            "feeder": feeder.name,
            "state": state,
            "state_label": state_label(state),
            "customers": customers,
            "url": node.get_absolute_url(),
        },
    }


def _calls(node: GridNode, count: int) -> Feature:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": _point(node)},
        "properties": {
            "layer": "calls",
            "count": count,
            "name": node.name or node.code,
            "url": node.get_absolute_url(),
            "label": ngettext(
                "%(count)d customer reported a fault in the last 24 hours",
                "%(count)d customers reported a fault in the last 24 hours",
                count,
            )
            % {"count": count},
        },
    }
