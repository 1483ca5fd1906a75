"""The SMS gateway's side: receipts and villagers' messages, good and bad."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.notifications.models import Delivery, DeliveryState, InboundSms, SmsQuestion
from powerdesk.notifications.texts import render
from powerdesk.outages.models import OutageCallback, Signal
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.models import Call, WorkOrder
from tests.notifications.two_way_cast import MOBILE, TwoWayCase, restored_outage_with_a_caller


class TwoWaySmsTests(TwoWayCase):
    def test_a_villager_texting_no_power_is_a_call_and_a_signal_and_gets_an_answer(self) -> None:
        answer = self.text("家里停电了")
        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertEqual(answer.json()["intent"], "report")
        call = Call.objects.get()
        self.assertEqual((call.customer, call.cti_call_id), (self.customer, "sms:m1"))
        self.assertTrue(Signal.objects.filter(type="call", customer=self.customer).exists())
        reply = Delivery.objects.get(notice__event="sms_reply")
        self.assertEqual(reply.address, MOBILE)
        self.assertIn("报修已受理", answer.json()["reply"])

    def test_under_a_known_outage_the_answer_says_what_is_known(self) -> None:
        outage_declare(station=self.station_a, user=None, device=self.fuse, kind="unplanned")
        reply = self.text("莫得电了嘛").json()["reply"]
        # No crew is sent yet: the repair is being arranged, not under way.
        self.assertIn("正在安排抢修人员", reply)
        self.assertNotIn("正在抢修", reply)
        self.assertIn("停电", self.text("查询").json()["reply"])

    def test_a_danger_under_a_known_outage_is_answered_with_what_to_do_not_the_outage(
        self,
    ) -> None:
        outage_declare(station=self.station_a, user=None, device=self.fuse, kind="unplanned")
        answer = self.text("门口电线掉下来了还在打火").json()
        self.assertEqual(answer["intent"], "report")
        self.assertIn("10", answer["reply"])  # keep away
        self.assertNotIn("安排抢修", answer["reply"])
        self.assertTrue(Call.objects.get(category="hazard").urgent)

    def test_after_a_restore_1_is_power_back_and_answers_the_callback(self) -> None:
        outage = restored_outage_with_a_caller(self)
        question = SmsQuestion.objects.get(number=MOBILE)
        asked = Delivery.objects.get(address=MOBILE, template="power_back_ask")
        self.assertIn("电来了吗？回复1已来电，回复2仍停电", render(asked))
        answer = self.text("1").json()
        self.assertEqual(answer["intent"], "yes")
        question.refresh_from_db()
        self.assertEqual(question.answer, "1")
        self.assertTrue(Signal.objects.filter(type="call_on", customer=self.customer).exists())
        order = WorkOrder.objects.get(customer=self.customer)
        self.assertTrue(order.events.filter(note__contains="已来电").exists())
        # A second caller, called back on the outage's list: the answer is their callback.
        callback = OutageCallback.objects.get(outage=outage, customer=self.neighbour)
        self.assertEqual(self.text("1", sender="+8613700000002").json()["intent"], "yes")
        callback.refresh_from_db()
        self.assertIsNotNone(callback.done_at)

    def test_after_a_restore_1_settles_the_callback_of_the_caller_whose_order_is_the_outage_s(
        self,
    ) -> None:
        from powerdesk.servicedesk.models import Callback, WorkOrderStatus

        restored_outage_with_a_caller(self)
        order = WorkOrder.objects.get(customer=self.customer)
        self.assertEqual(order.status, WorkOrderStatus.RESOLVED)
        self.text("1", message_id="gw-42")
        order.refresh_from_db()
        self.assertEqual(order.status, WorkOrderStatus.CALLBACK_DONE)
        callback = Callback.objects.get(work_order=order)
        self.assertEqual(
            (callback.outcome, callback.satisfaction, callback.by), ("reached", None, None)
        )
        line = order.events.get(to_status=WorkOrderStatus.CALLBACK_DONE)
        self.assertIsNone(line.by)
        for said in (MOBILE, "sms:gw-42", "已来电"):
            self.assertIn(said, line.note)
        # Not in the callbacks still to make.
        from powerdesk.servicedesk.selectors import callbacks_due

        self.assertNotIn(order, list(callbacks_due(self.station_a)))

    def test_after_a_restore_2_is_a_call_and_reopens(self) -> None:
        restored_outage_with_a_caller(self)
        calls = Call.objects.count()
        answer = self.text("2").json()
        self.assertEqual(answer["intent"], "no")
        self.assertEqual(Call.objects.count(), calls + 1)
        calls_of_customer = Signal.objects.filter(type="call", customer=self.customer)
        self.assertEqual(calls_of_customer.count(), 2)
        self.assertEqual(calls_of_customer.order_by("pk").last().source, "sms")  # type: ignore[union-attr]
        order = WorkOrder.objects.get(customer=self.customer)
        self.assertTrue(order.is_open)
        self.assertEqual(order.reopened_count, 1)

    def test_an_unknown_number_is_asked_for_its_account_number_then_its_report_is_taken(
        self,
    ) -> None:
        stranger = "+8613900000009"
        first = self.text("停电了", sender=stranger).json()
        self.assertEqual(first["intent"], "unknown_number")
        self.assertIn("户号", first["reply"])
        self.assertIn("后4位", first["reply"])
        self.assertFalse(Call.objects.exists())
        # An account number alone (on every bill, known to the neighbours) proves nothing.
        alone = self.text("53250000001", sender=stranger).json()
        self.assertEqual(alone["intent"], "account")
        self.assertIn("仅凭户号无法确认", alone["reply"])
        self.assertFalse(Call.objects.exists())
        self.assertIn("后4位", self.text("查询", sender=stranger).json()["reply"])
        wrong = self.text("53250000001 0000", sender=stranger).json()
        self.assertIn("不相符", wrong["reply"])
        self.assertFalse(Call.objects.exists())
        # The staff's page shows the number that sent them, not yet anyone's.
        self.login(self.clerk)
        page = self.client.get(reverse("notifications:deliveries")).content.decode()
        self.assertIn(stranger, page)
        self.assertIn("未核实", page)
        self.assertNotIn("普光荣", page)
        paired = self.text("53250000001，5678", sender=stranger).json()
        self.assertEqual(paired["intent"], "account")
        call = Call.objects.get()
        self.assertEqual((call.customer, call.text), (self.customer, "停电了"))
        # Now it is the household's number for a day.
        self.assertEqual(self.text("查询", sender=stranger).json()["intent"], "query")
        self.assertIn(
            "普光荣", self.client.get(reverse("notifications:deliveries")).content.decode()
        )

    def test_wrong_pairs_from_one_number_are_stopped(self) -> None:
        stranger = "+8613900000009"
        for digits in range(5):
            self.text(f"53250000001 000{digits}", sender=stranger)
        answer = self.text("53250000001 5678", sender=stranger).json()
        self.assertIn("尝试次数过多", answer["reply"])
        self.assertIsNone(InboundSms.objects.get(message_id=f"m{self.n}").customer)

    def test_answers_are_signed_and_name_villages_like_the_station_s_texts(self) -> None:
        outage_declare(station=self.station_a, user=None, device=self.fuse, kind="unplanned")
        known = Delivery.objects.get(address=MOBILE, notice__event="outage_known")
        answer = self.text("停电了").json()["reply"]
        self.assertTrue(answer.startswith("【光禄供电所】"), answer)
        self.assertTrue(render(known).startswith("【光禄供电所】"))
        self.assertIn(self.station_a.phone, answer)
        self.assertIn("左门", answer)  # the village, as the outage's text says
        self.assertIn("左门", render(known))
        self.assertNotIn(self.fuse.name, answer)
        reply = Delivery.objects.get(notice__event="sms_reply")
        self.assertEqual(render(reply), answer)  # what the API says is what is sent

    def test_bad_input_gets_a_clear_answer_and_stores_nothing(self) -> None:
        cases = [
            (self.post("inbound", {"id": "x", "from": MOBILE, "text": "停电"}, key="nope"), 401),
            (self.text(""), 422),
            (self.text("   "), 422),
            (self.text("电" * 10_000), 422),
            (self.post("inbound", {"from": MOBILE, "text": "停电"}), 422),
            (self.post("inbound", {"id": "y", "from": "not a phone", "text": "停电"}), 422),
            (self.post("inbound", ["not", "an", "object"]), 400),
            (
                self.post(
                    "inbound",
                    {"id": "z", "from": MOBILE, "text": "停电", "received_at": "yesterday"},
                ),
                422,
            ),
        ]
        for response, status in cases:
            self.assertEqual(response.status_code, status, response.content)
            self.assertIn("detail", response.json())
        self.assertFalse(InboundSms.objects.exists())
        self.assertFalse(Call.objects.exists())

    def test_the_gateway_s_time_is_bounded_by_the_station_s_clock(self) -> None:
        """A time ahead of the station's clock (a gateway's clock wrong, or a message made up)
        would put the call's deadlines years ahead, never late; one from long ago would date a
        power-back answer or a call back then (a message kept, sent again under a new id)."""
        import datetime as dt

        from django.utils import timezone

        ahead = (timezone.now() + dt.timedelta(days=365 * 70)).isoformat()
        answer = self.post(
            "inbound", {"id": "ahead", "from": MOBILE, "text": "家里停电了", "received_at": ahead}
        )
        self.assertEqual(answer.status_code, 200, answer.content)
        now = timezone.now()
        self.assertLessEqual(InboundSms.objects.get().received_at, now)
        call = Call.objects.get()
        self.assertLessEqual(call.received_at, now)
        assert call.work_order is not None and call.work_order.arrive_due_at is not None
        self.assertLess(call.work_order.arrive_due_at, now + dt.timedelta(days=1))

        old = (timezone.now() - dt.timedelta(days=30)).isoformat()
        answer = self.post(
            "inbound", {"id": "old", "from": MOBILE, "text": "又停电了", "received_at": old}
        )
        self.assertEqual(answer.status_code, 422, answer.content)
        self.assertIn("received_at", answer.json()["detail"])
        self.assertEqual((InboundSms.objects.count(), Call.objects.count()), (1, 1))

    def test_a_repeated_id_is_taken_once(self) -> None:
        first = self.text("停电了", message_id="same")
        again = self.text("停电了", message_id="same")
        self.assertEqual(again.status_code, 200)
        self.assertTrue(again.json()["duplicate"])
        self.assertEqual(again.json()["reply"], first.json()["reply"])
        self.assertEqual((InboundSms.objects.count(), Call.objects.count()), (1, 1))
        self.assertEqual(Delivery.objects.filter(notice__event="sms_reply").count(), 1)

    def test_a_number_may_not_flood_the_desk(self) -> None:
        for _ in range(10):
            self.text("你好")
        answer = self.text("停电了").json()
        self.assertEqual(
            (answer["taken"], answer["intent"], answer["reply"]), (False, "limited", "")
        )
        self.assertEqual(Call.objects.count(), 10)

    def test_a_receipt_marks_the_message_delivered_once(self) -> None:
        outage_declare(station=self.station_a, user=None, device=self.fuse, kind="unplanned")
        delivery = Delivery.objects.get(address=MOBILE)
        body = {"id": delivery.message_id, "status": "delivered"}
        self.assertEqual(self.post("receipts", body).json()["duplicate"], False)
        delivery.refresh_from_db()
        self.assertEqual(delivery.state, DeliveryState.DELIVERED)
        self.assertTrue(self.post("receipts", {**body, "status": "failed"}).json()["duplicate"])
        delivery.refresh_from_db()
        self.assertEqual(delivery.state, DeliveryState.DELIVERED)
        self.assertEqual(
            self.post("receipts", {"id": "nope", "status": "delivered"}).status_code, 404
        )
        self.assertEqual(self.post("receipts", {"id": "x", "status": "lost"}).status_code, 422)
