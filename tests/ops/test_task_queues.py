"""The classifier's retraining runs on its own queue (and worker): the text messages, scans and
pings people wait on never queue behind minutes of training. The restoration-time model (seconds)
runs on the default queue, never behind the classifier, on the database queue and on RQ."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test import override_settings

from powerdesk.notifications.tasks import send_due
from powerdesk.outages.tasks import ping_meters, retrain_etr
from powerdesk.servicedesk.tasks import retrain_classifier, scan_escalations
from tests.ops.processes import redis_binary, redis_server

QUEUES = ["default", "training"]


def test_retraining_is_on_the_training_queue_and_the_rest_on_the_default_one() -> None:
    assert retrain_classifier.queue_name == "training"
    assert send_due.queue_name == scan_escalations.queue_name == ping_meters.queue_name
    assert send_due.queue_name == retrain_etr.queue_name == "default"


@pytest.mark.skipif(
    redis_binary() is None,
    reason="no redis-server on this machine (scripts/install-system-packages.sh installs it)",
)
def test_on_rq_the_restoration_model_is_queued_and_not_behind_a_classifier_waiting(
    tmp_path: Path,
) -> None:
    """Review 27, M5: on RQ a task with a priority is refused, and a training queue is first
    come, first served: the restoration model waited behind 23 minutes of the classifier."""
    import django_rq
    from django_tasks_rq.backend import Job

    with redis_server(tmp_path) as url:
        rq = {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": QUEUES}
        with override_settings(
            TASKS={"default": rq}, RQ_QUEUES={name: {"URL": url} for name in QUEUES}
        ):
            first = retrain_classifier.enqueue()  # a first start queues both, this one first
            etr = retrain_etr.enqueue()
            training = django_rq.get_queue("training", job_class=Job)
            default = django_rq.get_queue("default", job_class=Job)
            assert (training.job_ids, default.job_ids) == ([first.id], [etr.id])


@pytest.mark.skipif(
    redis_binary() is None,
    reason="no redis-server on this machine (scripts/install-system-packages.sh installs it)",
)
def test_on_rq_a_task_runs_for_at_most_its_queue_s_run_limit(tmp_path: Path) -> None:
    """As on the database queue (``ops.queues``: the texts and scans 10 minutes, a training 3
    hours), not RQ's half hour for both: the settings of a deployment on RQ, the jobs queued."""
    import subprocess
    import sys

    from powerdesk.ops.queues import queue_rule

    script = (
        "import django; django.setup()\n"
        "from django_rq import get_connection\n"
        "from rq.job import Job\n"
        "from powerdesk.servicedesk.tasks import retrain_classifier, scan_escalations\n"
        "for task in (scan_escalations, retrain_classifier):\n"
        "    job = Job.fetch(task.enqueue().id, connection=get_connection())\n"
        "    print(job.origin, job.timeout)\n"
    )
    with redis_server(tmp_path) as url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "powerdesk.settings",
            "POWERDESK_TASK_BACKEND": "django_tasks_rq.RQBackend",
            "POWERDESK_REDIS_URL": url,
        }
        ran = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
        )
    assert ran.returncode == 0, ran.stderr
    timeouts = dict(line.split() for line in ran.stdout.split("\n") if line.strip())
    for name in QUEUES:
        assert int(timeouts[name]) == queue_rule(name).max_run.total_seconds(), timeouts
    assert timeouts == {"default": "600", "training": "10800"}
