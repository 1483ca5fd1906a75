"""A planned outage announced on the test cast's fuse (``tests.base``), as the planned outages'
tests announce one: by the chief, for the work of replacing insulators unless told."""

from __future__ import annotations

import datetime as dt
from typing import Any

from powerdesk.accounts.models import User
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare


def planned_on_fuse(
    case: Any,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    *,
    user: User | None = None,
    cause: str = "更换绝缘子",
    **more: Any,
) -> Outage:
    """Announce a planned outage on ``case.fuse`` from ``starts_at`` to ``ends_at`` (``user``:
    the chief unless told; ``more``: ``outage_declare``'s other fields, such as the notice or
    the reason for a short notice)."""
    return outage_declare(
        station=case.station_a,
        user=user or case.chief,
        device=case.fuse,
        kind=Outage.Kind.PLANNED,
        starts_at=starts_at,
        expected_restore_at=ends_at,
        cause=cause,
        **more,
    )
