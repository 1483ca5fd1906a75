"""A station for the live engine's tests: a fuse with three transformer areas of metered
households below it, and the signals of its blowing."""

from __future__ import annotations

import datetime as dt

from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.intake import signal_record
from powerdesk.outages.models import SignalSource, SignalType
from tests.base import BaseTestCase


class FuseAreasTestCase(BaseTestCase):
    """The cast's fuse with three transformer areas below it (the cast's 1号台区 and two more),
    twelve metered households in each; another fuse on the feeder with one household."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()

        def node(code: str, kind: str, parent: GridNode) -> GridNode:
            return GridNode.objects.create(
                station=cls.station_a, feeder=cls.feeder, code=code, kind=kind, parent=parent
            )

        # The fuse of the cast with three transformer areas of twelve metered households, and
        # another fuse elsewhere with a household whose call moves the engine's time on.
        cls.households: list[Customer] = []
        for area in range(3):
            transformer = (
                cls.transformer
                if area == 0
                else node(f"ZM-B01-T{area + 1}", NodeKind.TRANSFORMER, cls.fuse)
            )
            for number in range(12):
                cls.households.append(
                    Customer.objects.create(
                        station=cls.station_a,
                        account_number=f"5325100{area}{number:03d}",
                        name=f"户{area}-{number}",
                        village=cls.village,
                        transformer=transformer,
                        has_smart_meter=True,
                    )
                )
        other_fuse = node("ZM-B02-F", NodeKind.FUSE, cls.breaker)
        other = node("ZM-B02-T1", NodeKind.TRANSFORMER, other_fuse)
        cls.elsewhere = Customer.objects.create(
            station=cls.station_a,
            account_number="53252000001",
            name="别处",
            village=cls.village,
            transformer=other,
        )

    def signal(self, kind: str, at: dt.datetime, customer: Customer) -> None:
        signal_record(
            station=self.station_a,
            type=kind,
            at=at,
            source=SignalSource.HEAD_END if kind == SignalType.AMI_OFF else SignalSource.TELEPHONE,
            customer=customer,
        )

    def blown(self, start: dt.datetime) -> None:
        """The fuse blows at ``start``: half the last gasps arrive, and six calls."""
        for i, household in enumerate(self.households):
            if i % 2 == 0:
                self.signal(SignalType.AMI_OFF, start + dt.timedelta(seconds=i), household)
        for i, household in enumerate(self.households[1::6]):
            self.signal(SignalType.CALL, start + dt.timedelta(minutes=10 + 5 * i), household)
