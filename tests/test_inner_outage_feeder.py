"""fix45a's leftover: an outage still on inside a restored one is looked for on the restored
outage's feeder only (``still_dark_said._inner_outages`` walks ``subtree_ids``). The network
model rules out a device on another feeder below it: each feeder is one radial tree from its
outlet breaker (no tie, no feeder fed from another's bus). These tests pin that rule where the
network is made: the import and a hand edit of an element."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from powerdesk.lib.csvfile import CsvImportError
from powerdesk.network.importing import network_import
from powerdesk.network.models import Feeder, GridNode, NodeKind
from powerdesk.network.selectors import subtree_ids
from tests.base import BaseTestCase
from tests.network_import_cast import GOOD, _english, upload  # noqa: F401 (_english: autouse)


class OneTreePerFeederTests(BaseTestCase):
    def test_a_feeder_fed_from_another_s_bus_is_refused(self) -> None:
        # A second outlet breaker hung below the first feeder's pole (a tie, or a feeder fed
        # from another's bus): an outlet breaker has no parent.
        tied = GOOD + "LZ-CB,DS-P01,source,另一线出线开关,10kV另一线,,,,,,,,\n"
        with self.assertRaises(CsvImportError) as caught:
            network_import(station=self.station_a, stream=upload(tied), file_name="net.csv")
        self.assertIn(
            "net.csv, line 8, column parent: source 'LZ-CB' must not have a parent: a source "
            "starts a line",
            [str(p) for p in caught.exception.problems],
        )

    def test_an_element_hung_below_another_line_is_filed_under_that_line_s_feeder(self) -> None:
        # A branch named as another line's, hung from this feeder's pole: it is this feeder's
        # (its root's), so what is below the pole is found on the pole's feeder alone.
        branch = GOOD + "LZ-F1,DS-P01,fuse,另一线支线熔断器,10kV另一线,,,,,,,,\n"
        network_import(station=self.station_a, stream=upload(branch), file_name="net.csv")
        fuse = GridNode.objects.get(code="LZ-F1")
        pole = GridNode.objects.get(code="DS-P01")
        self.assertEqual(fuse.feeder_id, pole.feeder_id)
        self.assertFalse(Feeder.objects.filter(name="10kV另一线").exists())
        self.assertIn(fuse.pk, subtree_ids(pole))

    def test_a_parent_on_another_feeder_is_refused_at_a_hand_edit(self) -> None:
        other = Feeder.objects.create(station=self.station_a, code="LZ", name="10kV另一线")
        breaker = GridNode.objects.create(
            station=self.station_a, feeder=other, code="LZ-CB", kind=NodeKind.SOURCE
        )
        # The cast's fuse (on 10kV左门线) given the other feeder's breaker as its parent.
        self.fuse.parent = breaker
        with self.assertRaises(ValidationError) as caught:
            self.fuse.full_clean()
        self.assertIn("parent", caught.exception.message_dict)
        # Its own feeder's pole as parent is fine.
        self.fuse.parent = self.pole
        self.fuse.full_clean()
