"""What the outage pages and the API read: the live picture and the declared outages."""

from __future__ import annotations

from typing import Any

from powerdesk.accounts.models import Station
from powerdesk.outages.models import EngineState, Outage, PredictedOutage


def open_devices(station: Station) -> dict[int, str]:
    """GridNode pk → "predicted", "confirmed" or "declared": the devices believed open now.

    Declared outages (a record with power off) win over the engine's picture; of the engine's
    outages only those named by a device are here (one customer's own service is not).
    """
    found: dict[int, str] = {}
    for device_id, status in PredictedOutage.objects.filter(
        station=station, device__isnull=False
    ).values_list("device_id", "status"):
        found[device_id] = status
    for device_id in Outage.objects.filter(
        station=station, status=Outage.Status.ACTIVE
    ).values_list("device_id", flat=True):
        found[device_id] = "declared"
    return found


def live_picture(station: Station) -> dict[str, Any]:
    """The live engine's latest picture in the file contract's checkpoint form."""
    state = EngineState.objects.filter(station=station).first()
    outages = [
        {
            "device": code,
            "status": status,
            "customers": customers,
            "confidence": confidence,
        }
        for code, status, customers, confidence in PredictedOutage.objects.filter(station=station)
        .order_by("rank")
        .values_list("code", "status", "customers", "confidence")
    ]
    return {
        "t": state.picture_t if state is not None else None,
        "outages": outages,
        "customers_out": state.customers_out if state is not None else 0,
    }
