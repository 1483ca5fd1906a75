"""Background work of notifications: sending in the worker, and keeping the worker's queue alive.

``send_soon`` is called by whatever raised a notice: after its transaction commits, a
``send_due`` task is queued (unless one is waiting already). ``notify_tick`` runs every half
minute (``powerdesk notify_service``): it hands back tasks whose worker died while running them
(django-tasks-db leaves them RUNNING for ever; a task whose worker still beats is left running
up to its queue's limit, ``ops.queues``),
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
    """Hand back to the queue every task left RUNNING by a worker that died, or jammed in one
    that lives:

    - a task whose worker's heartbeat has lapsed: workers write their process in the task
      (``ops.heartbeat.process_tag``, ``pid@host@start``), and only that very process's
      heartbeat counts, not one of a worker started later with the same pid (after a reboot);
    - a task whose worker is not known that way, RUNNING longer than its queue's
      ``stuck_after`` (or ``after``);
    - a task RUNNING longer than its queue's ``max_run`` however well its worker beats (a send
      hung on a gateway): logged as an error, and handed back as due since its claim, so that
      ``/healthz`` reads the queue as stuck until a worker takes it again.

    Below its queue's ``max_run`` a task whose worker beats is left alone: a first training of
    the call classifier takes many minutes. Our tasks are safe to run again (sends are claimed,
    notices keyed)."""
    from django_tasks_db.models import DBTaskResult

    from powerdesk.ops.heartbeat import STALE_AFTER, process_alive
    from powerdesk.ops.queues import queue_rule

    now = now or timezone.now()
    # A worker's first heartbeat may come a moment after its first claim.
    candidates = DBTaskResult.objects.filter(status="RUNNING", started_at__lt=now - STALE_AFTER)
    count = 0
    rows = candidates.only("id", "task_path", "queue_name", "started_at", "worker_ids")
    for row in rows:
        claimed_at = row.started_at
        if claimed_at is None:  # (RUNNING rows have it)
            continue
        rule = queue_rule(row.queue_name)
        worker = str(row.worker_ids[-1]) if row.worker_ids else ""
        alive = process_alive(worker, claimed_at=claimed_at, now=now)
        if alive is None:
            limit = after if after is not None else rule.stuck_after
            alive = claimed_at >= now - limit
        due = now
        if alive and claimed_at < now - rule.max_run:
            minutes = round((now - claimed_at).total_seconds() / 60)
            logger.error(
                "task %s (id=%s) has run %d min on the %s queue, past its limit of %d min, in a "
                "worker that still beats: handed back; look at that worker",
                row.task_name,
                row.pk,
                minutes,
                row.queue_name,
                round(rule.max_run.total_seconds() / 60),
            )
            alive, due = False, claimed_at
        if not alive:
            count += DBTaskResult.objects.filter(pk=row.pk, status="RUNNING").update(
                status="READY", run_after=due, started_at=None
            )
    if count:
        logger.warning("%d task(s) left running by a dead or jammed worker queued again", count)
    return count


def notify_tick(*, now: dt.datetime | None = None) -> dict[str, int]:
    """One turn of the notification service (safe to run at any time, and again)."""
    from powerdesk.notifications.estimate_held import etr_held_scan
    from powerdesk.notifications.planned_reminder import planned_tomorrow_scan

    now = now or timezone.now()
    recovered = tasks_recover_stuck(now=now)
    reminded = planned_tomorrow_scan(now=now)
    held = etr_held_scan(now=now)
    due = Delivery.objects.filter(due_deliveries(now)).exclude(channel=Channel.IN_APP).exists()
    if due:
        _enqueue_send()
    return {"recovered": recovered, "reminded": reminded, "held": held, "due": int(due)}
