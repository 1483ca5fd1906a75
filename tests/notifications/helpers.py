"""A station with many households under one fuse, and a gateway that fails on demand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import override_settings
from django.utils import timezone

from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.notifications.gateway import Gateway
from powerdesk.notifications.models import Delivery, DeliveryState
from powerdesk.notifications.sending import deliveries_send_due

# Short timeouts: the gateway's "timeouts" answer after 1.5 s, the sender gives up at 0.75 s (an
# ordinary answer on a loaded machine can take a few tenths: taken for a timeout ten times over,
# a text failed for good). A gateway that never times out gets the sender's ordinary patience,
# so that a loaded machine's slow answer is not taken for a timeout (and the send repeated)
# where a test counts the posts.
TIMEOUT = 0.75
TIMEOUT_SLEEP = 1.5
PATIENT = 10.0


def add_households(cast: Any, n: int, *, start: int = 0) -> list[Customer]:
    customers = Customer.objects.bulk_create(
        [
            Customer(
                station=cast.station_a,
                account_number=f"5326{i:07d}",
                name=f"住户{i}",
                village=cast.village,
                group=cast.group,
                transformer=cast.transformer,
            )
            for i in range(start, start + n)
        ]
    )
    CustomerPhone.objects.bulk_create(
        [CustomerPhone(customer=c, number=f"+86139{i:08d}") for i, c in enumerate(customers, start)]
    )
    return customers


class FlakyGateway:
    """A real local HTTP gateway, failing ``fail`` and timing out ``timeouts`` of the sends."""

    def __init__(self, fail: float = 0.3, timeouts: float = 0.1, seed: int = 7) -> None:
        self.gateway = Gateway(
            token="t0ken",
            fail_rate=fail,
            timeout_rate=timeouts,
            timeout_sleep=TIMEOUT_SLEEP,
            seed=seed,
        )
        self.url = self.gateway.start()
        self.settings = override_settings(
            POWERDESK_SMS_URL=f"{self.url}/send",
            POWERDESK_SMS_TOKEN="t0ken",
            POWERDESK_SMS_TIMEOUT=TIMEOUT if timeouts else PATIENT,
        )

    def __enter__(self) -> Gateway:
        self.settings.enable()
        return self.gateway

    def __exit__(self, *exc: object) -> None:
        self.settings.disable()
        self.gateway.stop()


def send_everything(*, start: dt.datetime | None = None, hours: int = 8) -> dt.datetime:
    """Run the worker's step, moving the clock on whenever nothing is due, until all is sent
    or ``hours`` have passed; returns the clock."""
    clock = start or timezone.now()
    end = clock + dt.timedelta(hours=hours)
    pending = Delivery.objects.filter(
        state__in=(DeliveryState.QUEUED, DeliveryState.SENDING, DeliveryState.FAILED_TEMPORARY)
    )
    while clock < end and pending.exists():
        if not deliveries_send_due(now=clock).claimed:
            clock += dt.timedelta(minutes=5)
    return clock
