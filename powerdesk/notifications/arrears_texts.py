"""The written notice of arrears, by text message to the household."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from powerdesk.notifications.models import Audience, Event
from powerdesk.notifications.outage_notices import iso
from powerdesk.notifications.services import Recipient, audiences, is_mobile, notice_raise

if TYPE_CHECKING:
    from powerdesk.arrears.models import ArrearsCase

__all__ = ["notify_arrears_notice"]

A = Audience


def notify_arrears_notice(case: ArrearsCase, *, deadline: dt.datetime) -> int:
    """The written notice of arrears by text message to the household's mobile phones; the
    delivery receipt is the notice's proof (``receipts``). Returns how many phones."""
    from powerdesk.notifications.models import Channel

    customer = case.customer
    recipients = [
        Recipient(Channel.SMS, n, "arrears_notice", who={"customer_id": customer.pk})
        for n in customer.phones.values_list("number", flat=True)
        if is_mobile(n)
    ]
    if A.CUSTOMER not in audiences(case.station_id, Event.ARREARS_NOTICE):
        recipients = []
    notice = notice_raise(
        station=case.station,
        event=Event.ARREARS_NOTICE,
        key=f"arrears:{case.pk}:{timezone.now():%Y%m%d%H%M%S}",
        recipients=recipients,
        facts={
            "account": customer.account_number,
            "amount": str(case.amount),
            "deadline": iso(deadline),
        },
        subject=case,
    )
    return notice.deliveries.count() if notice else 0
