"""Recording the engine's prediction at intake texts every household below it: the page says
how many first and records it only from the button that says so, never from the Enter that
saves the call; a double submit records once and texts once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.notifications.models import Channel, Delivery, Notice
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.models import Call, WorkOrder
from tests.base import BaseTestCase, make_user
from tests.outage_cast import predicted_below_the_fuse
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

    def test_saving_as_preselected_asks_first_and_says_how_many_are_texted(self) -> None:
        response = self.send(self.form())  # Enter, or Ctrl+Enter: no button named
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["confirm_outage"].households, 2)
        self.assertEqual(response.context["confirm_outage"].phones, 3)
        html = response.content.decode()
        self.assertIn('data-testid="confirm-record"', html)
        self.assertIn(f'name="confirm_record" value="{self.fuse.pk}"', html)
        # The page's own button comes first: Enter in a field presses it, not the confirmation.
        self.assertLess(html.index("保存来电</button>"), html.index('name="confirm_record"'))
        # Nothing is saved, recorded or texted yet; the choice stays as it was.
        self.assertEqual(checked(html), [self.record])
        self.assertFalse(Call.objects.exists())
        self.assertFalse(Outage.objects.exists())
        self.assertFalse(Notice.objects.exists())

    def test_saving_again_without_the_button_still_asks(self) -> None:
        data = self.form()
        self.send(data)
        response = self.send(data)
        self.assertIn("confirm_outage", response.context)
        self.assertIsNotNone(response.context["confirm_outage"])
        self.assertFalse(Outage.objects.exists())
        # A confirmation of another device is no confirmation of this one.
        response = self.send(data, confirm_record=str(self.pole.pk))
        self.assertIsNotNone(response.context["confirm_outage"])
        self.assertFalse(Outage.objects.exists())

    def test_the_button_records_once_and_texts_once_however_often_it_is_sent(self) -> None:
        data = self.form()
        self.send(data)
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
        outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=20),
        )
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
