"""Where faults were found before at each place of a station, and its open defects: what
patrol guidance (``powerdesk.outages.patrol``) ranks places by and the learnt ranking
(``patrol_learn``) is fitted on."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from powerdesk.engine.patrol import DefectNote, PastFault, kind_rates
from powerdesk.network.models import Defect, NodeKind
from powerdesk.outages.models import FoundPlace, Outage, OutageCause
from powerdesk.outages.stretch import Grid, stretch_of

__all__ = ["CAUSE_WORDS", "DEFECT_TOPICS", "OWN_WEIGHT", "FaultHistory", "cause_kind_of"]

OWN_WEIGHT = 0.3  # a transformer area's own outage, as evidence of a fault at the transformer
# Free-text causes of older records, read as the kind they are (first match wins).
CAUSE_WORDS = (
    ("雷", OutageCause.LIGHTNING),
    ("树", OutageCause.TREE),
    ("风", OutageCause.TREE),
    ("老化", OutageCause.AGEING),
    ("鸟", OutageCause.ANIMAL),
    ("蛇", OutageCause.ANIMAL),
    ("动物", OutageCause.ANIMAL),
    ("外力", OutageCause.EXTERNAL),
    ("覆冰", OutageCause.EXTERNAL),
    ("过负荷", OutageCause.OVERLOAD),
    ("用户设备", OutageCause.OVERLOAD),
)
DEFECT_TOPICS = (("树", "tree"), ("雷", "lightning"), ("老化", "ageing"), ("锈", "ageing"))


class FaultHistory:
    """Where faults were found before, and the open defects, of a station (loaded once)."""

    def __init__(
        self,
        station_id: int,
        *,
        nodes: list[int] | None = None,
        exclude_outage: int | None = None,
    ) -> None:
        # Faults found at each place: when, the cause, and whether it was a transformer area's
        # own outage (its own fuse: often a fault on the low-voltage side, weaker evidence).
        self._found: dict[str, list[tuple[dt.datetime, str, bool]]] = defaultdict(list)
        found_outages: set[int] = set()
        found = FoundPlace.objects.filter(outage__station_id=station_id)
        if exclude_outage is not None:
            found = found.exclude(outage_id=exclude_outage)
        self._places: list[tuple[dt.datetime, str, int]] = []  # (when, where, whose stretch)
        self._stretch_kinds: dict[int, tuple[Counter[str], dict[str, str]]] = {}
        # Each found fault (when it began, where it was, its device, its cause): what the
        # learnt ranking is fitted on (``patrol_learn``).
        self.found: list[tuple[dt.datetime, str, int, str]] = []
        rows = found.values_list(
            "found_at",
            "place",
            "cause",
            "outage__link__cause_kind",
            "outage__cause",
            "outage_id",
            "outage__device_id",
            "outage__device__kind",
            "outage__starts_at",
        )
        for at, key, said, kind, text, outage_id, device_id, device_kind, start in rows:
            own = device_kind == NodeKind.TRANSFORMER
            cause = said if said != OutageCause.UNKNOWN else (kind or cause_kind_of(text))
            self._found[key].append((at, cause, own))
            self._places.append((at, key, device_id))
            self.found.append((start, key, device_id, cause))
            found_outages.add(outage_id)
        # An outage of a transformer area without a place said is at the transformer itself.
        transformers = Outage.objects.filter(
            station_id=station_id, kind=Outage.Kind.UNPLANNED, device__kind=NodeKind.TRANSFORMER
        )
        for pk, at, code, kind, text in transformers.values_list(
            "pk", "starts_at", "device__code", "link__cause_kind", "cause"
        ):
            if pk not in found_outages and pk != exclude_outage:
                self._found[code].append((at, kind or cause_kind_of(text), True))
        defects = Defect.objects.filter(station_id=station_id)
        if nodes is not None:
            defects = defects.filter(node_id__in=nodes)
        self._defects: dict[int, list[tuple[dt.date, dt.date | None, DefectNote]]] = defaultdict(
            list
        )
        for node, severity, text, found_on, resolved_on in defects.values_list(
            "node_id", "severity", "description", "found_on", "resolved_on"
        ):
            topic = next((t for word, t in DEFECT_TOPICS if word in text), "")
            self._defects[node].append((found_on, resolved_on, DefectNote(severity, topic, text)))

    def kind_rate(self, grid: Grid, before: dt.datetime) -> dict[str, float]:
        """How often each kind of place was where the fault was, against how many places of
        that kind its stretch had (faults before ``before``, in stretches of several places)."""
        found: Counter[str] = Counter()
        counts: Counter[str] = Counter()
        for at, key, device_id in self._places:
            if at >= before or device_id not in grid.elements:
                continue
            if device_id not in self._stretch_kinds:
                stretch = stretch_of(grid, device_id)
                self._stretch_kinds[device_id] = (
                    Counter(p.kind for p in stretch),
                    {p.key: p.kind for p in stretch},
                )
            kinds, by_key = self._stretch_kinds[device_id]
            if sum(kinds.values()) > 1 and key in by_key:
                found[by_key[key]] += 1
                counts.update(kinds)
        return kind_rates(found, counts)

    def faults(self, key: str, before: dt.datetime) -> tuple[PastFault, ...]:
        return tuple(
            PastFault(
                (before - at).total_seconds() / (365.25 * 86400), cause, OWN_WEIGHT if own else 1.0
            )
            for at, cause, own in self._found.get(key, ())
            if at < before
        )

    def defects(self, node: int, day: dt.date) -> tuple[DefectNote, ...]:
        return tuple(
            note
            for found_on, resolved_on, note in self._defects.get(node, ())
            if found_on <= day and (resolved_on is None or resolved_on > day)
        )


def cause_kind_of(text: str) -> str:
    """The kind of a cause written in words ("" when it says nothing known)."""
    return next((kind for word, kind in CAUSE_WORDS if word in (text or "")), "")
