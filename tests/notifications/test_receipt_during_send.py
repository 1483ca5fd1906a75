"""A gateway's receipt can come back before its send call returns: the message keeps the text
that was sent and the receipt's state, and no claim is left on it."""

from __future__ import annotations

from powerdesk.notifications.models import Delivery, DeliveryState
from powerdesk.notifications.sending import deliveries_send_due
from powerdesk.notifications.transports import Message, Transport
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase


class ReceiptFirst(Transport):
    """A gateway that answers with the receipt before the send returns."""

    def send(self, message: Message) -> None:
        Delivery.objects.filter(message_id=message.id).update(state=DeliveryState.DELIVERED)


class ReceiptDuringSendTests(BaseTestCase):
    def test_the_text_sent_is_kept_when_the_receipt_came_first(self) -> None:
        outage_declare(station=self.station_a, user=None, device=self.fuse, kind="unplanned")
        texts = Delivery.objects.exclude(channel="in_app")
        self.assertTrue(texts.exists())
        self.assertEqual(set(texts.values_list("text", flat=True)), {""})
        while deliveries_send_due(transport_for=lambda d: ReceiptFirst()).claimed:
            pass
        for delivery in texts:
            with self.subTest(delivery.address):
                self.assertEqual(delivery.state, DeliveryState.DELIVERED)
                self.assertNotEqual(delivery.text, "")
                self.assertEqual(delivery.claim, "")
                self.assertIsNotNone(delivery.sent_at)
