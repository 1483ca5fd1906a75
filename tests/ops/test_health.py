"""``/healthz``: 200 when the database, every background process, every station's engine and
the task queue are well; 503 naming what is not; never a secret or a name."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from powerdesk.notifications.tasks import send_due
from powerdesk.ops.heartbeat import heartbeat_beat
from powerdesk.ops.lease import lease_hold
from powerdesk.ops.models import Heartbeat
from tests.base import BaseTestCase


class HealthTests(BaseTestCase):
    def all_alive(self, at: dt.datetime | None = None) -> None:
        now = at or timezone.now()
        for kind in Heartbeat.Kind.values:
            heartbeat_beat(kind=kind, started_at=now, now=now)
        for station in (self.station_a, self.station_b):
            lease_hold(station_id=station.pk, owner="service-1", now=now)

    def test_it_is_healthy_when_every_process_beats_and_every_engine_runs(self) -> None:
        self.all_alive()
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertTrue(body["ok"])
        self.assertTrue(body["database"]["ok"])
        self.assertEqual(
            set(body["processes"]), {"worker", "trainer", "outage_service", "notify_service"}
        )
        self.assertEqual(body["outage_engines"], {"ok": True, "stations": 2, "running": 2})
        self.assertEqual(body["queue"]["ready"], 0)

    def test_a_dead_worker_makes_it_503_and_says_which(self) -> None:
        long_ago = timezone.now() - dt.timedelta(minutes=5)
        self.all_alive()
        Heartbeat.objects.filter(kind="worker").update(seen_at=long_ago)
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        body = response.json()
        self.assertFalse(body["processes"]["worker"]["ok"])
        self.assertGreaterEqual(body["processes"]["worker"]["seen_seconds_ago"], 299)
        self.assertTrue(body["processes"]["outage_service"]["ok"])

    def test_no_heartbeat_at_all_is_unhealthy(self) -> None:
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        self.assertIsNone(response.json()["processes"]["notify_service"]["seen_seconds_ago"])

    def test_a_station_whose_engine_nobody_runs_is_unhealthy(self) -> None:
        self.all_alive()
        from powerdesk.ops.models import EngineLease

        EngineLease.objects.filter(station=self.station_b).update(
            expires_at=timezone.now() - dt.timedelta(seconds=1)
        )
        body = self.client.get("/healthz").json()
        self.assertEqual(body["outage_engines"], {"ok": False, "stations": 2, "running": 1})

    def test_a_queue_nobody_takes_from_is_unhealthy(self) -> None:
        self.all_alive()
        send_due.enqueue()
        DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=10))
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["queue"]["ready"], 1)
        self.assertGreaterEqual(response.json()["queue"]["oldest_wait_seconds"], 599)

    def test_it_tells_no_secret_host_or_person(self) -> None:
        self.all_alive()
        text = self.client.get("/healthz").content.decode()
        import socket

        for secret in (settings.SECRET_KEY, socket.gethostname(), "service-1", self.chief.username):
            self.assertNotIn(secret, text)
