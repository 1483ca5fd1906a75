"""A village liaison sees an outage over their village that the engine is sure of (SCADA, a
crew, or calls and meters) before anyone has recorded it, as the public page says it: the
liaison is not told less than the villagers reading the public page."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Membership, Role
from powerdesk.network.models import GridNode
from powerdesk.outages.models import Outage, PredictedOutage, PredictionRejection
from powerdesk.outages.services import outage_declare
from powerdesk.public.selectors import PUBLIC_CONFIDENCE
from tests.base import BaseTestCase, make_user

SINCE = dt.datetime(2026, 7, 1, 0, 5, tzinfo=dt.UTC)  # 08:05 at the station


class LiaisonSuspectedTests(BaseTestCase):
    def setUp(self) -> None:
        self.liaison = make_user("zm", self.station_a, full_name="左门村委会 李文华")
        Membership.objects.create(
            user=self.liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        # Customers make the village and group reached by the fuse (tests/base.py's customer).
        self.login(self.liaison)

    def predict(
        self, device: GridNode, *, status: str = "predicted", confidence: float = 0.9
    ) -> PredictedOutage:
        return PredictedOutage.objects.create(
            station=self.station_a,
            code=device.code,
            device=device,
            status=status,
            customers=1,
            confidence=confidence,
            first_sign_at=SINCE,
            explain={"calls": 1, "meter_off": 0},
        )

    def box(self) -> str:
        page = self.client.get(reverse("web:liaison")).content.decode()
        box = page[page.index('data-testid="village-outages"') :]
        return box[: box.index("</section>")]

    def test_a_sure_prediction_over_the_village_is_shown_with_its_groups_and_time(self) -> None:
        self.predict(self.fuse)
        box = self.box()
        self.assertIn('data-testid="suspected-outage"', box)
        self.assertIn("可能停电：正在核实</span> 哔叭 · 停电开始 07-01 08:05", box)
        # no crew is sent: none is named (tests/test_public_suspected.py: what is said instead)
        self.assertNotIn("抢修人员", box)
        self.assertNotIn("目前没有停电记录", box)
        self.assertNotIn(str(self.fuse), box)  # said by village group, as on the public page

    def test_scada_s_word_is_enough_and_an_unsure_one_is_not_shown(self) -> None:
        unsure = self.predict(self.fuse, confidence=PUBLIC_CONFIDENCE - 0.1)
        self.assertNotIn('data-testid="suspected-outage"', self.box())
        unsure.status = PredictedOutage.Status.CONFIRMED
        unsure.save()
        self.assertIn('data-testid="suspected-outage"', self.box())

    def test_once_rejected_or_recorded_it_is_not_shown_as_suspected(self) -> None:
        prediction = self.predict(self.fuse)
        PredictionRejection.objects.create(
            station=self.station_a,
            code=prediction.code,
            first_sign_at=SINCE,
            reason="用户自家空开跳闸",
            at=timezone.now(),
        )
        self.assertNotIn('data-testid="suspected-outage"', self.box())
        PredictionRejection.objects.all().delete()
        outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=SINCE,
        )
        box = self.box()
        self.assertNotIn('data-testid="suspected-outage"', box)
        self.assertIn(str(self.fuse), box)  # the recorded outage, with "power is back"
