"""One outage's own page: what it was (device, kind, from → restored, cause, households), the
callers' orders joined to it and its whole history (who recorded it, the calls joined, the
dispatch, the restore, the callbacks, the close), for every role that sees the board, however
long ago it was restored (walk78 M1). The board's rows, the restored list, the device page and
the outage record link here."""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page
from powerdesk.outages.models import Outage
from powerdesk.outages.outage_steps import EVENTS, reads_callbacks, steps_of


@station_page("outages:history")
@require_GET
def outage_history(request: StationRequest, pk: int) -> HttpResponse:
    outage = get_for_user(request, Outage.objects.select_related("device__feeder", "link"), pk=pk)
    prefetch_related_objects([outage], EVENTS)
    link = getattr(outage, "link", None)  # a planned outage has none
    orders = (
        list(link.work_orders.select_related("customer").order_by("created_at", "pk"))
        if link is not None
        else []
    )
    return render(
        request,
        "outages/outage_history.html",
        {
            "outage": outage,
            # Its callbacks' lines only for those who read callbacks (not a crew member).
            "history": steps_of(outage, callbacks=reads_callbacks(request)),
            "orders": orders,
        },
    )
