"""The station's network as a file, downloaded from the network import page (walk56, L2): the
file ``powerdesk export_network`` writes, by the one writer (``network_adapter.network_csv_lines``:
the engine contract's NET.csv, devices by code, customers by account number, except that a value
a spreadsheet would take for a formula is written after an apostrophe, as in every list
exported, and read back by the import as it was), so that "export, edit, import back" is done in
the site. Only
who may import the network (``import.csv``: the chief, the administrator) may take it out, only
their station's, and each download is a line of the export log (who, when, how many rows), as
every list exported is (``accounts.exporting``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from powerdesk.accounts.models import ExportLog
from powerdesk.accounts.permissions import Do, require
from powerdesk.outages.network_adapter import network_csv_lines, network_csv_rows, station_rows

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

__all__ = ["NETWORK_FILE", "NETWORK_FILE_TITLE", "network_file_start"]

# The export log's name of the file, and how the log and the audit trail name it.
NETWORK_FILE = "network_file"
NETWORK_FILE_TITLE = gettext_lazy("Network file (NET.csv)")

_CHUNK = 500  # rows a streamed piece holds


@transaction.atomic
def network_file_start(*, station: Station, user: User) -> Iterator[str]:
    """Check that ``user`` may take ``station``'s network out, log it, and return the file's
    text in pieces (the rows read once, before the first piece: what the log counts)."""
    require(user, station, Do.IMPORT_CSV)
    grid = station_rows(station)
    ExportLog.objects.create(
        station=station,
        at=timezone.now(),
        by=user,
        list_name=NETWORK_FILE,
        format=ExportLog.Format.CSV,
        filters="",
        rows=len(grid.rows),
        cut=False,
    )
    return network_csv_lines(network_csv_rows(grid), _CHUNK)
