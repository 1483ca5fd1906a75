"""A network file with several problems lists its kind refusals with the rest (walk56, M2): a
transformer with households made a fuse, or an element under an open outage given another kind,
is refused at its row together with the file's other problems, not only once they are fixed."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

from powerdesk.customers.models import Customer
from powerdesk.lib.csvfile import CsvImportError
from powerdesk.network.importing import network_import
from powerdesk.network.models import GridNode, ImportRun, NodeKind
from powerdesk.network.selectors import households_per_transformer
from powerdesk.outages.models import Outage
from tests.base import BaseTestCase
from tests.network_import_cast import _english, upload  # noqa: F401 (_english: autouse)


class KindRefusalsWithOtherProblemsTests(BaseTestCase):
    def problems(self, text: str) -> list[tuple[int, str | None, str]]:
        with self.assertRaises(CsvImportError) as caught:
            network_import(station=self.station_a, stream=upload(text), file_name="bad.csv")
        self.assertFalse(ImportRun.objects.exists())
        return [(p.line, p.column, p.message) for p in caught.exception.problems]

    def test_a_transformer_with_households_is_refused_with_the_other_problems(self) -> None:
        found = self.problems(
            "id,parent,kind,capacity_kva\n"
            "ZM-B01-T1,ZM-B01-F,fuse,\n"
            "NEW-2,NOPE-PARENT,transformer,50\n"
            "NEW-3,ZM-B01-F,blah,\n"
            "NEW-4,ZM-B01-F,transformer,abc\n"
        )
        self.assertEqual(found[0][:2], (2, "kind"))
        self.assertIn("'ZM-B01-T1' cannot change its kind to", found[0][2])
        self.assertIn("1 household is in its transformer area", found[0][2])
        self.assertEqual({line for line, _c, _m in found}, {2, 3, 4, 5})
        self.transformer.refresh_from_db()
        self.assertEqual(self.transformer.kind, NodeKind.TRANSFORMER)

    def test_households_the_file_moves_away_are_not_counted(self) -> None:
        found = self.problems(
            "id,parent,kind\n"
            "ZM-B01-T2,ZM-B01-F,transformer\n"
            "53250000001,ZM-B01-T2,customer\n"
            "ZM-B01-T1,ZM-B01-F,node\n"
            "NEW-3,ZM-B01-F,blah\n"
        )
        self.assertEqual([line for line, _c, _m in found], [5])

    def test_a_household_whose_row_cannot_be_followed_is_given_the_benefit_of_the_doubt(
        self,
    ) -> None:
        # Its row hangs under an unknown parent: it may be leaving, so only that is refused.
        found = self.problems(
            "id,parent,kind\n53250000001,NOPE,customer\nZM-B01-T1,ZM-B01-F,node\n"
        )
        self.assertEqual([line for line, _c, _m in found], [2])

    def test_a_kind_change_under_an_open_outage_is_refused_with_the_other_problems(self) -> None:
        Outage.objects.create(
            station=self.station_a,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=timezone.now(),
            customers=1,
        )
        found = self.problems("id,parent,kind\nZM-B01-F,ZM-B01-P02,node\nNEW-1,NOPE,node\n")
        self.assertEqual(
            [(line, column) for line, column, _m in found], [(2, "kind"), (3, "parent")]
        )
        self.assertIn("while an outage is open at it", found[0][2])
        self.assertEqual(GridNode.objects.get(pk=self.fuse.pk).kind, NodeKind.FUSE)

    def test_a_row_of_an_unknown_kind_or_element_is_not_checked_again(self) -> None:
        found = self.problems("id,parent,kind\nZM-B01-T1,ZM-B01-F,blah\nNEW-9,NOPE,fuse\n")
        self.assertEqual(len(found), 2)
        self.assertNotIn("cannot change its kind", " ".join(m for _l, _c, m in found))


class HouseholdsPerTransformerTests(BaseTestCase):
    """The one count both the plan and the early kind refusals read (review, fix58c 1)."""

    def test_each_transformer_areas_households_of_the_station_or_of_those_asked(self) -> None:
        second = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B01-T2",
            kind=NodeKind.TRANSFORMER,
            parent=self.fuse,
        )
        for n in (2, 3):
            Customer.objects.create(
                station=self.station_a, account_number=f"5325000000{n}", transformer=second
            )
        Customer.objects.create(station=self.station_a, account_number="53250000009")
        Customer.objects.create(station=self.station_b, account_number="53250000001")
        with self.assertNumQueries(1):
            everyone = households_per_transformer(self.station_a)
        self.assertEqual(everyone, Counter({self.transformer.pk: 1, second.pk: 2}))
        with self.assertNumQueries(1):
            asked = households_per_transformer(self.station_a, {second.pk: "ZM-B01-T2"})
        self.assertEqual(asked, Counter({second.pk: 2}))
        with self.assertNumQueries(0):
            self.assertEqual(households_per_transformer(self.station_a, []), Counter())
        self.assertEqual(households_per_transformer(self.station_b), Counter())
