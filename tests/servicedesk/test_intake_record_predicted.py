"""In a storm the engine predicts an outage nobody has recorded yet: the clerk records it from
the intake page in one step and the call joins its one work order; a second clerk doing the same
meanwhile joins the first's outage, never a second one."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.test import TransactionTestCase
from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.outages.models import Outage, OutageEvent, Signal
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Call, WorkOrder
from tests.base import BaseTestCase, build_cast, make_user
from tests.servicedesk.intake_page import checked_actions as checked_action
from tests.servicedesk.intake_page import predict_outage

NUMBER = "0878-1234567"  # 普光荣's, below the fuse


class RecordPredictionAtIntakeTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.prediction = predict_outage(self.station_a, self.fuse)
        self.action = f"predicted:{self.fuse.pk}"

    def page(self, user: Any) -> tuple[str, dict[str, str]]:
        """The page as the telephone opens it, with its "Then" group drawn for the fault note
        the clerk types (``intake_choices``)."""
        self.login(user)
        response = self.client.get(reverse("servicedesk:intake"), {"number": NUMBER}, follow=True)
        form = response.context["form"]
        html = self.client.post(
            reverse("servicedesk:caller"),
            {"caller_number": NUMBER, "text": "家里停电了", "category": "fault_repair"},
        ).content.decode()
        return html, {
            "caller_number": form["caller_number"].value(),
            "form_token": form["form_token"].value(),
        }

    def save(self, user: Any, data: dict[str, str], **extra: str) -> Any:
        """Saved with the recording confirmed (the button that says how many are texted:
        ``test_intake_record_confirm``)."""
        self.login(user)
        return self.client.post(
            reverse("servicedesk:intake"),
            {
                "text": "家里停电了",
                "category": "fault_repair",
                "action": self.action,
                "confirm_record": str(self.fuse.pk),
                **data,
                **extra,
            },
            follow=True,
        )

    def test_recording_is_chosen_for_one_who_may_record_outages(self) -> None:
        # In a storm: one order for the outage, not one per caller (a clerk may still choose
        # "as its category says" or a new order).
        html, _data = self.page(self.clerk)
        self.assertIn('data-testid="record-predicted"', html)
        self.assertEqual(checked_action(html), [self.action])

    def test_one_step_records_the_outage_and_joins_the_call(self) -> None:
        _html, data = self.page(self.clerk)
        response = self.save(self.clerk, data)
        outage = Outage.objects.get()
        self.assertEqual((outage.device, outage.status), (self.fuse, Outage.Status.ACTIVE))
        self.assertEqual(outage.created_by, self.clerk)
        self.assertEqual(outage.starts_at, self.prediction.first_sign_at)
        # Recorded as the board's confirmation is: its history, and the engine is told.
        self.assertTrue(OutageEvent.objects.filter(outage=outage, what="confirmed", by=self.clerk))
        self.assertTrue(Signal.objects.filter(type="confirm_open", device=self.fuse).exists())
        call = Call.objects.get()
        self.assertEqual(outage.link.order, call.work_order)
        self.assertRedirects(response, call.work_order.get_absolute_url())

    def test_the_order_s_history_says_where_it_was_recorded_in_the_reader_s_language(
        self,
    ) -> None:
        _html, data = self.page(self.clerk)
        self.save(self.clerk, data)
        order = Call.objects.get().work_order
        chinese = self.client.get(order.get_absolute_url()).content.decode()
        self.assertIn("在来电受理时根据研判结果登记", chinese)
        english = self.client.get(
            order.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
        self.assertIn("recorded from the engine&#x27;s prediction at intake", english)
        self.assertNotIn("在来电受理时根据研判结果登记", english)

    def test_a_second_clerk_with_the_page_open_joins_the_first_s_outage(self) -> None:
        _html, first = self.page(self.clerk)
        _html, second = self.page(self.chief)
        self.save(self.clerk, first)
        self.save(self.chief, second, text="我家也没电")
        self.assertEqual(Outage.objects.count(), 1)
        self.assertEqual(WorkOrder.objects.count(), 1)
        self.assertEqual(Call.objects.filter(work_order__isnull=False).count(), 2)

    def test_one_who_may_not_record_outages_is_not_offered_it_but_joins_one_recorded(
        self,
    ) -> None:
        admin = make_user("admin", self.station_a, Role.ADMIN)
        html, data = self.page(admin)
        self.assertNotIn('data-testid="record-predicted"', html)
        # Kept for the outage instead (``test_intake_storm``), never recorded by them.
        self.assertEqual(self.save(admin, data).status_code, 200)
        self.assertFalse(Outage.objects.exists())
        self.assertEqual(Call.objects.get().awaits_outage_on, self.fuse)
        # Recorded by a clerk meanwhile: the administrator's calls join it.
        _html, clerk_data = self.page(self.clerk)
        self.save(self.clerk, clerk_data)
        _html, data = self.page(admin)
        self.save(admin, data, text="还是没电")
        self.assertEqual(Outage.objects.count(), 1)
        self.assertEqual(WorkOrder.objects.count(), 1)
        self.assertEqual(Call.objects.filter(work_order__isnull=False).count(), 3)

    def test_a_prediction_gone_meanwhile_leaves_the_call_on_its_own_and_says_so(self) -> None:
        _html, data = self.page(self.clerk)
        self.prediction.delete()
        response = self.save(self.clerk, data)
        self.assertFalse(Outage.objects.exists())
        self.assertEqual(WorkOrder.objects.count(), 1)
        self.assertIn("info", [m.tags for m in response.context["messages"]])

    def test_a_call_of_another_category_records_nothing(self) -> None:
        _html, data = self.page(self.clerk)
        self.save(self.clerk, data, text="电费怎么这么多", category="billing")
        self.assertFalse(Outage.objects.exists())

    def test_another_station_s_device_is_not_found(self) -> None:
        _html, data = self.page(self.outsider)
        response = self.save(self.outsider, data)
        self.assertFalse(Outage.objects.exists())
        self.assertFalse(Call.objects.filter(station=self.station_a).exists())
        self.assertIn(response.status_code, (403, 404))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="threads racing need PostgreSQL")
class ConcurrentRecordAtIntakeTests(TransactionTestCase):
    def test_two_clerks_recording_one_prediction_at_once_record_one_outage(self) -> None:
        class Holder:
            pass

        build_cast(Holder)
        cast: Any = Holder
        predict_outage(cast.station_a, cast.fuse)
        barrier = threading.Barrier(4)
        failed: list[BaseException] = []

        def take(i: int) -> None:
            try:
                barrier.wait()
                call_take(
                    station=cast.station_a,
                    user=cast.chief if i % 2 else cast.clerk,
                    caller_number=NUMBER,
                    text=f"停电了 {i}",
                    category="fault_repair",
                    record_outage_on=cast.fuse,
                )
            except BaseException as exc:
                failed.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=take, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failed, [])
        self.assertEqual(Outage.objects.filter(device=cast.fuse).count(), 1)
        self.assertEqual(WorkOrder.objects.count(), 1)
        self.assertEqual(Call.objects.filter(work_order__isnull=False).count(), 4)
