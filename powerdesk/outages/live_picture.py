"""The live engine's picture as it is stored: a ``PredictedOutage`` row for each outage in it,
with the evidence behind it (counts) and when its first sign came, each kept under the id it
had while its device stays in the picture (``LiveStation.save``)."""

from __future__ import annotations

import datetime as dt
import math

from powerdesk.accounts.models import Station
from powerdesk.engine.inference.engine import OutageInference
from powerdesk.engine.inference.evidence import CATEGORY_NAMES, OFF
from powerdesk.engine.inference.picture import Picture
from powerdesk.outages.live_signals import EPOCH
from powerdesk.outages.models import PredictedOutage
from powerdesk.outages.network_adapter import StationRows

__all__ = ["PREDICTION_FIELDS", "keep_ids", "prediction_rows"]


def prediction_rows(
    station: Station, engine: OutageInference, grid: StationRows, picture: Picture
) -> list[PredictedOutage]:
    """The picture's outages as rows to store, top-most first (not saved)."""
    rows = []
    for rank, outage in enumerate(picture.outages):
        first = _first_sign(engine, engine.network.index[outage.device])
        rows.append(
            PredictedOutage(
                station=station,
                code=outage.device,
                device_id=grid.device_pk.get(outage.device),
                customer_id=grid.customer_pk.get(outage.device),
                status=outage.status,
                customers=outage.customers,
                confidence=round(outage.confidence, 4),
                first_sign_at=EPOCH + dt.timedelta(seconds=first) if math.isfinite(first) else None,
                explain=_explain(engine, outage.device, picture.t),
                rank=rank,
            )
        )
    return rows


def _explain(engine: OutageInference, element_id: str, t: float) -> dict[str, object]:
    """The evidence behind an outage, as counts (the engine's ``explain``; for one customer's
    own fault, that customer's latest signal)."""
    element = engine.network.index[element_id]
    number = int(engine.network.customer_number[element])
    if number < 0:
        explain = engine.explain(element_id, t)
        explain.pop("prior_log_odds", None)
        explain.pop("evidence_log_ratio", None)
        return explain
    state = engine.state
    category = state.category[number]
    return {
        "device": element_id,
        "kind": "customer",
        "customers": 1,
        "reporting_meters": int(state.metered[number] == 1),
        **{name: int(category == c) for c, name in CATEGORY_NAMES.items()},
    }


def _first_sign(engine: OutageInference, element: int) -> float:
    """When the first sign of the outage came (a call or meter below it, SCADA's open)."""
    state = engine.state
    number = int(engine.network.customer_number[element])
    if number >= 0:
        first = state.signal_t[number] if state.category[number] in OFF else math.inf
    else:
        first = state.first_sign[element]
    opened = engine.scada_opened_at(element)  # SCADA's open time
    return min(first, opened)


PREDICTION_FIELDS = (
    "device_id",
    "customer_id",
    "status",
    "customers",
    "confidence",
    "first_sign_at",
    "explain",
    "rank",
)


def keep_ids(station: Station, rows: list[PredictedOutage]) -> None:
    """Store the picture's predictions, each under the id it had while its device stays in the
    picture: a form on the board that names a prediction still finds it a step later. Only
    what changed is written."""
    existing = {p.code: p for p in PredictedOutage.objects.filter(station=station)}
    changed: list[PredictedOutage] = []
    new: list[PredictedOutage] = []
    for row in rows:
        old = existing.pop(row.code, None)
        if old is None:
            new.append(row)
        elif any(getattr(old, f) != getattr(row, f) for f in PREDICTION_FIELDS):
            row.pk = old.pk
            changed.append(row)
    if existing:
        PredictedOutage.objects.filter(pk__in=[p.pk for p in existing.values()]).delete()
    if changed:
        PredictedOutage.objects.bulk_update(changed, PREDICTION_FIELDS, batch_size=500)
    if new:
        PredictedOutage.objects.bulk_create(new, batch_size=500)
