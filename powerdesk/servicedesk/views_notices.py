"""A person's own notices: their page (all of them, read or not, a page at a time), and marking
them read, one or all at once; htmx swaps the row or the list in place."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from powerdesk.accounts.tenancy import StationRequest, station_page
from powerdesk.lib.forms import id_or_none
from powerdesk.servicedesk.models import Notification
from powerdesk.servicedesk.notices import (
    STATES,
    URGENT_KINDS,
    NoticeError,
    notice_link,
    notice_mark_read,
    notices_listed,
    notices_mark_all_read,
)

PER_PAGE = 50


@require_safe
@station_page("servicedesk:notices")
def notice_list(request: StationRequest) -> HttpResponse:
    return render(
        request,
        "servicedesk/_notice_list.html" if request.htmx else "servicedesk/notices.html",
        _list_context(request, request.GET.get("state", ""), request.GET.get("kind", "")),
    )


@require_POST
@station_page("servicedesk:notice_read")
def notification_read(request: StationRequest, pk: int) -> HttpResponse:
    try:
        notice = notice_mark_read(user=request.user, station=request.station, pk=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    if request.htmx:
        from powerdesk.notifications.inapp import inapp_texts

        row = {
            "n": notice,
            "text": inapp_texts([notice])[0],
            "link": notice_link(notice.kind, notice),
            "urgent_kinds": URGENT_KINDS,
        }
        return render(request, "servicedesk/_notice_row.html", row)
    return redirect(_next(request, "web:home"))


@require_POST
@station_page("servicedesk:notices_read_all")
def notices_read_all(request: StationRequest) -> HttpResponse:
    """Mark read every unread notice (of one kind, if given) up to the newest the page showed."""
    upto = id_or_none(request.POST.get("upto"))
    if upto is None:
        return HttpResponseBadRequest(_("This page was out of date: please reload it."))
    kind = request.POST.get("kind", "")
    try:
        count = notices_mark_all_read(
            user=request.user, station=request.station, upto=upto, kind=kind
        )
    except NoticeError as exc:
        return HttpResponseBadRequest(str(exc))
    if request.htmx:
        state = request.POST.get("state", "")
        return render(request, "servicedesk/_notice_list.html", _list_context(request, state, kind))
    messages.success(request, _("Marked read: %(n)s.") % {"n": count})
    return redirect(_next(request, "servicedesk:notices"))


def _list_context(request: StationRequest, state: str, kind: str) -> dict[str, object]:
    from powerdesk.notifications.inapp import inapp_texts

    state = state if state in STATES else "unread"
    kind = kind if kind in Notification.Kind.values else ""
    notices = notices_listed(user=request.user, station=request.station, state=state, kind=kind)
    page = Paginator(notices, PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    newest = notices.values_list("pk", flat=True).first()
    return {
        "page": page,
        "rows": [
            {"n": n, "text": t, "link": notice_link(n.kind, n)}
            for n, t in zip(rows, inapp_texts(rows), strict=True)
        ],
        "state": state,
        "kind": kind,
        "kinds": Notification.Kind.choices,
        "upto": newest or 0,
        "unread": any(n.read_at is None for n in rows),
        "urgent_kinds": URGENT_KINDS,
    }


def _next(request: StationRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    from django.urls import reverse

    return reverse(default)
