"""The end of every CSV import (a network file's or a customer file's): the live outage engine
rebuilt on the grid as stored, and the import's record (who, when, which file, what it stored)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from powerdesk.network.models import ImportRun

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

__all__ = ["import_run_record"]


def import_run_record(
    station: Station,
    kind: ImportRun.Kind,
    *,
    file_name: str,
    user: User | None,
    created: int,
    updated: int,
    unchanged: int,
    **details: Any,
) -> ImportRun:
    """Record an import stored at ``station``, once the live engine knows the grid it left;
    ``details`` are the record's other fields (a network file's ``moves``, a customer file's
    ``warnings``)."""
    # The live outage engine runs on this grid: it is rebuilt (imported here: outages reads
    # the grid's models).
    from powerdesk.outages.live import grid_changed

    grid_changed(station)
    return ImportRun.objects.create(
        station=station,
        kind=kind,
        file_name=file_name[:200],
        created_by=user,
        rows_created=created,
        rows_updated=updated,
        rows_unchanged=unchanged,
        **details,
    )
