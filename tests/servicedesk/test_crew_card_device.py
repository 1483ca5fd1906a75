"""The crew's card and its device: the cause form's device field holds the device the card
lists (the crew changes it when the fault was elsewhere; walkthrough 36, #15), and once the
fault is found inside the customer's house the card lists no guessed device and no stretch to
walk (walkthrough 36, #14)."""

from __future__ import annotations

import re

from django.urls import reverse

from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews


class CrewCardDeviceTests(BaseTestCase):
    def job(self, category: str) -> str:
        add_crews(self)
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=category,
            summary="电线断了掉在路上",
            customer=self.customer,
        )
        self.order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        for step in ("on_the_way", "on_site"):
            crew_step_take(work_order=self.order, step=step, user=self.member, fields={})
        return self.page()

    def page(self) -> str:
        self.login(self.member)
        return self.client.get(reverse("servicedesk:crew_jobs")).content.decode()

    def test_the_cause_form_holds_the_card_s_device(self) -> None:
        page = self.job("hazard")
        self.assertIn('data-testid="job-device">哔叭支线02号杆跌落式熔断器', page)
        form = page.split('data-crew-step="cause_found"', 1)[1].split("</form>", 1)[0]
        (device,) = re.findall(r'<input[^>]*name="device"[^>]*>', form)
        self.assertIn(f'value="{self.fuse.code}"', device)
        self.assertNotIn(" hidden", device)

    def test_after_an_in_house_cause_no_guessed_device_is_listed(self) -> None:
        self.assertIn('data-testid="job-device"', self.job("fault_repair"))
        crew_step_take(
            work_order=self.order,
            step="cause_found",
            user=self.member,
            fields={"cause": "户内总闸跳闸", "in_house": "1"},
        )
        page = self.page()
        card = page[page.index(f'data-order="{self.order.pk}"') :]
        self.assertNotIn('data-testid="job-device"', card)
        self.assertNotIn('data-testid="job-patrol"', card)
        self.assertNotIn(self.fuse.name, card)
