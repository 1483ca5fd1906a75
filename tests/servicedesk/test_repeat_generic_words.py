"""Two questions of one caller that share only a general word of their category ("电费",
"电表", "材料") are two matters, each with its order; the same question said again in other
words still joins the first as a repeat call (``repeat_words``, ``matter_words``: desk76)."""

from __future__ import annotations

from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase
from tests.servicedesk.intake_page import NUMBER


class GeneralWordsTests(BaseTestCase):
    def first(self, text: str, category: str) -> WorkOrder:
        order = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text=text,
            category=category,
            open_order=True,
        ).work_order
        assert order is not None
        return order

    def then(self, text: str, category: str, **asked: bool) -> tuple[WorkOrder | None, bool]:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text=text,
            category=category,
            **asked,
        )
        return taken.work_order, taken.repeat

    def test_a_bill_question_after_an_invoice_question_is_its_own_order(self) -> None:
        # A bill's question is answered on the call: its order asked for unless it is the
        # caller's order of a few hours ago (intake's one click of a second matter).
        asked = {"open_order": True, "unless_repeat": True}
        invoice = self.first("上个月电费发票怎么还没寄来", "billing")
        order, repeat = self.then("这个月电费怎么扣了两次", "billing", **asked)
        assert order is not None
        self.assertNotEqual(order.pk, invoice.pk)
        self.assertFalse(repeat)
        self.assertEqual(invoice.calls.count(), 1)
        # The invoice asked again, in other words: the invoice's order.
        again = self.then("发票还是没收到，麻烦查一下", "billing", **asked)
        self.assertEqual(again, (invoice, True))

    def test_two_applications_that_share_only_the_papers_asked_for_are_two_orders(self) -> None:
        transfer = self.first("办理过户需要什么材料", "business")
        order, repeat = self.then("申请新装一块电表要准备什么材料", "business")
        assert order is not None
        self.assertNotEqual(order.pk, transfer.pk)
        self.assertFalse(repeat)
        self.assertEqual(self.then("过户的手续办好了没有", "business"), (transfer, True))

    def test_notes_saying_no_more_than_a_general_word_still_join(self) -> None:
        meter = self.first("我家电表不走字了", "business")
        self.assertEqual(self.then("电表还是不转，什么时候来换", "business"), (meter, True))
        self.assertEqual(WorkOrder.objects.count(), 1)
