"""Staff's pages: the deliveries with their state (and a retry of a failed one), and the
station's choice of who is told of what."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page, station_queryset
from powerdesk.lib.search import search_kept
from powerdesk.notifications.models import (
    Audience,
    Channel,
    Delivery,
    DeliveryState,
    Event,
    InboundSms,
    NotifySettingsChange,
)
from powerdesk.notifications.services import (
    EVENT_AUDIENCES,
    NotifyError,
    audiences,
    delivery_retry,
    notify_settings_update,
    settings_for,
)

PAGE_SIZE = 100


@station_page("notifications:deliveries")
@search_kept("address")
def delivery_list(request: StationRequest) -> HttpResponse:
    deliveries = station_queryset(request, Delivery).select_related(
        "notice", "customer", "liaison", "crew", "user"
    )
    state = request.GET.get("state", "")
    if state == "failed":
        deliveries = deliveries.filter(
            state__in=(DeliveryState.FAILED_PERMANENT, DeliveryState.FAILED_TEMPORARY)
        )
    elif state in DeliveryState.values:
        deliveries = deliveries.filter(state=state)
    channel = request.GET.get("channel", "")
    if channel in Channel.values:
        deliveries = deliveries.filter(channel=channel)
    event = request.GET.get("event", "")
    if event in Event.values:
        deliveries = deliveries.filter(notice__event=event)
    address = request.GET.get("address", "").strip()[:40]
    if address:
        deliveries = deliveries.filter(address__contains=address)
    page = Paginator(deliveries, PAGE_SIZE).get_page(request.GET.get("page"))
    inbound = station_queryset(request, InboundSms).select_related("customer", "call")[:20]
    return render(
        request,
        "notifications/deliveries.html",
        {
            "page": page,
            "states": DeliveryState.choices,
            "channels": Channel.choices,
            "events": Event.choices,
            "chosen": {"state": state, "channel": channel, "event": event, "address": address},
            "inbound": inbound,
            "section": "notifications",
        },
    )


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
    return redirect("notifications:deliveries")


@station_page("notifications:settings")
def settings_page(request: StationRequest) -> HttpResponse:
    station = request.station
    current = settings_for(station)
    if request.method == "POST" and "settings_form" not in request.POST:
        messages.error(request, _("The settings form was not sent whole; nothing was changed."))
    elif request.method == "POST":
        rules = {event: request.POST.getlist(f"rule_{event}") for event in EVENT_AUDIENCES}
        try:
            notify_settings_update(
                station=station,
                user=request.user,
                rules=rules,
                webhook_url=request.POST.get("webhook_url", "").strip()[:200],
                # The secret is never sent back to the page: left empty, it stays as it was.
                webhook_secret=request.POST.get("webhook_secret", "").strip()[:100]
                or (current.webhook_secret if request.POST.get("webhook_url", "").strip() else ""),
                email_staff=bool(request.POST.get("email_staff")),
                sms_staff=bool(request.POST.get("sms_staff")),
            )
            messages.success(request, _("Saved."))
            return redirect("notifications:settings")
        except NotifyError as exc:
            messages.error(request, str(exc))
    labels = dict(Audience.choices)
    rows = [
        (
            event,
            Event(event).label,
            [(a, labels[a], a in audiences(station, event)) for a in allowed],
        )
        for event, allowed in EVENT_AUDIENCES.items()
    ]
    history = NotifySettingsChange.objects.for_station(station).select_related("by")[:20]
    return render(
        request,
        "notifications/settings.html",
        {"rows": rows, "conf": current, "history": history, "section": "notifications"},
    )
