"""What the outages app's migration tests share: Django's migration executor with its graph
built, and a station's fault outage restored at a moment, for callbacks stored in an older
schema to be carried forward."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TestCase

from powerdesk.accounts.models import CountyCompany, Station
from powerdesk.customers.models import Customer
from powerdesk.network.models import Feeder, GridNode, NodeKind
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.servicedesk.models import WorkOrder


def executor() -> MigrationExecutor:
    found = MigrationExecutor(connection)
    found.loader.build_graph()
    return found


def migrated_back(case: TestCase, before: list[tuple[str, str]]) -> None:
    """The database migrated back to ``before`` for ``case``, and forward to the outages app's
    latest after it."""
    latest = executor().loader.graph.leaf_nodes("outages")
    case.addCleanup(lambda: executor().migrate(latest))
    executor().migrate(before)


def model_at(migration: list[tuple[str, str]], name: str, app: str = "outages") -> Any:
    """The ``app``'s model ``name`` as the schema was at ``migration``."""
    return _apps_at(tuple(migration)).get_model(app, name)


@functools.cache
def _apps_at(migration: tuple[tuple[str, str], ...]) -> Any:
    """The models of every app as the schema was at ``migration``, rendered once a session: the
    project's state there is made from the migration files alone (not from what the database has
    applied: no migration replaces others), replaying every migration before it with a graph read
    anew, and a test that stores its rows one by one in an older schema made it for every row."""
    return executor().loader.project_state(list(migration)).apps


def restored_outage(restored_at: dt.datetime) -> Outage:
    """A station's unplanned outage on its feeder's switch, three hours long, restored then."""
    station = Station.objects.create(
        company=CountyCompany.objects.create(name="姚安"), code="m", name="迁移所"
    )
    feeder = Feeder.objects.create(station=station, code="F", name="10kV线")
    device = GridNode.objects.create(
        station=station, feeder=feeder, code="F-CB", kind=NodeKind.SOURCE, name="出线开关"
    )
    return Outage.objects.create(
        station=station,
        device=device,
        kind=Outage.Kind.UNPLANNED,
        status=Outage.Status.RESTORED,
        starts_at=restored_at - dt.timedelta(hours=3),
        restored_at=restored_at,
    )


def households(station: Station, names: tuple[str, ...]) -> list[Customer]:
    """A household of the station for each name."""
    return [
        Customer.objects.create(station=station, account_number=str(i), name=name)
        for i, name in enumerate(names)
    ]


def households_with_orders(
    outage: Outage, names: tuple[str, ...]
) -> tuple[list[Customer], list[WorkOrder]]:
    """A household for each name, each with its own fault order joined to ``outage``, resolved
    at its restore and called back."""
    station = outage.station
    assert outage.restored_at is not None
    customers = households(station, names)
    orders = [
        WorkOrder.objects.create(
            station=station,
            number=f"GD-{i}",
            customer=customer,
            category="fault_repair",
            summary="停电",
            status="callback_done",
            created_at=outage.restored_at - dt.timedelta(hours=2),
            resolved_at=outage.restored_at,
        )
        for i, customer in enumerate(customers)
    ]
    OutageLink.objects.create(outage=outage).work_orders.set(orders)
    return customers, orders
