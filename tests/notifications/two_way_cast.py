"""What the tests of villagers' texts share: the SMS gateway's posts to the station, and an
outage on the fuse restored after the cast's customer (and a neighbour) called about it, so
that each was asked "电来了吗？" by text."""

from __future__ import annotations

import json
from typing import Any

from powerdesk.accounts.tokens import token_create
from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare, outage_restore
from powerdesk.servicedesk.call_take import call_take
from tests.base import BaseTestCase

MOBILE = "+8613812345678"  # the cast's customer's


class TwoWayCase(BaseTestCase):
    def setUp(self) -> None:
        _token, self.key = token_create(station_id=self.station_a.pk, name="gateway")
        self.n = 0

    def post(self, path: str, body: Any, key: str | None = None) -> Any:
        return self.client.post(
            f"/api/v1/sms/{path}",
            data=json.dumps(body, ensure_ascii=False),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key or self.key}",
        )

    def text(self, text: str, sender: str = MOBILE, message_id: str | None = None) -> Any:
        self.n += 1
        return self.post(
            "inbound", {"id": message_id or f"m{self.n}", "from": sender, "text": text}
        )


def restored_outage_with_a_caller(cast: Any, *, neighbour: bool = True) -> Outage:
    """The fuse's outage, the cast's customer's call about it (their own order, joined to it)
    and, with ``neighbour``, a neighbour's (李家, ``cast.neighbour``), restored."""
    outage = outage_declare(station=cast.station_a, user=None, device=cast.fuse, kind="unplanned")
    call_take(
        station=cast.station_a,
        user=cast.clerk,
        text="停电了",
        caller_number=MOBILE,
        customer=cast.customer,
        cti_call_id="c1",
    )
    if neighbour:
        cast.neighbour = Customer.objects.create(
            station=cast.station_a,
            account_number="53250000002",
            name="李家",
            transformer=cast.transformer,
        )
        CustomerPhone.objects.create(customer=cast.neighbour, number="+8613700000002")
        call_take(
            station=cast.station_a,
            user=cast.clerk,
            text="我家也停电了",
            customer=cast.neighbour,
            cti_call_id="c2",
        )
    return outage_restore(outage=outage, user=cast.clerk, cause="unknown", how="remote")
