"""Background work of notifications: sending in the worker, and keeping the worker's queue alive.

``send_soon`` is called by whatever raised a notice: after its transaction commits, a
``send_due`` task is queued (unless one is waiting already). ``notify_tick`` runs every half
minute (``powerdesk notify_service``): it hands back tasks whose worker died while running them
(django-tasks-db leaves them RUNNING for ever; a task whose worker still beats is left running),
raises the notices that come by the clock (planned outages tomorrow, revised estimates held
back), and queues a send when a retry has come due.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from powerdesk.notifications.models import Channel, Delivery
from powerdesk.notifications.sending import deliveries_send_due, due_deliveries

logger = logging.getLogger("powerdesk.notifications")


@task()
def send_due() -> int:
    """Send every delivery that is due now; returns how many were sent."""
    sent = 0
    while True:
        step = deliveries_send_due()
        if not step.claimed:
            return sent
        sent += step.sent


def send_soon() -> None:
    """Queue a send once the current transaction commits (at once outside one)."""
    transaction.on_commit(_enqueue_send)


def _enqueue_send() -> None:
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=send_due.module_path, status="READY").exists()
    if not waiting:
        try:
            send_due.enqueue()
        except Exception as exc:  # the queue's Redis down (RQ): what raised the notice stands
            # The deliveries are stored; notify_tick queues a send while any is due.
            logger.warning(
                "a send could not be queued (%s); the next tick queues it", type(exc).__name__
            )


def tasks_recover_stuck(
    *, now: dt.datetime | None = None, after: dt.timedelta | None = None
) -> int:
    """Hand back to the queue every task left RUNNING by a worker that died: one whose worker's
    heartbeat has lapsed (workers write their process in the task, ``ops.heartbeat.process_tag``),
    or, for a task whose worker is not known that way, one RUNNING longer than its queue's
    ``stuck_after`` (or ``after``). A task whose worker still beats is left alone however long it
    runs: a first training of the call classifier takes many minutes. Our tasks are safe to run
    again (sends are claimed, notices keyed)."""
    from django_tasks_db.models import DBTaskResult

    from powerdesk.ops.heartbeat import STALE_AFTER, process_alive
    from powerdesk.ops.queues import queue_rule

    now = now or timezone.now()
    # A worker's first heartbeat may come a moment after its first claim.
    candidates = DBTaskResult.objects.filter(status="RUNNING", started_at__lt=now - STALE_AFTER)
    count = 0
    for row in candidates.only("id", "queue_name", "started_at", "worker_ids"):
        worker = row.worker_ids[-1] if row.worker_ids else ""
        alive = process_alive(str(worker), now=now)
        if alive is None:
            limit = after if after is not None else queue_rule(row.queue_name).stuck_after
            alive = row.started_at is not None and row.started_at >= now - limit
        if not alive:
            count += DBTaskResult.objects.filter(pk=row.pk, status="RUNNING").update(
                status="READY", run_after=now, started_at=None
            )
    if count:
        logger.warning("%d task(s) left running by a dead worker were queued again", count)
    return count


def notify_tick(*, now: dt.datetime | None = None) -> dict[str, int]:
    """One turn of the notification service (safe to run at any time, and again)."""
    from powerdesk.notifications.estimate_texts import etr_held_scan
    from powerdesk.notifications.planned_reminder import planned_tomorrow_scan

    now = now or timezone.now()
    recovered = tasks_recover_stuck(now=now)
    reminded = planned_tomorrow_scan(now=now)
    held = etr_held_scan(now=now)
    due = Delivery.objects.filter(due_deliveries(now)).exclude(channel=Channel.IN_APP).exists()
    if due:
        _enqueue_send()
    return {"recovered": recovered, "reminded": reminded, "held": held, "due": int(due)}
