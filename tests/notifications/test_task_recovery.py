"""The notification service's sweep of tasks left RUNNING: a task is its worker's only while that
very process beats (not a worker restarted with the same pid after a power cut, not a host whose
name merely begins the same), and no task runs past its queue's limit, even in a live worker."""

from __future__ import annotations

import datetime as dt
import os
import socket
from unittest import mock

from django.test import TestCase
from django_tasks_db.models import DBTaskResult

from powerdesk.notifications.tasks import send_due, tasks_recover_stuck
from powerdesk.ops.heartbeat import heartbeat_beat, process_alive, process_start, process_tag
from powerdesk.ops.models import Heartbeat
from powerdesk.servicedesk.tasks import retrain_classifier


def minutes(start: dt.datetime, count: float) -> dt.datetime:
    return start + dt.timedelta(minutes=count)


class WorkerIdentityTests(TestCase):
    """A RUNNING task is left alone only while the process that claimed it beats."""

    def claimed(self, started: dt.datetime) -> DBTaskResult:
        row = DBTaskResult.objects.get(pk=send_due.enqueue().id)
        row.claim(process_tag(started))
        return row

    def test_a_worker_restarted_with_the_same_pid_does_not_keep_the_dead_ones_task(self) -> None:
        # The station's server loses power with a send RUNNING; on the reboot the worker comes
        # back with the same pid and host (in a container it nearly always does).
        before = process_start()
        heartbeat_beat(kind="worker", started_at=before, now=before)
        row = self.claimed(before)
        rebooted = minutes(before, 3)
        heartbeat_beat(kind="worker", started_at=rebooted, now=rebooted)
        self.assertEqual(Heartbeat.objects.get().pid, os.getpid())  # the same process row
        self.assertEqual(tasks_recover_stuck(now=minutes(before, 4)), 1)
        row.refresh_from_db()
        self.assertEqual((row.status, row.started_at), ("READY", None))

    def test_a_task_claimed_before_its_worker_says_it_started_is_not_that_workers(self) -> None:
        claim = process_start()
        later = minutes(claim, 1)  # a heartbeat naming a start after the claim
        heartbeat_beat(kind="worker", started_at=later, now=later)
        row = DBTaskResult.objects.get(pk=send_due.enqueue().id)
        row.claim(process_tag(later))
        self.assertFalse(process_alive(process_tag(later), claimed_at=claim, now=later))
        self.assertEqual(tasks_recover_stuck(now=minutes(claim, 2)), 1)

    def test_the_same_worker_still_beating_keeps_its_task(self) -> None:
        start = process_start()
        heartbeat_beat(kind="worker", started_at=start, now=start)
        row = self.claimed(start)
        heartbeat_beat(kind="worker", started_at=start, now=minutes(start, 5))
        self.assertEqual(tasks_recover_stuck(now=minutes(start, 5)), 0)
        row.refresh_from_db()
        self.assertEqual(row.status, "RUNNING")

    def test_host_worker1_is_not_worker10(self) -> None:
        start = process_start()
        now = minutes(start, 5)
        Heartbeat.objects.create(
            kind="worker", host="worker10", pid=4242, started_at=start, seen_at=now
        )
        row = DBTaskResult.objects.get(pk=send_due.enqueue().id)
        tag = f"4242@worker1@{round(start.timestamp() * 1000)}"
        row.claim(tag)
        self.assertFalse(process_alive(tag, claimed_at=minutes(start, 1), now=now))
        self.assertEqual(tasks_recover_stuck(now=now), 1)
        Heartbeat.objects.create(
            kind="worker", host="worker1", pid=4242, started_at=start, seen_at=now
        )
        self.assertTrue(process_alive(tag, claimed_at=minutes(start, 1), now=now))

    def test_a_long_host_name_cut_in_the_tag_still_names_its_worker(self) -> None:
        long_name = "station-guanglu-" + "x" * 70  # longer than a worker id may be
        start = process_start()
        with mock.patch.object(socket, "gethostname", return_value=long_name):
            heartbeat_beat(kind="worker", started_at=start, now=start)
            tag = process_tag(start)
        self.assertEqual(len(tag), 64)
        self.assertTrue(tag.endswith(f"@{round(start.timestamp() * 1000)}"))
        self.assertTrue(process_alive(tag, claimed_at=minutes(start, 1), now=minutes(start, 1)))

    def test_a_worker_id_of_the_old_form_falls_back_to_the_queues_time(self) -> None:
        # pid@host, written by a worker of before this release: not known, so by the clock.
        start = process_start()
        heartbeat_beat(kind="worker", started_at=start, now=start)
        row = DBTaskResult.objects.get(pk=send_due.enqueue().id)
        row.claim(f"{os.getpid()}@{socket.gethostname()}")
        heartbeat_beat(kind="worker", started_at=start, now=minutes(start, 9))
        self.assertEqual(tasks_recover_stuck(now=minutes(start, 9)), 0)
        self.assertEqual(tasks_recover_stuck(now=minutes(start, 11)), 1)


class JammedTaskTests(TestCase):
    """A task jammed in a live worker (its heartbeat thread beats on) is handed back past its
    queue's limit: 10 minutes for the texts, 3 hours for a training."""

    def test_a_send_hung_on_the_gateway_is_handed_back_after_ten_minutes(self) -> None:
        start = process_start()
        heartbeat_beat(kind="worker", started_at=start, now=start)
        row = DBTaskResult.objects.get(pk=send_due.enqueue().id)
        row.claim(process_tag(start))
        claimed_at = row.started_at
        heartbeat_beat(kind="worker", started_at=start, now=minutes(start, 9))
        self.assertEqual(tasks_recover_stuck(now=minutes(start, 9)), 0)
        heartbeat_beat(kind="worker", started_at=start, now=minutes(start, 11))
        with self.assertLogs("powerdesk.notifications", "ERROR") as logs:
            self.assertEqual(tasks_recover_stuck(now=minutes(start, 11)), 1)
        self.assertIn("send_due", logs.output[0])
        self.assertIn("past its limit of 10 min", logs.output[0])
        row.refresh_from_db()
        # Due since it was claimed: the queue reads as stuck until a worker takes it again.
        self.assertEqual((row.status, row.started_at, row.run_after), ("READY", None, claimed_at))
        self.assertEqual(DBTaskResult.objects.ready().get().pk, row.pk)

    def test_a_training_is_left_running_for_hours_and_handed_back_after_three(self) -> None:
        start = process_start()
        heartbeat_beat(kind="trainer", started_at=start, now=start)
        row = DBTaskResult.objects.get(pk=retrain_classifier.enqueue().id)
        row.claim(process_tag(start))
        for count in (23, 120, 175):
            heartbeat_beat(kind="trainer", started_at=start, now=minutes(start, count))
            self.assertEqual(tasks_recover_stuck(now=minutes(start, count)), 0)
        heartbeat_beat(kind="trainer", started_at=start, now=minutes(start, 181))
        with self.assertLogs("powerdesk.notifications", "ERROR"):
            self.assertEqual(tasks_recover_stuck(now=minutes(start, 181)), 1)
        row.refresh_from_db()
        self.assertEqual(row.status, "READY")
