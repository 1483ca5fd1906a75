"""The engine's view of a station's grid: its feeders, devices and customers as one network."""

from __future__ import annotations

from powerdesk.accounts.models import Station
from powerdesk.customers.models import Customer
from powerdesk.engine.network import Network
from powerdesk.network.models import GridNode, NodeKind

# Poles and junctions are plain nodes to the engine; every other kind keeps its name.
_ENGINE_KIND: dict[str, str] = {NodeKind.POLE.value: "node", NodeKind.NODE.value: "node"}
CUSTOMER_PREFIX = "customer:"


def station_network(station: Station) -> Network:
    """Build the engine's network from the station's grid tables (two queries)."""
    rows: list[tuple[str, str, str]] = []
    ami: list[int] = []
    zone: list[bool] = []
    year: list[int] = []
    nodes = list(
        GridNode.objects.filter(station=station).values_list(
            "pk", "code", "parent_id", "kind", "lightning_zone", "install_year"
        )
    )
    codes = {pk: code for pk, code, *_ in nodes}
    for _, code, parent_id, kind, lightning, installed in nodes:
        rows.append(
            (code, codes.get(parent_id, "") if parent_id else "", _ENGINE_KIND.get(kind, kind))
        )
        ami.append(-1)
        zone.append(lightning)
        year.append(installed or 0)
    customers = Customer.objects.filter(station=station, transformer__isnull=False).values_list(
        "account_number", "transformer_id", "has_smart_meter"
    )
    for account, transformer_id, metered in customers:
        rows.append((CUSTOMER_PREFIX + account, codes[transformer_id], "customer"))
        ami.append(1 if metered else 0)
        zone.append(False)
        year.append(0)
    return Network.from_rows(
        rows, ami=ami, lightning_zone=zone, install_year=year, file=f"{station.code} grid"
    )
