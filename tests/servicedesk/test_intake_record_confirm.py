"""Recording the engine's prediction at intake texts every household below it: it is its own
button, after "Save the call", which says how many; Enter, Ctrl+Enter and "Save the call" save
the call under the prediction and text nobody (walk38, 9: the call is never left unsaved behind
a confirmation); a double submit of the button records once and texts once."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.notifications.models import Channel, Delivery, Notice
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.models import Call, WorkOrder
from tests.base import BaseTestCase, make_user
from tests.outage_cast import fault_declare, predicted_below_the_fuse
from tests.servicedesk.intake_page import checked_actions as checked

NUMBER = "0878-1234567"  # 普光荣's, below the fuse: a landline, and a mobile on record


class RecordConfirmTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        predicted_below_the_fuse(self)
        self.record = f"predicted:{self.fuse.pk}"
        self.login(self.clerk)

    def form(self) -> dict[str, str]:
        """The page as a fault call leaves it: the prediction chosen for recording."""
        page = self.client.get(reverse("servicedesk:intake"))
        html = self.client.post(
            reverse("servicedesk:caller"),
            {"caller_number": NUMBER, "text": "家里停电了", "category": "fault_repair"},
        ).content.decode()
        self.assertEqual(checked(html), [self.record])
        return {
            "form_token": page.context["form"]["form_token"].value(),
            "caller_number": NUMBER,
            "text": "家里停电了",
            "category": "fault_repair",
            "action": self.record,
            "then_default": self.record,
        }

    def send(self, data: dict[str, str], **extra: str) -> Any:
        return self.client.post(reverse("servicedesk:intake"), {**data, **extra})

    def texts(self) -> int:
        return Delivery.objects.filter(channel=Channel.SMS, customer__isnull=False).count()

    def test_saving_as_preselected_saves_the_call_and_texts_nobody(self) -> None:
        data = self.form()
        response = self.send(data)  # Enter, or Ctrl+Enter: no button named
        call = Call.objects.get()
        order = WorkOrder.objects.get()
        self.assertRedirects(response, order.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(call.work_order, order)
        self.assertEqual(order.customer, self.customer)
        self.assertFalse(Outage.objects.exists())
        self.assertFalse(Notice.objects.exists())
        self.assertEqual(self.texts(), 0)
        said = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
        self.assertTrue(any(order.number in m and str(self.fuse) in m for m in said), said)
        # Sent again (a double Ctrl+Enter): the same call, nothing more.
        self.send(data)
        self.assertEqual(Call.objects.count(), 1)
        self.assertFalse(Outage.objects.exists())

    def test_the_record_button_comes_after_save_and_says_how_many_are_texted(self) -> None:
        self.form()
        html = self.client.post(
            reverse("servicedesk:caller"),
            {"caller_number": NUMBER, "text": "家里停电了", "category": "fault_repair"},
        ).content.decode()
        self.assertIn('id="intake-record" data-testid="intake-record" hx-swap-oob="true"', html)
        self.assertIn(f'name="confirm_record" value="{self.fuse.pk}"', html)
        self.assertIn('data-testid="record-predicted-button"', html)
        self.assertRegex(html, r"record-predicted-button[^<]*[:：]\D*2\D")  # 2 households
        page = self.client.get(reverse("servicedesk:intake"), {"number": NUMBER}, follow=True)
        html = page.content.decode()
        # The page's own button comes first: Enter in a field presses it, never the recording.
        self.assertLess(html.index("保存来电</button>"), html.index('name="confirm_record"'))
        # A bill is not offered the recording.
        html = self.client.post(
            reverse("servicedesk:caller"),
            {"caller_number": NUMBER, "text": "电费怎么这么多", "category": "billing"},
        ).content.decode()
        self.assertNotIn('name="confirm_record"', html)

    def test_an_order_saved_under_the_prediction_joins_the_outage_once_recorded(self) -> None:
        self.send(self.form())
        kept = WorkOrder.objects.get()
        data = self.form()
        self.send({**data, "caller_number": "13900002222"}, confirm_record=str(self.fuse.pk))
        outage = Outage.objects.get()
        self.assertIn(kept, outage.link.work_orders.all())

    def test_the_button_records_once_and_texts_once_however_often_it_is_sent(self) -> None:
        data = self.form()
        first = self.send(data, confirm_record=str(self.fuse.pk))
        second = self.send(data, confirm_record=str(self.fuse.pk))  # a double click
        outage = Outage.objects.get()
        order = WorkOrder.objects.get()
        self.assertRedirects(first, order.get_absolute_url(), fetch_redirect_response=False)
        self.assertRedirects(second, order.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(Call.objects.get().work_order, order)
        self.assertEqual(outage.link.order, order)
        self.assertEqual(Notice.objects.filter(key=f"outage_known:{outage.pk}").count(), 1)
        self.assertEqual(self.texts(), 3)  # the phones said on the confirmation

    def test_nothing_to_confirm_when_an_outage_was_recorded_meanwhile(self) -> None:
        data = self.form()
        outage = fault_declare(self, self.fuse, began=20)
        texted = self.texts()
        response = self.send(data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Call.objects.get().work_order, outage.link.order)
        self.assertEqual(Outage.objects.count(), 1)
        self.assertEqual(self.texts(), texted)  # nobody texted twice

    def test_nothing_to_confirm_for_a_call_of_another_category(self) -> None:
        data = self.form()
        response = self.send(data, category="billing", text="电费怎么这么多")
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Outage.objects.exists())

    def test_one_who_may_not_record_keeps_the_call_without_being_asked(self) -> None:
        admin = make_user("admin", self.station_a, Role.ADMIN)
        self.login(admin)
        page = self.client.get(reverse("servicedesk:intake"))
        response = self.send(
            {
                "form_token": page.context["form"]["form_token"].value(),
                "caller_number": NUMBER,
                "text": "家里停电了",
                "category": "fault_repair",
                "action": self.record,
            }
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Call.objects.get().awaits_outage_on, self.fuse)
        self.assertFalse(Outage.objects.exists())
