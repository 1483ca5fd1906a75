"""The fault found below the outage's device: the callers and meters behind the outage are not
lost. An outage moved to a device below the one the engine named shows the calls and meter
reports of the customers under its device; a place a crew found the fault at is the outage's,
not another row to confirm; an outage moved up the line keeps the named device's callers."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from powerdesk.outages.board import BoardRow, board_rows
from powerdesk.outages.live import LiveStation
from powerdesk.outages.models import PredictedOutage
from powerdesk.outages.patrol import outage_found_here
from powerdesk.outages.prediction_steps import prediction_confirm
from powerdesk.outages.selectors import open_devices
from tests.fuse_areas import FuseAreasTestCase

# ``blown``: half the last gasps arrive (even households), calls from households 1, 7, 13, ...
# (the engine's tally: customers whose last word is a call, then its meters in words)
MOVED_AREA_SIGNS = (2, "12 块上报电表中 6 块报停电")
FUSE_SIGNS = (6, "36 块上报电表中 18 块报停电")


def signs(row: BoardRow) -> tuple[int, str]:
    """The engine's calls and the evidence's meters, as the row keeps them."""
    assert row.prediction is not None
    meters = row.evidence.split("；")[1]
    return row.prediction.explain["calls"], meters


class FoundBelowTests(FuseAreasTestCase):
    def setUp(self) -> None:
        self.blown(timezone.now() - dt.timedelta(hours=2))
        self.live = LiveStation(self.station_a)
        self.live.step()
        self.prediction = PredictedOutage.objects.get(station=self.station_a, device=self.fuse)
        self.area = self.households[-1].transformer  # the third area below the fuse
        assert self.area is not None and self.area.parent_id == self.fuse.pk

    def test_an_outage_moved_to_a_transformer_below_keeps_its_callers_and_meters(self) -> None:
        outage = prediction_confirm(prediction=self.prediction, user=self.chief, device=self.area)
        self.live.step()
        [row] = board_rows(self.station_a)
        self.assertEqual((row.outage, row.households), (outage, 12))
        self.assertEqual(signs(row), MOVED_AREA_SIGNS)
        # The fuse the engine named is not an outage any more, as staff said.
        self.assertEqual(open_devices(self.station_a), {self.area.pk: "declared"})

    def test_found_here_below_the_fuse_is_the_outage_s_own_row_with_its_evidence(self) -> None:
        outage = prediction_confirm(prediction=self.prediction, user=self.chief)
        outage_found_here(outage=outage, user=self.chief, place=self.area.code, cause="tree")
        self.live.step()
        rows = board_rows(self.station_a)
        self.assertEqual([(r.outage, r.households) for r in rows], [(outage, 37)])
        self.assertEqual(signs(rows[0]), FUSE_SIGNS)
        assert rows[0].found is not None
        self.assertEqual(rows[0].found.device, self.area)

    def test_an_outage_moved_up_to_the_pole_above_keeps_the_fuse_s_callers(self) -> None:
        outage = prediction_confirm(prediction=self.prediction, user=self.chief, device=self.pole)
        self.live.step()
        later = timezone.now() + dt.timedelta(minutes=30)  # the watch after a restore is over
        self.signal("call", later, self.elsewhere)
        self.live.step()
        [row] = [r for r in board_rows(self.station_a) if r.outage is not None]
        self.assertEqual(row.outage, outage)
        self.assertEqual(signs(row), FUSE_SIGNS)
