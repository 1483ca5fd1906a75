"""Delivery receipts from the SMS gateway, each taken once; a delivered arrears notice is the
notice's proof."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.notifications.models import Delivery, DeliveryEvent, DeliveryState, Event

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station


class ReceiptError(ValueError):
    pass


@transaction.atomic
def receipt_take(
    *, station: Station, message_id: str, status: str, error: str = ""
) -> tuple[Delivery, bool]:
    """The gateway says a message was delivered or failed; returns the delivery and whether the
    receipt was a repeat (taken already: nothing changes)."""
    delivery = (
        Delivery.objects.select_for_update()
        .filter(station=station, message_id=message_id)
        .select_related("notice")
        .first()
    )
    if delivery is None:
        raise ReceiptError(
            _("This station sent no message with the id %(id)s.") % {"id": message_id[:40]}
        )
    if delivery.events.filter(what__in=("delivered", "failed")).exists():
        return delivery, True
    now = timezone.now()
    delivery.sent_at = delivery.sent_at or now
    if status == "delivered":
        delivery.state, delivery.delivered_at = DeliveryState.DELIVERED, now
    else:
        delivery.state = DeliveryState.FAILED_PERMANENT
        delivery.last_error = (_("the gateway could not deliver it: %(error)s") % {"error": error})[
            :300
        ]
    delivery.next_try_at = None
    delivery.save()
    DeliveryEvent.objects.create(delivery=delivery, at=now, by=None, what=status, note=error[:300])
    if status == "delivered" and delivery.notice.event == Event.ARREARS_NOTICE:
        _arrears_notice_delivered(delivery, now)
    return delivery, False


def _arrears_notice_delivered(delivery: Delivery, at: dt.datetime) -> None:
    """The text message reached the household: that is the written notice's proof."""
    from powerdesk.arrears.models import ArrearsCase
    from powerdesk.arrears.services import notice_record

    subject_id = delivery.notice.subject_id
    case = ArrearsCase.objects.filter(pk=subject_id).first() if subject_id else None
    if case is not None and case.notice_delivered_at is None:
        notice_record(case=case, user=None, method=ArrearsCase.NoticeMethod.SMS, delivered_at=at)
