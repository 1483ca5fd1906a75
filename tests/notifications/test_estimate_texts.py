"""Texts of the expected restoration: never one for an outage whose power is already back, and
no burst of revisions (at most one in ``ETR_QUIET`` unless it moved by ``ETR_MOVE_AT_ONCE``)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from powerdesk.notifications.estimate_held import etr_held_scan
from powerdesk.notifications.models import Delivery, DeliveryState, Event
from powerdesk.notifications.sending import deliveries_send_due
from powerdesk.notifications.transports import LogTransport
from powerdesk.outages.estimates import outage_estimate
from powerdesk.outages.services import outage_declare, outage_restore
from tests.base import BaseTestCase

HOUSEHOLD = "+8613812345678"


def log_transport(delivery: Delivery) -> LogTransport:
    return LogTransport()


class EstimateTextsTests(BaseTestCase):
    def estimate_texts(self) -> list[Delivery]:
        return list(
            Delivery.objects.filter(notice__event=Event.ETR_MOVED, address=HOUSEHOLD).order_by("pk")
        )

    def declare(self, *, hours: float) -> object:
        return outage_declare(
            station=self.station_a,
            user=None,
            device=self.fuse,
            kind="unplanned",
            expected_restore_at=self.start + dt.timedelta(hours=hours),
        )

    def setUp(self) -> None:
        self.start = timezone.now().replace(microsecond=0)

    def at(self, minutes: float) -> time_machine.travel:
        return time_machine.travel(self.start + dt.timedelta(minutes=minutes), tick=False)

    def test_an_estimate_raised_before_the_restore_is_not_sent_after_it(self) -> None:
        with self.at(0):
            outage = self.declare(hours=3)
        with self.at(40):
            outage_estimate(
                outage=outage,
                user=self.clerk,
                expected_restore_at=self.start + dt.timedelta(hours=1, minutes=30),
            )
            [queued] = self.estimate_texts()
            self.assertEqual(queued.state, DeliveryState.QUEUED)
            # The crew's "restored" arrives in the same batch, before the worker sends.
            outage_restore(outage=outage, user=self.clerk, cause="unknown", how="remote")
            while deliveries_send_due(transport_for=log_transport).claimed:
                pass
        [withdrawn] = self.estimate_texts()
        self.assertEqual(withdrawn.state, DeliveryState.WITHDRAWN)
        self.assertEqual(withdrawn.sent_at, None)
        self.assertIn("已经恢复", withdrawn.last_error)
        back = Delivery.objects.get(notice__event=Event.POWER_BACK, address=HOUSEHOLD)
        self.assertEqual(back.state, DeliveryState.SENT)

    def test_a_power_off_text_not_yet_sent_when_the_power_is_back_is_withdrawn(self) -> None:
        def texts(event: str) -> list[Delivery]:
            return list(Delivery.objects.filter(notice__event=event, address=HOUSEHOLD))

        with self.at(0):
            outage = self.declare(hours=3)
            [off] = texts(Event.OUTAGE_KNOWN)
            self.assertEqual(off.state, DeliveryState.QUEUED)
        with self.at(2):
            # The recloser closes again before the worker reaches the "power is off" text.
            outage_restore(outage=outage, user=self.clerk, cause="unknown", how="remote")
            while deliveries_send_due(transport_for=log_transport).claimed:
                pass
        [off] = texts(Event.OUTAGE_KNOWN)
        self.assertEqual(off.state, DeliveryState.WITHDRAWN)
        self.assertEqual(off.sent_at, None)
        self.assertIn("已经恢复", off.last_error)
        # That the power is back is still told.
        [back] = texts(Event.POWER_BACK)
        self.assertEqual(back.state, DeliveryState.SENT)

    def test_a_power_off_text_sent_before_the_power_is_back_stays_sent(self) -> None:
        with self.at(0):
            outage = self.declare(hours=3)
            while deliveries_send_due(transport_for=log_transport).claimed:
                pass
        with self.at(30):
            outage_restore(outage=outage, user=self.clerk, cause="unknown", how="remote")
            while deliveries_send_due(transport_for=log_transport).claimed:
                pass
        [off] = Delivery.objects.filter(notice__event=Event.OUTAGE_KNOWN, address=HOUSEHOLD)
        self.assertEqual(off.state, DeliveryState.SENT)

    def test_three_revisions_in_four_minutes_are_not_three_texts(self) -> None:
        with self.at(0):
            outage = self.declare(hours=3)  # "expected back 03:00" in the first text
        for minute, hours in ((2, 2.5), (4, 1.5)):
            with self.at(minute):
                outage_estimate(
                    outage=outage,
                    user=self.clerk,
                    expected_restore_at=self.start + dt.timedelta(hours=hours),
                )
        # 02:30 within the quiet time, half an hour from what was told: held; 01:30, an hour
        # and a half from it: told at once.
        texts = self.estimate_texts()
        self.assertEqual(len(texts), 1)
        self.assertEqual(
            texts[0].notice.facts["etr"], (self.start + dt.timedelta(hours=1.5)).isoformat()
        )
        self.assertTrue(outage.events.filter(what="estimate_held").exists())
        with self.at(40):
            self.assertEqual(etr_held_scan(), 0)  # told since it was held: nothing more
        self.assertEqual(len(self.estimate_texts()), 1)

    def test_a_held_revision_is_told_when_the_quiet_time_is_over(self) -> None:
        with self.at(0):
            outage = self.declare(hours=3)
        with self.at(2):
            outage_estimate(
                outage=outage,
                user=self.clerk,
                expected_restore_at=self.start + dt.timedelta(hours=3, minutes=40),
            )
        self.assertEqual(self.estimate_texts(), [])
        with self.at(20):
            self.assertEqual(etr_held_scan(), 0)  # still quiet
        with self.at(31):
            self.assertEqual(etr_held_scan(), 1)
        [told] = self.estimate_texts()
        self.assertEqual(
            told.notice.facts["etr"], (self.start + dt.timedelta(hours=3, minutes=40)).isoformat()
        )
        with self.at(32):
            self.assertEqual(etr_held_scan(), 0)  # once

    def test_a_held_revision_of_an_outage_restored_meanwhile_is_never_told(self) -> None:
        with self.at(0):
            outage = self.declare(hours=3)
        with self.at(2):
            outage_estimate(
                outage=outage,
                user=self.clerk,
                expected_restore_at=self.start + dt.timedelta(hours=3, minutes=40),
            )
        with self.at(10):
            outage_restore(outage=outage, user=self.clerk, cause="unknown", how="remote")
        with self.at(31):
            self.assertEqual(etr_held_scan(), 0)
        self.assertEqual(self.estimate_texts(), [])
