"""A network file adds to the network already stored: one new transformer area under a fuse the
station has is a file of one row, and the customers of that area can then be imported (walk46,
finding 2). A parent of another station, or of no station, is refused at its row; a cycle through
the stored network is still refused."""

from __future__ import annotations

import io

from django.urls import reverse

from powerdesk.customers.importing import customer_import
from powerdesk.customers.models import Customer
from powerdesk.lib.csvfile import CsvImportError
from powerdesk.network.importing import network_import
from powerdesk.network.models import Feeder, GridNode, NodeKind
from tests.base import BaseTestCase
from tests.network_import_cast import _english, upload  # noqa: F401 (_english: autouse)

ONE_AREA = "id,parent,kind,name,village\nZM-B01-T9,ZM-B01-F,transformer,左门哔叭9号台区,左门\n"


class AddToTheStoredNetworkTests(BaseTestCase):
    def refused(self, text: str) -> list[str]:
        before = GridNode.objects.count()
        with self.assertRaises(CsvImportError) as caught:
            network_import(station=self.station_a, stream=upload(text), file_name="net.csv")
        self.assertEqual(GridNode.objects.count(), before)  # nothing stored
        return [str(p) for p in caught.exception.problems]

    def test_one_row_adds_a_transformer_under_a_stored_fuse(self) -> None:
        run = network_import(
            station=self.station_a, stream=upload(ONE_AREA), file_name="net.csv", user=self.chief
        )
        self.assertEqual((run.rows_created, run.rows_updated), (1, 0))
        area = GridNode.objects.get(station=self.station_a, code="ZM-B01-T9")
        self.assertEqual((area.parent, area.kind), (self.fuse, NodeKind.TRANSFORMER))
        self.assertEqual(area.feeder, self.feeder)  # the fuse's line, no new one
        self.assertEqual(Feeder.objects.filter(station=self.station_a).count(), 1)
        # The same file again changes nothing.
        again = network_import(station=self.station_a, stream=upload(ONE_AREA), file_name="n.csv")
        self.assertEqual((again.rows_created, again.rows_updated, again.rows_unchanged), (0, 0, 1))
        # Then a customer file naming the new area is taken.
        customers = "account_number,name,transformer\n53250009901,赵新户,ZM-B01-T9\n"
        customer_import(
            station=self.station_a, stream=io.BytesIO(customers.encode()), file_name="c.csv"
        )
        self.assertEqual(Customer.objects.get(account_number="53250009901").transformer, area)

    def test_a_customer_row_under_a_stored_transformer_gets_that_transformer(self) -> None:
        text = "id,parent,kind,name\nC-9,ZM-B01-T1,customer,王新\n"
        network_import(station=self.station_a, stream=upload(text), file_name="net.csv")
        customer = Customer.objects.get(station=self.station_a, account_number="C-9")
        self.assertEqual(customer.transformer, self.transformer)

    def test_a_parent_of_another_station_is_refused_at_its_row(self) -> None:
        other = Feeder.objects.create(station=self.station_b, code="DC", name="10kV栋川线")
        GridNode.objects.create(
            station=self.station_b, feeder=other, code="DC-F1", kind=NodeKind.FUSE
        )
        found = self.refused(ONE_AREA.replace("ZM-B01-F,", "DC-F1,"))
        # Said as a parent of no station: the refusal tells nothing of another station's
        # network (review46).
        self.assertEqual(
            found,
            [
                "net.csv, line 2, column parent: 'DC-F1' is not the id of any element in the "
                "file or in the station's network"
            ],
        )

    def test_a_parent_nowhere_is_refused_with_its_row_and_column(self) -> None:
        found = self.refused(ONE_AREA.replace("ZM-B01-F,", "ZM-B09-F,"))
        self.assertEqual(
            found,
            [
                "net.csv, line 2, column parent: 'ZM-B09-F' is not the id of any element in the "
                "file or in the station's network"
            ],
        )

    def test_a_cycle_through_the_stored_network_is_refused(self) -> None:
        # The stored fuse put under a new pole that the file hangs under the fuse's own area.
        text = "id,parent,kind\nZM-B01-P09,ZM-B01-T1,node\nZM-B01-F,ZM-B01-P09,fuse\n"
        found = self.refused(text)
        self.assertEqual(len(found), 1)
        self.assertIn("line 2, column parent: the parents go round in a circle", found[0])
        self.assertIn("ZM-B01-T1", found[0])
        # Within the file alone, as before.
        found = self.refused("id,parent,kind\nA,B,node\nB,A,node\n")
        self.assertIn("the parents go round in a circle", found[0])

    def test_the_page_says_a_file_may_add_to_the_stored_network(self) -> None:
        self.login(self.chief)
        page = self.client.get(reverse("network:import"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "an element already in the station's network")
