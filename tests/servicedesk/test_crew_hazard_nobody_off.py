"""A crew's card for a hazard with no outage (a leaning pole, nobody off) asks neither when power
is expected back nor whether the fault is inside a customer's house (walkthrough 46, finding 4:
"预计复电" and "户内故障" were asked of a leaning pole); a fault's card still asks both."""

from __future__ import annotations

import re

from django.urls import reverse

from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews


class HazardNobodyOffTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)

    def card(self, category: str, summary: str, *steps: str) -> tuple[str, WorkOrder]:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=category,
            summary=summary,
            customer=self.customer,
        )
        order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        for step in steps:
            crew_step_take(work_order=order, step=step, user=self.member, fields={})
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        card = page[page.index(f'data-order="{order.pk}"') :]
        return card[: card.index("</section>")], order

    def form(self, card: str, step: str) -> str:
        form = card[card.index(f'data-crew-step="{step}"') :]
        return form[: form.index("</form>")]

    def names(self, form: str) -> set[str]:
        return set(re.findall(r'name="([a-z_]+)"', form))

    def test_a_leaning_pole_s_card_asks_only_what_fits_a_danger(self) -> None:
        card, _order = self.card("hazard", "哔叭组马家门口电杆被水冲歪了，有点斜", "on_the_way")
        self.assertNotIn("expected_back", self.names(self.form(card, "on_site")))
        card, order = self.card("hazard", "哔叭组电杆倾斜", "on_the_way", "on_site")
        cause = self.names(self.form(card, "cause_found"))
        self.assertIn("cause", cause)
        self.assertIn("device", cause)
        self.assertFalse({"expected_back", "in_house"} & cause, cause)
        self.assertNotIn("预计复电", self.form(card, "cause_found"))
        self.assertNotIn("户内故障", card)
        # And the danger is made safe with what is asked: the cause, the pole, what was done.
        crew_step_take(
            work_order=order,
            step="cause_found",
            user=self.member,
            fields={"cause": "暴雨冲刷电杆基础", "device": self.fuse.code},
        )
        crew_step_take(
            work_order=order, step="restored", user=self.member, fields={"note": "电杆已扶正"}
        )
        order.refresh_from_db()
        self.assertEqual(order.status, "resolved")

    def test_a_fault_s_card_still_asks_when_power_is_back_and_about_the_house(self) -> None:
        card, _order = self.card("fault_repair", "家里没电了", "on_the_way")
        self.assertIn("expected_back", self.names(self.form(card, "on_site")))
        card, _order = self.card("fault_repair", "家里没电了", "on_the_way", "on_site")
        self.assertTrue({"expected_back", "in_house"} <= self.names(self.form(card, "cause_found")))
