"""Two clerks call back the same household at once, one from the outage's callback list and one
from the household's own order joined to it (review69 M2): the list's call locked its row and
then the order, the order's call the order and then the list's rows, and on PostgreSQL one of
them could die in a deadlock (a 500). Both now take the order first: one call is recorded, the
other is told the household was called back already."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.test import TransactionTestCase
from django.utils import timezone

from powerdesk.customers.models import Customer
from powerdesk.outages.joined import outage_join_open_orders
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.outages.outage_callback_record import outage_callback_record
from powerdesk.outages.services import OutageError, outage_declare, outage_restore
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.models import Callback
from powerdesk.servicedesk.workflow import WorkOrderError
from tests.base import build_cast


@pytest.mark.skipif(connection.vendor != "postgresql", reason="threads racing need PostgreSQL")
class BothSidesAtOnceTests(TransactionTestCase):
    def household(self, cast: Any, n: int) -> tuple[Any, OutageCallback]:
        customer = Customer.objects.create(
            station=cast.station_a, account_number=f"5325000010{n}", name=f"李{n}",
            village=cast.village, transformer=cast.transformer,
        )  # fmt: skip
        own = call_take(
            station=cast.station_a, user=cast.clerk, text="家里停电了",
            category="fault_repair", customer=customer,
        ).work_order  # fmt: skip
        return own, customer

    def test_one_call_is_recorded_and_the_other_told_none_deadlocks(self) -> None:
        class Holder:
            pass

        build_cast(Holder)
        cast: Any = Holder
        pairs = [self.household(cast, n) for n in range(3)]
        outage = outage_declare(
            station=cast.station_a, user=cast.chief, device=cast.fuse,
            kind=Outage.Kind.UNPLANNED, starts_at=timezone.now() - timezone.timedelta(minutes=30),
        )  # fmt: skip
        outage_join_open_orders(outage=outage)
        outage_restore(outage=outage, user=cast.chief, cause="unknown", how="remote")
        for own, customer in pairs:
            listed = OutageCallback.objects.create(
                outage=outage, customer=customer, reason="caller", due_at=timezone.now()
            )
            barrier = threading.Barrier(2)
            told: list[BaseException] = []
            failed: list[BaseException] = []

            def call(
                record: Any,
                barrier: threading.Barrier = barrier,
                told: list[BaseException] = told,
                failed: list[BaseException] = failed,
            ) -> None:
                try:
                    barrier.wait()
                    record()
                except (OutageError, WorkOrderError) as exc:
                    told.append(exc)
                except BaseException as exc:  # a deadlock, or anything else
                    failed.append(exc)
                finally:
                    connections.close_all()

            def on_the_list(listed: OutageCallback = listed) -> None:
                outage_callback_record(
                    callback=listed, user=cast.clerk, outcome="reached", satisfaction=5
                )

            def on_the_order(own: Any = own) -> None:
                callback_record(work_order=own, user=cast.clerk, outcome="reached", satisfaction=4)

            threads = [
                threading.Thread(target=call, args=(f,)) for f in (on_the_list, on_the_order)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            with self.subTest(customer=own.customer.name):
                self.assertEqual(failed, [])
                self.assertEqual(len(told), 1)
                listed.refresh_from_db()
                self.assertIsNotNone(listed.done_at)
                self.assertEqual(
                    Callback.objects.filter(work_order=own, outcome="reached").count(), 1
                )
