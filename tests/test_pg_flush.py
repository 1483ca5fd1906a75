"""The transactional tests' flush by ``DELETE`` (``tests/pg_flush.py``) empties every table,
those that others point at included, and leaves the sequences running on."""

from __future__ import annotations

from django.core.management import call_command
from django.db import connection
from django.test import TransactionTestCase
from django.utils import timezone

from powerdesk.accounts.models import CountyCompany, Role, Station
from powerdesk.servicedesk.models import Call
from tests.base import make_user


def make_station() -> Station:
    company = CountyCompany.objects.create(name="清空公司")
    return Station.objects.create(company=company, code="zz", name="清空供电所")


class FlushTests(TransactionTestCase):
    def test_the_flush_empties_tables_pointed_at_and_keeps_the_sequences(self) -> None:
        station = make_station()
        user = make_user("flush_clerk", station, Role.COUNTER)
        Call.objects.create(station=station, text="测试", taken_by=user, received_at=timezone.now())
        before = Call.objects.get().pk
        call_command(  # as a transactional test's teardown asks for it
            "flush",
            verbosity=0,
            interactive=False,
            reset_sequences=False,
            inhibit_post_migrate=True,
        )
        self.assertFalse(Call.objects.exists())
        self.assertFalse(Station.objects.exists())  # pointed at by the call and the user
        station = make_station()
        user = make_user("flush_clerk", station, Role.COUNTER)
        after = Call.objects.create(
            station=station, text="测试", taken_by=user, received_at=timezone.now()
        ).pk
        self.assertGreater(after, before)
        if connection.vendor == "postgresql":
            flushed = connection.ops.sql_flush(None, ["servicedesk_call"])
            self.assertTrue(flushed[-1].startswith("DELETE FROM"), flushed)
