"""What the outages app's migration tests share: Django's migration executor with its graph
built, and a station's fault outage restored at a moment, for callbacks stored in an older
schema to be carried forward."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from powerdesk.accounts.models import CountyCompany, Station
from powerdesk.network.models import Feeder, GridNode, NodeKind
from powerdesk.outages.models import Outage


def executor() -> MigrationExecutor:
    found = MigrationExecutor(connection)
    found.loader.build_graph()
    return found


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
