"""Staff's pages: the deliveries with their state (and a retry of a failed one), and the
station's choice of who is told of what."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page, station_queryset
from powerdesk.lib.forms import TYPED_KEPT
from powerdesk.lib.search import SEARCH_CHARS, search_kept
from powerdesk.notifications.inapp import delivery_text_shown
from powerdesk.notifications.models import (
    Audience,
    Channel,
    Delivery,
    DeliveryState,
    Event,
    InboundSms,
    NotifySettingsChange,
)
from powerdesk.notifications.retries import (
    RETRY_ALL_MAX,
    DeliveryFilter,
    deliveries_retry_failed,
    delivery_retry,
)
from powerdesk.notifications.services import (
    EVENT_AUDIENCES,
    NotifyError,
    audiences,
    notify_settings_update,
    settings_for,
)
from powerdesk.outages.ping_retention import ping_retention
from powerdesk.outages.ping_settings import (
    PingSettingsError,
    ping_settings_for,
    ping_settings_update,
)
from powerdesk.outages.pings_log import rounds_logged

PAGE_SIZE = 100


@station_page("notifications:deliveries")
@search_kept("address")
def delivery_list(request: StationRequest) -> HttpResponse:
    shown = _filter_of(request.GET)
    deliveries = shown.apply(
        station_queryset(request, Delivery).select_related(
            "notice", "customer", "liaison", "crew", "user"
        )
    )
    if not _reads_audit(request):
        # The chiefs' notices of staff changes (roles, passwords reset) are the audit trail's
        # readers' (chief, administrator), not the counter's.
        deliveries = deliveries.exclude(notice__event=Event.STAFF_CHANGE)
    page = Paginator(deliveries, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(d, delivery_text_shown(d)) for d in page.object_list]
    inbound = station_queryset(request, InboundSms).select_related("customer", "call")[:20]
    failed_shown = shown.apply(station_queryset(request, Delivery)).filter(
        state__in=(DeliveryState.FAILED_PERMANENT, DeliveryState.FAILED_TEMPORARY)
    )
    return render(
        request,
        "notifications/deliveries.html",
        {
            "page": page,
            "rows": rows,
            "states": DeliveryState.choices,
            "channels": Channel.choices,
            "events": Event.choices,
            "chosen": {
                "state": shown.state,
                "channel": shown.channel,
                "event": shown.event,
                "address": shown.address,
            },
            "failed_shown": failed_shown.count(),
            "retry_max": RETRY_ALL_MAX,
            "shown_at": timezone.now().isoformat(),
            "inbound": inbound,
            "section": "notifications",
        },
    )


def _reads_audit(request: StationRequest) -> bool:
    from powerdesk.accounts.pages import PAGES
    from powerdesk.accounts.permissions import roles_of

    return bool(PAGES["ops:audit"].view & roles_of(request.user, request.station))


@station_page("notifications:retry")
def delivery_retry_view(request: StationRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponse(status=405)
    delivery = get_for_user(request, Delivery, pk=pk)
    try:
        delivery_retry(delivery=delivery, user=request.user)
        messages.success(request, _("The message will be sent again."))
    except NotifyError as exc:
        messages.error(request, str(exc))
    return _back_to_list(_filter_of(request.POST))


@station_page("notifications:retry_failed")
def delivery_retry_failed_view(request: StationRequest) -> HttpResponse:
    """ "Resend all failed": the failed messages of the filter the page showed."""
    if request.method != "POST":
        return HttpResponse(status=405)
    shown = _filter_of(request.POST)
    try:
        shown_at = dt.datetime.fromisoformat(request.POST.get("shown_at", "")[:40])
    except ValueError:
        shown_at = None
    if shown_at is None or shown_at.tzinfo is None:
        messages.error(request, _("The page was not sent whole; nothing was sent again."))
        return _back_to_list(shown)
    count = deliveries_retry_failed(
        station=request.station, user=request.user, shown=shown, shown_at=shown_at
    )
    if count:
        messages.success(
            request,
            ngettext(
                "%(n)d message will be sent again.", "%(n)d messages will be sent again.", count
            )
            % {"n": count},
        )
    else:
        messages.info(request, _("No failed message was left to send again."))
    return _back_to_list(shown)


def _filter_of(data: QueryDict) -> DeliveryFilter:
    return DeliveryFilter(
        state=data.get("state", "")[:20],
        channel=data.get("channel", "")[:10],
        event=data.get("event", "")[:20],
        address=data.get("address", "").strip()[:SEARCH_CHARS],
    )


def _back_to_list(shown: DeliveryFilter) -> HttpResponse:
    """The list again with the filter it showed (its address search is kept in the session)."""
    url = reverse("notifications:deliveries")
    query = shown.query()
    return redirect(f"{url}?{urlencode(query)}" if query else url)


@station_page("notifications:settings")
def settings_page(request: StationRequest) -> HttpResponse:
    station = request.station
    current = settings_for(station)
    # A refused save is said in its own section, with what was typed kept in the fields.
    errors = {"settings": "", "ping": ""}
    typed: dict[str, object] = {}
    ping_wrong: dict[str, str] = {}  # the ping form's refusals, each at its field
    if request.method == "POST" and "ping_form" in request.POST:
        try:
            ping_settings_update(
                station=station,
                user=request.user,
                # Whole: too long, the service refuses them at their fields, never cut.
                endpoint_url=request.POST.get("ping_url", "")[:TYPED_KEPT],
                most=request.POST.get("ping_most", "")[:10],
                # Never sent back to the page: left empty, it stays as it was.
                secret=request.POST.get("ping_secret", "").strip()[:TYPED_KEPT] or None,
            )
            messages.success(request, _("Saved."))
            return redirect("notifications:settings")
        except PingSettingsError as exc:
            # Each refusal at its field, all of them in one answer.
            ping_wrong.update({field: said for field, said in exc.wrong.items() if field})
            errors["ping"] = exc.wrong.get("", "")
            typed["ping_url"] = request.POST.get("ping_url", "")[:TYPED_KEPT]
            typed["ping_most"] = request.POST.get("ping_most", "")[:10]
    elif request.method == "POST" and "settings_form" not in request.POST:
        messages.error(request, _("The settings form was not sent whole; nothing was changed."))
    elif request.method == "POST":
        rules = {event: request.POST.getlist(f"rule_{event}") for event in EVENT_AUDIENCES}
        try:
            notify_settings_update(
                station=station,
                user=request.user,
                rules=rules,
                # Whole: too long, the service refuses it (a cut address is another one).
                webhook_url=request.POST.get("webhook_url", "").strip()[:TYPED_KEPT],
                # The secret is never sent back to the page: left empty, it stays as it was.
                webhook_secret=request.POST.get("webhook_secret", "").strip()[:TYPED_KEPT]
                or (current.webhook_secret if request.POST.get("webhook_url", "").strip() else ""),
                email_staff=bool(request.POST.get("email_staff")),
                sms_staff=bool(request.POST.get("sms_staff")),
            )
            messages.success(request, _("Saved."))
            return redirect("notifications:settings")
        except NotifyError as exc:
            errors["settings"] = str(exc)
            typed.update(
                rules=rules,
                webhook_url=request.POST.get("webhook_url", "")[:TYPED_KEPT],
                email_staff=bool(request.POST.get("email_staff")),
                sms_staff=bool(request.POST.get("sms_staff")),
            )
    labels = dict(Audience.choices)
    chosen = typed.get("rules")
    rows = [
        (
            event,
            Event(event).label,
            [
                (
                    a,
                    labels[a],
                    a in chosen.get(event, [])  # type: ignore[attr-defined]
                    if isinstance(chosen, dict)
                    else a in audiences(station, event),
                )
                for a in allowed
            ],
        )
        for event, allowed in EVENT_AUDIENCES.items()
    ]
    history = NotifySettingsChange.objects.for_station(station).select_related("by")[:20]
    ping = ping_settings_for(station)
    shown = {
        "webhook_url": typed.get("webhook_url", current.webhook_url),
        "email_staff": typed.get("email_staff", current.email_staff),
        "sms_staff": typed.get("sms_staff", current.sms_staff),
        "ping_url": typed.get("ping_url", ping.endpoint_url),
        "ping_most": typed.get("ping_most", ping.most),
    }
    return render(
        request,
        "notifications/settings.html",
        {
            "rows": rows,
            "conf": current,
            "shown": shown,
            "errors": errors,
            "ping_wrong": ping_wrong,
            "history": history,
            "ping": ping,
            "ping_rounds": rounds_logged(station),
            "ping_kept": ping_retention(station),
            "section": "notifications",
        },
        status=400 if any(errors.values()) or ping_wrong else 200,
    )
