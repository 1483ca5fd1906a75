"""Staff's steps on the deliveries: a failed one sent again, or every failed one the
deliveries page shows (``DeliveryFilter``), each with a new message id, a double click never
sending twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.notifications.models import (
    Channel,
    Delivery,
    DeliveryEvent,
    DeliveryState,
    Event,
    new_message_id,
)
from powerdesk.notifications.services import NotifyError

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

__all__ = ["RETRY_ALL_MAX", "DeliveryFilter", "deliveries_retry_failed", "delivery_retry"]


@transaction.atomic
def delivery_retry(*, delivery: Delivery, user: User | None) -> Delivery:
    """Send a failed delivery again, now, with a new message id (the old one failed at the
    gateway, which would otherwise keep it as failed)."""
    require(user, delivery.station_id, Do.NOTIFY_RETRY)
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    if not delivery.failed:
        raise NotifyError(_("Only a failed delivery can be sent again."))
    delivery.state = DeliveryState.QUEUED
    delivery.attempts = 0
    delivery.next_try_at = None
    delivery.claim = ""
    delivery.message_id = new_message_id()
    delivery.save()
    DeliveryEvent.objects.create(
        delivery=delivery, at=timezone.now(), by=user, what="retry", note=delivery.last_error
    )
    from powerdesk.notifications.tasks import send_soon

    send_soon()
    return delivery


# At most this many deliveries are sent again by one "resend all failed": a gateway that failed
# ten thousand texts is better mended than flooded again in one click.
RETRY_ALL_MAX = 500


@dataclass(frozen=True)
class DeliveryFilter:
    """What the deliveries page shows: a state ("failed" for both kinds), channel, event and
    part of an address; empty means any."""

    state: str = ""
    channel: str = ""
    event: str = ""
    address: str = ""

    def apply(self, deliveries: Any) -> Any:
        if self.state == "failed":
            deliveries = deliveries.filter(
                state__in=(DeliveryState.FAILED_PERMANENT, DeliveryState.FAILED_TEMPORARY)
            )
        elif self.state in DeliveryState.values:
            deliveries = deliveries.filter(state=self.state)
        if self.channel in Channel.values:
            deliveries = deliveries.filter(channel=self.channel)
        if self.event in Event.values:
            deliveries = deliveries.filter(notice__event=self.event)
        if self.address:
            deliveries = deliveries.filter(address__contains=self.address)
        return deliveries

    def query(self) -> dict[str, str]:
        """The page's query string for this filter (the address is kept in the session)."""
        pairs = (("state", self.state), ("channel", self.channel), ("event", self.event))
        return {name: value for name, value in pairs if value}


@transaction.atomic
def deliveries_retry_failed(
    *,
    station: Station,
    user: User | None,
    shown: DeliveryFilter,
    shown_at: dt.datetime,
    limit: int = RETRY_ALL_MAX,
) -> int:
    """Send again the failed deliveries the page shows (at most ``limit``, oldest first), each
    with a new message id; returns how many.

    ``shown_at`` is when the page with the button was drawn: a delivery sent again since then
    (by this button clicked twice, or by someone else) is not sent again by it, even if it
    failed once more in between — a double click never sends twice.
    """
    require(user, station, Do.NOTIFY_RETRY)
    failed = shown.apply(Delivery.objects.for_station(station)).filter(
        state__in=(DeliveryState.FAILED_PERMANENT, DeliveryState.FAILED_TEMPORARY)
    )
    retried_since = DeliveryEvent.objects.filter(
        delivery=OuterRef("pk"), what="retry", at__gte=shown_at
    )
    chosen = list(
        failed.exclude(Exists(retried_since))
        .order_by("created_at", "pk")
        .select_for_update(of=("self",))
        .values_list("pk", "last_error")[:limit]
    )
    if not chosen:
        return 0
    now = timezone.now()
    for pk, _error in chosen:
        # One row at a time, each with its own new id (the gateway keeps one message per id).
        Delivery.objects.filter(pk=pk).update(
            state=DeliveryState.QUEUED,
            attempts=0,
            next_try_at=None,
            claim="",
            message_id=new_message_id(),
        )
    DeliveryEvent.objects.bulk_create(
        [
            DeliveryEvent(delivery_id=pk, at=now, by=user, what="retry", note=error)
            for pk, error in chosen
        ]
    )
    from powerdesk.notifications.tasks import send_soon

    send_soon()
    return len(chosen)
