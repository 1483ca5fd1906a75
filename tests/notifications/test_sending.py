"""Telling households of an outage through a gateway that fails 30 % of the time and times out
10 %: every message reaches the gateway once by id, through retries and a worker killed mid-send."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.test import TestCase
from django.utils import timezone

from powerdesk.notifications.models import Delivery, DeliveryState, Event, Notice
from powerdesk.notifications.sending import SENDING_TIMEOUT, _claim, deliveries_send_due
from powerdesk.notifications.tasks import send_due, tasks_recover_stuck
from powerdesk.notifications.transports import LogTransport
from powerdesk.outages.services import outage_declare, outage_restore
from tests.base import BaseTestCase
from tests.notifications.helpers import FlakyGateway, add_households, send_everything

S = DeliveryState


class OutageTextsTests(BaseTestCase):
    def setUp(self) -> None:
        add_households(self, 199)  # and the cast's customer: 200 households with mobiles

    def sms_of(self, event: str) -> list[Delivery]:
        return list(Delivery.objects.filter(notice__event=event, channel="sms"))

    def test_200_households_get_one_text_each_of_the_outage_and_then_of_power_back(self) -> None:
        with FlakyGateway() as gateway:
            outage = outage_declare(
                station=self.station_a, user=self.clerk, device=self.fuse, kind="unplanned"
            )
            known = self.sms_of(Event.OUTAGE_KNOWN)
            self.assertEqual(len(known), 200)
            send_everything()
            outage_restore(outage=outage, user=self.clerk, cause="unknown", how="remote")
            back = self.sms_of(Event.POWER_BACK)
            self.assertEqual(len(back), 200)
            send_everything()
        every = Delivery.objects.filter(channel="sms")
        self.assertEqual(Counter(every.values_list("state", flat=True)), {S.SENT: 400})
        # Kept once each by the gateway, though some were posted two or three times.
        self.assertEqual(set(gateway.messages), set(every.values_list("message_id", flat=True)))
        self.assertGreater(gateway.failures, 50)
        self.assertGreater(gateway.timeouts, 10)
        self.assertGreater(gateway.posts, 400)
        to = Counter(m.to for m in gateway.messages.values())
        self.assertEqual(set(to.values()), {2})  # each phone: "off", then "back"
        self.assertIn("停电", gateway.messages[known[0].message_id].text)

    def test_a_phone_shared_by_several_households_gets_one_message(self) -> None:
        from powerdesk.customers.models import CustomerPhone

        for customer in add_households(self, 3, start=500):
            CustomerPhone.objects.create(customer=customer, number="+8613700000001")
        outage_declare(station=self.station_a, user=None, device=self.fuse, kind="unplanned")
        shared = Delivery.objects.filter(address="+8613700000001")
        self.assertEqual(shared.count(), 1)

    def test_the_same_event_raised_again_sends_nothing_more(self) -> None:
        from powerdesk.notifications.events import notify_outage_known

        outage = outage_declare(
            station=self.station_a, user=None, device=self.fuse, kind="unplanned"
        )
        before = Delivery.objects.count()
        notify_outage_known(outage)
        self.assertEqual(Delivery.objects.count(), before)
        self.assertEqual(Notice.objects.filter(event=Event.OUTAGE_KNOWN).count(), 1)

    def test_a_worker_killed_mid_send_loses_nothing_and_repeats_nothing(self) -> None:
        with FlakyGateway(fail=0.0, timeouts=0.0) as gateway:
            outage_declare(station=self.station_a, user=None, device=self.fuse, kind="unplanned")
            now = timezone.now()
            # The worker claims a batch, sends half of it, and dies.
            _token, batch = _claim(now, 100)
            from powerdesk.notifications.sending import _message, transport_of
            from powerdesk.notifications.texts import render

            for delivery in batch[:50]:
                delivery.text = render(delivery)
                transport_of(delivery).send(_message(delivery))
            self.assertEqual(Delivery.objects.filter(state=S.SENDING).count(), 100)
            # Restarted: the rest go at once; the batch left "sending" after the timeout.
            send_everything(start=now)
            self.assertEqual(Delivery.objects.filter(state=S.SENDING).count(), 0)
            late = now + SENDING_TIMEOUT + dt.timedelta(seconds=1)
            send_everything(start=late)
        self.assertEqual(Delivery.objects.filter(channel="sms", state=S.SENT).count(), 200)
        self.assertEqual(len(gateway.messages), 200)
        self.assertEqual(gateway.posts, 250)  # the 50 sent before the kill were sent again

    def test_a_gateway_saying_no_for_good_marks_the_delivery_failed_at_once(self) -> None:
        with FlakyGateway(fail=0.0, timeouts=0.0) as gateway:
            gateway.token = "another"  # 401: a permanent refusal
            outage_declare(station=self.station_a, user=None, device=self.fuse, kind="unplanned")
            deliveries_send_due()
        failed = Delivery.objects.filter(state=S.FAILED_PERMANENT).first()
        assert failed is not None
        self.assertEqual(failed.attempts, 1)
        self.assertIn("401", failed.last_error)

    def test_temporary_failures_are_tried_at_least_six_times_over_at_least_an_hour(self) -> None:
        with FlakyGateway(fail=1.0, timeouts=0.0):
            outage_declare(station=self.station_a, user=None, device=self.fuse, kind="unplanned")
            start = timezone.now()
            end = send_everything(start=start, hours=12)
        delivery = Delivery.objects.filter(channel="sms").first()
        assert delivery is not None
        self.assertEqual(delivery.state, S.FAILED_PERMANENT)
        self.assertGreaterEqual(delivery.attempts, 6)
        self.assertGreaterEqual(end - start, dt.timedelta(hours=1))


class WorkerTests(TestCase):
    def test_a_task_left_running_by_a_killed_worker_is_queued_again(self) -> None:
        from django_tasks_db.models import DBTaskResult

        result = send_due.enqueue()
        row = DBTaskResult.objects.get(pk=result.id)
        row.claim("dead-worker")
        self.assertEqual(tasks_recover_stuck(), 0)  # not yet: it may still be running
        later = timezone.now() + dt.timedelta(minutes=11)
        self.assertEqual(tasks_recover_stuck(now=later), 1)
        row.refresh_from_db()
        self.assertEqual(row.status, "READY")

    def test_a_task_is_queued_again_once_its_workers_heartbeat_lapses_not_before(self) -> None:
        from django_tasks_db.models import DBTaskResult

        from powerdesk.ops.heartbeat import heartbeat_beat, process_start, process_tag
        from powerdesk.servicedesk.tasks import retrain_classifier

        start = process_start()
        heartbeat_beat(kind="trainer", started_at=start, now=start)
        row = DBTaskResult.objects.get(pk=retrain_classifier.enqueue().id)
        row.claim(process_tag(start))
        # Nearly three hours of training while the worker beats: left running, reads RUNNING.
        for minutes in (11, 23, 60, 170):
            later = start + dt.timedelta(minutes=minutes)
            heartbeat_beat(kind="trainer", started_at=start, now=later)
            self.assertEqual(tasks_recover_stuck(now=later), 0)
        row.refresh_from_db()
        self.assertEqual(row.status, "RUNNING")
        # The worker killed: its heartbeat lapses, and the training is queued again.
        dead = start + dt.timedelta(minutes=172)
        self.assertEqual(tasks_recover_stuck(now=dead), 1)
        row.refresh_from_db()
        self.assertEqual((row.status, row.started_at), ("READY", None))

    def test_without_a_gateway_texts_go_to_the_log(self) -> None:
        LogTransport.sent.clear()
        from tests.base import build_cast

        class Cast:
            pass

        build_cast(Cast)
        outage_declare(station=Cast.station_a, user=None, device=Cast.fuse, kind="unplanned")  # type: ignore[attr-defined]
        deliveries_send_due()
        self.assertEqual([m.to for m in LogTransport.sent], ["+8613812345678"])
