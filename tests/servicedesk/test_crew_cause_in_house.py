"""The crew's "cause found" on an order's own job (walkthrough 34, 3): the device the card shows
is filled in; a fault inside the customer's house ("户内空开损坏") is recorded with no grid
device, and the job is then resolved without one (no grid outage: no device is restored, the
caller has power as far as the crew knows); the time power is expected back that the crew gave
on arriving is filled into the cause's "Power expected back"."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import Signal
from powerdesk.servicedesk.crew_step_asks import Saved
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, plain_job


class CauseInsideTheHouseTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.order = plain_job(self)

    def step(self, step: str, **fields: str) -> Saved:
        return crew_step_take(work_order=self.order, step=step, user=self.member, fields=fields)

    def cause_form(self) -> str:
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        form = page[page.index('data-crew-step="cause_found"') :]
        return form[: form.index("</form>")]

    def test_inside_the_house_needs_no_device_and_the_job_is_resolved(self) -> None:
        self.step("on_the_way")
        self.step("on_site")
        saved = self.step("cause_found", cause="户内空开损坏", device=self.fuse.code, in_house="1")
        self.order.refresh_from_db()
        self.assertEqual((self.order.cause, self.order.device_found), ("户内空开损坏", None))
        self.assertIn("户内空开损坏", saved.lines[0])
        self.assertIn("户内空开损坏", self.order.cause_shown)
        self.step("restored", note="更换户内空开")
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "resolved")
        self.assertIsNone(self.order.device_found)
        # No grid device: nothing restored on the grid.
        self.assertFalse(Signal.objects.filter(type="restore").exists())

    def test_the_same_tap_sent_again_is_taken_once(self) -> None:
        self.step("on_the_way")
        self.step("on_site")
        self.step("cause_found", cause="户内空开损坏", in_house="1")
        self.step("cause_found", cause="户内空开损坏", in_house="1")
        self.assertEqual(self.order.events.filter(note_code="cause_found").count(), 1)

    def test_without_it_a_device_is_still_asked_to_resolve(self) -> None:
        self.step("on_the_way")
        self.step("on_site")
        self.step("cause_found", cause="户内空开损坏")
        with self.assertRaises(Exception) as refused:
            self.step("restored", note="更换户内空开")
        self.assertEqual(getattr(refused.exception, "field", ""), "device")

    def test_the_card_fills_in_the_device_it_shows_and_offers_inside_the_house(self) -> None:
        self.step("on_the_way")
        self.step("on_site")
        form = self.cause_form()
        device = form[form.index('name="device"') :]
        self.assertIn(f'value="{self.fuse.code}"', device[: device.index(">")])
        self.assertIn('name="in_house"', form)

    def test_the_time_given_on_arriving_is_filled_into_the_cause_s_form(self) -> None:
        back = timezone.localtime(timezone.now() + dt.timedelta(hours=2)).replace(
            second=0, microsecond=0
        )
        self.step("on_the_way")
        self.step("on_site", expected_back=back.strftime("%Y-%m-%dT%H:%M"))
        form = self.cause_form()
        field = form[form.index('name="expected_back"') :]
        self.assertIn(f'value="{back:%Y-%m-%dT%H:%M}"', field[: field.index(">")])

    def test_the_caller_s_power_is_on_as_far_as_the_crew_knows(self) -> None:
        call = Call.objects.create(
            station=self.station_a,
            received_at=timezone.now() - dt.timedelta(minutes=30),
            customer=self.customer,
            caller_number="0878-1234567",
            text="家里没电了，空开合不上",
            work_order=self.order,
            category="fault_repair",
        )
        from powerdesk.outages.desk_signals import signal_from_call

        signal_from_call(call=call, source="intake")
        self.step("on_the_way")
        self.step("on_site")
        self.step("cause_found", cause="户内空开损坏", in_house="1")
        self.step("restored", note="更换户内空开")
        on = Signal.objects.get(type="call_on")
        self.assertEqual((on.customer, on.source), (self.customer, "crew"))


class OfficeResolvesInsideTheHouseTests(BaseTestCase):
    """The order's page resolves a fault inside the house alike: the box, no device asked."""

    def setUp(self) -> None:
        from powerdesk.servicedesk.services import work_order_create, work_order_dispatch

        self.order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="家里没电",
            customer=self.customer,
        )
        work_order_dispatch(work_order=self.order, crew=self.crew, user=self.clerk)
        self.login(self.clerk)

    def resolve(self, **fields: str) -> None:
        data = {"action": "status", "to": "resolved", "cause": "户内空开损坏", "note": "已更换"}
        self.client.post(
            reverse("servicedesk:work_order_action", args=[self.order.pk]), {**data, **fields}
        )
        self.order.refresh_from_db()

    def test_the_form_offers_it_and_no_device_is_then_asked(self) -> None:
        page = self.client.get(self.order.get_absolute_url()).content.decode()
        self.assertIn('name="in_house"', page)
        self.resolve()
        self.assertEqual(self.order.status, "dispatched")  # without it, a device is asked
        self.resolve(in_house="on", device=self.fuse.code)
        self.assertEqual(self.order.status, "resolved")
        self.assertIsNone(self.order.device_found)  # the device typed set aside
        self.assertIn("户内空开损坏", self.order.cause_shown)
        self.assertFalse(Signal.objects.filter(type="restore").exists())

    def test_the_api_resolves_it_alike(self) -> None:
        from powerdesk.accounts.tokens import token_create

        _, key = token_create(station_id=self.station_a.pk, name="county")
        url = f"/api/v1/work-orders/{self.order.pk}/transition"
        body = {"to": "resolved", "cause": "户内空开损坏", "note": "已更换"}
        auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        refused = self.client.post(url, body, content_type="application/json", **auth)
        self.assertEqual(refused.status_code, 409)  # without it, a device is asked
        body = {**body, "in_house": True, "device": self.fuse.code}
        taken = self.client.post(url, body, content_type="application/json", **auth)
        self.assertEqual(taken.status_code, 200)
        self.order.refresh_from_db()
        self.assertEqual((self.order.status, self.order.device_found), ("resolved", None))
        self.assertFalse(Signal.objects.filter(type="restore").exists())
