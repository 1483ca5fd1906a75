"""Exporting a list: who may, and the audit trail of every file that leaves the system."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import ExportLog, Station, User
from powerdesk.accounts.pages import PAGES
from powerdesk.accounts.permissions import Do, NotAllowed, allowed, require, roles_of
from powerdesk.lib.exports import ExportQuery, ListExport, Rows, bounded_rows
from powerdesk.ops.logs import mask

# Query-string keys that change how a page looks, not which rows it lists.
_NOT_FILTERS = ("page",)


def export_titles() -> dict[str, Any]:
    """Each file the export log may name, by its human name: every list, and the network file
    downloaded from the import page (``network.network_file``)."""
    from powerdesk.lib.exports import exports
    from powerdesk.network.network_file import NETWORK_FILE, NETWORK_FILE_TITLE

    titles: dict[str, Any] = {name: export.title for name, export in exports().items()}
    titles[NETWORK_FILE] = NETWORK_FILE_TITLE
    return titles


def may_export(user: User, station: Station, export: ListExport) -> bool:
    """Whether ``user`` may export ``export``: ``list.export``, and its list page is theirs."""
    roles = roles_of(user, station)
    return allowed(roles, Do.LIST_EXPORT) and bool(PAGES[export.page].view & roles)


@transaction.atomic
def list_export_start(
    *,
    export: ListExport,
    fmt: str,
    station: Station,
    user: User,
    params: QueryDict,
    searched: Collection[str] = (),
) -> Rows:
    """Check that the person may export the list, count its rows and log the export.

    The rows come from the list page's own selector with the page's filters, so the file holds
    what the page shows (every page of it), cut at ``MAX_ROWS``. The log keeps the filters with
    the ``searched`` fields masked: a phone or account number searched for is written ``***``.
    """
    require(user, station, Do.LIST_EXPORT)
    if not may_export(user, station, export):
        raise NotAllowed(_("Your role at this station does not allow this."))
    rows = bounded_rows(export, ExportQuery(station=station, user=user, params=params))
    filters = params.copy()
    for key in _NOT_FILTERS:
        filters.pop(key, None)
    for key in searched:
        if key in filters:
            filters.setlist(key, [mask(value) for value in filters.getlist(key)])
    ExportLog.objects.create(
        station=station,
        at=timezone.now(),
        by=user,
        list_name=export.name,
        format=fmt,
        filters=filters.urlencode()[:500],
        rows=rows.written,
        cut=rows.cut,
    )
    return rows
