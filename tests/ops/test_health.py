"""``/healthz``: 200 when the database, every background process, every station's engine and
the task queue are well; 503 naming what is not; never a secret or a name."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from powerdesk.notifications.tasks import send_due, tasks_recover_stuck
from powerdesk.ops.heartbeat import heartbeat_beat, process_start, process_tag
from powerdesk.ops.lease import lease_hold
from powerdesk.ops.models import Heartbeat
from powerdesk.servicedesk.tasks import retrain_classifier
from tests.base import BaseTestCase


class HealthTests(BaseTestCase):
    def all_alive(self, at: dt.datetime | None = None, started: dt.datetime | None = None) -> None:
        now = at or timezone.now()
        for kind in Heartbeat.Kind.values:
            heartbeat_beat(kind=kind, started_at=started or now, now=now)
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
        self.assertEqual(set(body["queues"]), {"default", "training"})
        self.assertEqual(body["queues"]["default"]["ready"], 0)
        # The key monitors read before there were two queues, with the same counts.
        self.assertEqual(
            body["queue"], {"ok": True, "ready": 0, "running": 0, "oldest_wait_seconds": 0}
        )

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
        default = response.json()["queues"]["default"]
        self.assertEqual(default["ready"], 1)
        self.assertGreaterEqual(default["oldest_wait_seconds"], 599)

    def test_it_tells_no_secret_host_or_person(self) -> None:
        self.all_alive()
        text = self.client.get("/healthz").content.decode()
        import socket

        for secret in (settings.SECRET_KEY, socket.gethostname(), "service-1", self.chief.username):
            self.assertNotIn(secret, text)


class QueueHealthTests(BaseTestCase):
    """Each queue judged by its own rule: a training that runs long is the site working."""

    all_alive = HealthTests.all_alive

    def ago(self, **kwargs: float) -> dt.datetime:
        return timezone.now() - dt.timedelta(**kwargs)

    def test_a_training_running_long_with_a_retrain_waiting_behind_it_is_healthy(self) -> None:
        # The first start: the classifier trains for 23 minutes, the next retraining waits.
        started = process_start() - dt.timedelta(minutes=30)
        self.all_alive(started=started)
        training = DBTaskResult.objects.get(pk=retrain_classifier.enqueue().id)
        training.claim(process_tag(started))  # by this process, whose heartbeat is fresh
        DBTaskResult.objects.filter(pk=training.pk).update(
            enqueued_at=self.ago(minutes=23), started_at=self.ago(minutes=23)
        )
        waiting = retrain_classifier.enqueue()
        DBTaskResult.objects.filter(pk=waiting.id).update(enqueued_at=self.ago(minutes=22))
        # The notification service's sweep leaves a task alone while its worker beats.
        self.assertEqual(tasks_recover_stuck(), 0)
        training.refresh_from_db()
        self.assertEqual(training.status, "RUNNING")

        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        queue = response.json()["queues"]["training"]
        self.assertTrue(queue["ok"])
        self.assertEqual(queue["running"][0]["task"], "retrain_classifier")
        self.assertGreaterEqual(queue["running"][0]["running_seconds"], 23 * 60 - 1)
        self.assertEqual(queue["ready"], 1)
        self.assertGreaterEqual(queue["oldest_wait_seconds"], 22 * 60 - 1)
        self.assertEqual(queue["run_limit_seconds"], 3 * 3600)
        summary = response.json()["queue"]
        self.assertEqual((summary["ok"], summary["running"], summary["ready"]), (True, 1, 1))
        self.assertNotIn("problem", summary)

    def test_a_send_jammed_in_a_live_worker_is_503_then_handed_back_and_still_503(self) -> None:
        # The texts' worker beats (its heartbeat is a thread) while its send hangs on a gateway.
        started = process_start() - dt.timedelta(minutes=30)
        self.all_alive(started=started)
        row = DBTaskResult.objects.get(pk=send_due.enqueue().id)
        row.claim(process_tag(started))
        DBTaskResult.objects.filter(pk=row.pk).update(started_at=self.ago(minutes=11))
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        default = response.json()["queues"]["default"]
        self.assertEqual(
            default["problem"],
            "a task has run 11 min on the default queue, past its limit of 10 min",
        )
        self.assertEqual(response.json()["queue"]["problem"], default["problem"])
        self.assertTrue(response.json()["processes"]["worker"]["ok"])

        with self.assertLogs("powerdesk.notifications", "ERROR"):
            self.assertEqual(tasks_recover_stuck(), 1)
        # Handed back, and waiting since it was claimed: no worker has taken the texts since.
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(
            response.json()["queue"]["problem"], "a task has waited 11 min on the default queue"
        )
        # A worker takes it: the texts move again.
        DBTaskResult.objects.get(pk=row.pk).claim(process_tag(started))
        self.assertEqual(self.client.get("/healthz").status_code, 200)

    def test_a_stuck_default_queue_is_503_naming_it_and_how_long(self) -> None:
        self.all_alive()
        send_due.enqueue()
        DBTaskResult.objects.update(enqueued_at=self.ago(minutes=12))
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        body = response.json()
        self.assertFalse(body["queues"]["default"]["ok"])
        self.assertIn("12 min on the default queue", body["queues"]["default"]["problem"])
        self.assertTrue(body["queues"]["training"]["ok"])
        self.assertTrue(body["processes"]["worker"]["ok"])
        self.assertEqual(
            body["queue"],
            {
                "ok": False,
                "ready": 1,
                "running": 0,
                "oldest_wait_seconds": body["queues"]["default"]["oldest_wait_seconds"],
                "problem": body["queues"]["default"]["problem"],
            },
        )

    def test_a_training_queue_waiting_past_its_hour_is_503(self) -> None:
        self.all_alive()
        retrain_classifier.enqueue()
        DBTaskResult.objects.update(enqueued_at=self.ago(minutes=65))
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        self.assertIn("training queue", response.json()["queues"]["training"]["problem"])

    def test_the_trainer_gone_with_a_training_waiting_is_503_naming_it(self) -> None:
        self.all_alive()
        Heartbeat.objects.filter(kind="trainer").update(seen_at=self.ago(minutes=5))
        retrain_classifier.enqueue()  # just queued: no wait limit passed, but nobody will take it
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        body = response.json()
        self.assertFalse(body["queues"]["training"]["ok"])
        self.assertEqual(
            body["queues"]["training"]["problem"], "no trainer is taking the training queue"
        )
        self.assertTrue(body["queues"]["default"]["ok"])
        self.assertEqual(
            (body["queue"]["ok"], body["queue"]["problem"]),
            (False, "no trainer is taking the training queue"),
        )

    def test_the_summary_names_the_texts_queue_first_when_both_are_stuck(self) -> None:
        self.all_alive()
        send_due.enqueue()
        retrain_classifier.enqueue()
        DBTaskResult.objects.filter(queue_name="training").update(enqueued_at=self.ago(minutes=90))
        DBTaskResult.objects.filter(queue_name="default").update(enqueued_at=self.ago(minutes=6))
        body = self.client.get("/healthz").json()
        self.assertFalse(body["queues"]["training"]["ok"])
        self.assertEqual(
            (body["queue"]["ok"], body["queue"]["problem"]),
            (False, "a task has waited 6 min on the default queue"),
        )
        self.assertGreaterEqual(body["queue"]["oldest_wait_seconds"], 90 * 60 - 1)  # the worst
