"""What a network file's moves and customer rows cost: one move or five the same queries (review50,
10), five customer rows or fifty the same (review46, 13); refused moves each said at their row."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from powerdesk.customers.models import Customer
from powerdesk.lib.csvfile import CsvImportError
from powerdesk.network.importing import network_import, network_import_preview
from powerdesk.network.models import Feeder, GridNode, NodeKind
from powerdesk.outages.models import Outage, SignalStream
from tests.base import BaseTestCase
from tests.network_import_cast import _english, upload  # noqa: F401 (_english: autouse)


class MoveQueryCountTests(BaseTestCase):
    """A file moving one element or five to another line costs the same queries (review50,
    10): the outages in the way of every move are read at once, and the elements and what they
    carry are written in batches."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        other = Feeder.objects.create(station=cls.station_a, code="DS", name="10kV地索线")
        GridNode.objects.create(
            station=cls.station_a, feeder=other, code="DS-CB", kind=NodeKind.SOURCE
        )
        for i in range(5):
            fuse = GridNode.objects.create(
                station=cls.station_a,
                feeder=cls.feeder,
                code=f"ZM-F{i}",
                kind=NodeKind.FUSE,
                parent=cls.pole,
            )
            GridNode.objects.create(
                station=cls.station_a,
                feeder=cls.feeder,
                code=f"ZM-F{i}-T",
                kind=NodeKind.TRANSFORMER,
                parent=fuse,
            )

    def queries_to_move(self, moved: int, *, store: bool) -> int:
        lines = [f"ZM-F{i},DS-CB,fuse" for i in range(moved)]
        text = "id,parent,kind\n" + "\n".join(lines) + "\n"
        do = network_import if store else network_import_preview
        with CaptureQueriesContext(connection) as queries:
            do(station=self.station_a, stream=upload(text), file_name="m.csv")
        return len(queries)

    def put_back(self) -> None:
        GridNode.objects.filter(code__startswith="ZM-F").update(feeder=self.feeder)
        GridNode.objects.filter(code__regex=r"^ZM-F\d$").update(parent=self.pole)

    def test_the_preview_of_one_move_or_five_costs_the_same(self) -> None:
        self.assertEqual(self.queries_to_move(1, store=False), self.queries_to_move(5, store=False))

    def test_the_import_of_one_move_or_five_costs_the_same(self) -> None:
        # The station's signal stream is stored by its first grid change (get_or_create: 3
        # queries, once a station, not a process's): with it, a first import costs as much as
        # any other (fix53c, 3).
        SignalStream.objects.create(station=self.station_a)
        one = self.queries_to_move(1, store=True)
        self.put_back()
        self.assertEqual(one, self.queries_to_move(5, store=True))
        other_breaker = GridNode.objects.get(code="DS-CB")
        self.assertEqual(
            set(GridNode.objects.filter(parent=other_breaker).values_list("code", flat=True)),
            {f"ZM-F{i}" for i in range(5)},
        )
        self.assertEqual(
            set(GridNode.objects.filter(feeder__code="DS").values_list("code", flat=True)),
            {"DS-CB", *(f"ZM-F{i}" for i in range(5)), *(f"ZM-F{i}-T" for i in range(5))},
        )

    def test_refused_moves_are_each_said_at_their_row(self) -> None:
        for device in ("ZM-F1", "ZM-F3-T"):
            Outage.objects.create(
                station=self.station_a,
                device=GridNode.objects.get(code=device),
                kind=Outage.Kind.UNPLANNED,
                status=Outage.Status.ACTIVE,
                starts_at=timezone.now(),
                customers=0,
            )
        lines = [f"ZM-F{i},DS-CB,fuse" for i in range(5)]
        with self.assertRaises(CsvImportError) as caught:
            network_import(
                station=self.station_a,
                stream=upload("id,parent,kind\n" + "\n".join(lines) + "\n"),
                file_name="m.csv",
            )
        said = [(p.line, p.message.split(" is open")[0]) for p in caught.exception.problems]
        self.assertEqual(
            said,
            [
                (3, "'ZM-F1' cannot be moved while the outage at ZM-F1"),
                (5, "'ZM-F3' cannot be moved while the outage at ZM-F3-T"),
            ],
        )


class CustomerRowsQueryCountTests(BaseTestCase):
    """Customer rows under a stored 台区: the queries do not grow with the rows (review46, 13)."""

    def queries_for(self, rows: int, first: int) -> int:
        lines = [f"{first + i},ZM-B01-T1,customer,户{first + i},左门" for i in range(rows)]
        text = "id,parent,kind,name,village\n" + "\n".join(lines) + "\n"
        with CaptureQueriesContext(connection) as queries:
            network_import(station=self.station_a, stream=upload(text), file_name="c.csv")
        return len(queries)

    def test_five_and_fifty_rows_cost_the_same(self) -> None:
        SignalStream.objects.create(station=self.station_a)  # as a station's first import does
        one = self.queries_for(1, 800_000)
        five = self.queries_for(5, 900_000)
        fifty = self.queries_for(50, 910_000)
        self.assertEqual((one, five), (fifty, fifty))
        self.assertEqual(
            Customer.objects.filter(transformer=self.transformer, account_number__gte="8").count(),
            56,
        )
