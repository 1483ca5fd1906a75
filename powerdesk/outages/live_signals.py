"""The live engine's input: the station's stored signals as the engine takes them (``(pk, t,
type, engine id)``, ``t`` in seconds since ``EPOCH``), and the version of the grid they are
read against (``SignalStream.grid_version``, bumped by imports)."""

from __future__ import annotations

import datetime as dt

from powerdesk.accounts.models import Station
from powerdesk.outages.models import (
    MOVED_SOURCE_ID,
    REJECTION_SOURCE_ID,
    Signal,
    SignalSource,
    SignalStream,
)

__all__ = ["EPOCH", "seconds", "signal_rows", "stream_version"]

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def seconds(at: dt.datetime) -> float:
    return (at - EPOCH) / dt.timedelta(seconds=1)


def stream_version(station: Station) -> int:
    version = (
        SignalStream.objects.filter(station=station).values_list("grid_version", flat=True).first()
    )
    return version or 0


def signal_rows(
    station: Station, *, after: int, limit: int | None = None, by_time: bool = False
) -> list[tuple[int, float, str, str]]:
    """``(pk, t, type, engine id)`` of the station's signals after ``after``."""
    signals = Signal.objects.filter(station=station, pk__gt=after)
    signals = signals.order_by("event_at", "pk") if by_time else signals.order_by("pk")
    query = signals.values_list(
        "pk", "event_at", "type", "customer__account_number", "device__code", "source", "source_id"
    )
    if limit is not None:
        query = query[:limit]
    return [
        (pk, seconds(at), _engine_type(kind, source, source_id), account or code)
        for pk, at, kind, account, code, source, source_id in query
    ]


def _engine_type(kind: str, source: str, source_id: str) -> str:
    """The contract's type of a stored signal: a prediction rejected on the board, or moved to
    another device, is a ``reject`` of the device the engine named."""
    if source == SignalSource.STAFF and source_id.startswith(
        (REJECTION_SOURCE_ID, MOVED_SOURCE_ID)
    ):
        return "reject"
    return kind
