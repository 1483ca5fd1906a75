"""At intake, a caller below an outage the engine sees but nobody has recorded yet (the
board's prediction) is told so: the clerk is not left with nothing to say in a storm."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.outages.models import PredictedOutage, PredictionRejection
from powerdesk.outages.predicted import predictions_above
from tests.base import BaseTestCase, zh
from tests.outage_cast import fault_declare
from tests.planned_cast import planned_on_fuse

NUMBER = "0878-1234567"  # the customer's (tests/base.py)


class IntakePredictionTests(BaseTestCase):
    def predict(self, device: object, status: str = "predicted", **explain: int) -> PredictedOutage:
        return PredictedOutage.objects.create(
            station=self.station_a,
            code=device.code,  # type: ignore[attr-defined]
            device=device,
            status=status,
            customers=12,
            confidence=0.8,
            first_sign_at=timezone.now() - dt.timedelta(minutes=20),
            explain=explain or {"calls": 2, "meter_off": 3},
        )

    def panel(self, language: str = "zh-hans") -> str:
        self.login(self.clerk)
        with translation.override(language):
            response = self.client.get(
                reverse("servicedesk:caller"),
                {"caller_number": NUMBER},
                HTTP_ACCEPT_LANGUAGE=language,
            )
        return response.content.decode()

    def test_a_caller_below_a_predicted_device_is_told_it_is_being_checked(self) -> None:
        self.predict(self.fuse)
        page = self.panel()
        self.assertIn('data-testid="predicted-outage"', page)
        self.assertIn(f"{zh('Outage likely')}</span> {self.fuse} · ", page)
        # Being checked, as the public page says: no crew is said to be arranged.
        self.assertNotIn("安排抢修", page)
        said = self.panel("en")
        self.assertIn(f"We have signs that the power is off from {self.fuse}; the station", said)
        self.assertIn("is checking it.", said)
        self.assertNotIn("arranging a crew", said)
        # The badge, then the device, then what it is (walk78 L7: "predicted Outage likely").
        self.assertIn(f'Outage likely</span> {self.fuse} · <span class="muted">predicted,', said)
        self.assertNotIn("predicted</span> Outage likely", said)

    def test_one_signalled_by_scada_is_said_as_known(self) -> None:
        self.predict(self.breaker, status="confirmed", calls=0, meter_off=0)
        page = self.panel()
        self.assertIn(f"正在停电</span> {self.breaker} · ", page)
        self.assertIn("信号已确认，待登记", page)
        self.assertNotIn("可能停电", page)
        self.assertNotIn("所里正在安排抢修人员", page)  # known off, but nobody recorded it yet
        said = self.panel("en")
        self.assertIn(f"Signals show the power is off from {self.breaker}; the station", said)
        self.assertNotIn("arranging a crew", said)

    def test_not_shown_when_elsewhere_rejected_unsupported_or_recorded(self) -> None:
        other = self.transformer.__class__.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B02-F",
            kind="fuse",
            parent=self.breaker,
            name="另一支线熔断器",
        )
        self.predict(other)  # not above the caller
        silent = self.predict(self.pole, calls=0, meter_off=0)  # nothing says it is off
        self.assertEqual(predictions_above(self.customer), [])
        silent.delete()
        fuse = self.predict(self.fuse)
        self.assertEqual(predictions_above(self.customer), [fuse])
        PredictionRejection.objects.create(
            station=self.station_a,
            code=fuse.code,
            first_sign_at=fuse.first_sign_at,
            reason="用户自家空开跳闸",
            at=timezone.now(),
        )
        self.assertEqual(predictions_above(self.customer), [])
        self.assertNotIn('data-testid="predicted-outage"', self.panel())
        PredictionRejection.objects.all().delete()
        # Once recorded, the outage is offered to join, and the prediction is not said again.
        fault_declare(self, self.fuse, began=20)
        page = self.panel()
        self.assertIn('data-testid="outage-join"', page)
        self.assertNotIn('data-testid="predicted-outage"', page)

    def test_the_outage_going_on_is_said_before_planned_work_to_come(self) -> None:
        planned_on_fuse(
            self,
            timezone.now() + dt.timedelta(days=8),
            timezone.now() + dt.timedelta(days=8, hours=4),
            notice="下周哔叭支线计划检修",
        )
        self.predict(self.breaker, status="confirmed", calls=0, meter_off=0)
        page = self.panel()
        self.assertLess(page.index("信号已确认，待登记"), page.index("下周哔叭支线计划检修"))
