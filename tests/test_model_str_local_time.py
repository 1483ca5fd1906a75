"""Records named in the admin and in logs show the station's local time, not UTC."""

from __future__ import annotations

import datetime as dt

from django.test import override_settings

from powerdesk.accounts.models import ExportLog
from powerdesk.outages.models import Signal
from powerdesk.servicedesk.models import Call, CounterRating

# 23:30 UTC on 1 December is 07:30 on 2 December in Yunnan (UTC+8).
AT = dt.datetime(2026, 12, 1, 23, 30, 15, tzinfo=dt.UTC)


@override_settings(TIME_ZONE="Asia/Shanghai")
def test_names_of_records_are_in_local_time() -> None:
    assert str(Call(received_at=AT, caller_number="13800000000")) == "2026-12-02 07:30 13800000000"
    assert str(CounterRating(at=AT, score=5)) == "2026-12-02 07:30 5"
    assert (
        str(ExportLog(at=AT, list_name="orders", format="csv")) == "orders.csv · 2026-12-02 07:30"
    )
    assert str(Signal(type="meter_off", event_at=AT)) == "meter_off 2026-12-02 07:30:15"
