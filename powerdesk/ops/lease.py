"""One owner at a time for each station's live outage engine, across processes and machines.

A lease row per station: the owner renews it at every step of its service, and another process
may take it only once it has expired. Taking and renewing are one conditional ``UPDATE``
(``... WHERE owner = me OR expires_at < now``), which the database runs for one process at a
time, on SQLite and PostgreSQL alike; so of two processes racing for an expired lease exactly
one gets it. A process that stops stepping (killed, frozen, cut off from the database) loses
its stations within ``LEASE_SECONDS``, and whoever takes them rebuilds the engine from the
stored signals, which gives the picture an uninterrupted run would have.

A lease rather than a PostgreSQL advisory lock: an advisory lock lives as long as the database
connection, which Django closes and reopens between steps (``CONN_MAX_AGE``), and SQLite has
none; the lease row works on both and can be read (``/healthz`` shows the owners).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from powerdesk.ops.models import EngineLease

__all__ = ["LEASE_SECONDS", "lease_hold", "lease_owner_name", "lease_release"]

LEASE_SECONDS = 30.0  # POWERDESK_ENGINE_LEASE_SECONDS (settings.ENGINE_LEASE_SECONDS)


def lease_owner_name() -> str:
    """A name for this process, unique across machines and restarts."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def lease_hold(
    *,
    station_id: int,
    owner: str,
    now: dt.datetime | None = None,
    seconds: float | None = None,
) -> bool:
    """Renew ``owner``'s lease of the station, or take it if free or expired; False when another
    process holds it."""
    now = now or timezone.now()
    if seconds is None:
        seconds = getattr(settings, "ENGINE_LEASE_SECONDS", LEASE_SECONDS)
    until = now + dt.timedelta(seconds=seconds)
    with transaction.atomic():
        renewed = EngineLease.objects.filter(station_id=station_id, owner=owner).update(
            expires_at=until
        )
        if renewed:
            return True
        taken = (
            EngineLease.objects.filter(station_id=station_id)
            .filter(Q(expires_at__lt=now))
            .update(owner=owner, expires_at=until, taken_at=now)
        )
        if taken:
            return True
    try:
        with transaction.atomic():
            EngineLease.objects.create(
                station_id=station_id, owner=owner, expires_at=until, taken_at=now
            )
    except IntegrityError:  # another process created it first: it is theirs
        return False
    return True


def lease_release(*, owner: str) -> int:
    """Give up every lease ``owner`` holds (a clean stop), so others need not wait it out."""
    return EngineLease.objects.filter(owner=owner).delete()[0]
