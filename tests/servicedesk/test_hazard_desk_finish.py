"""walk47, 6-8: the desk's finish form of a hazard with nobody off (a leaning pole) offered
"户内故障（非电网设备）" while its crew card did not (``test_crew_hazard_nobody_off``); the
crew's card of a hazard at a pole showed an empty "巡线范围 (0)" fold; the callback rule said
"(the wait, a manner)" in English."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import override

from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase
from tests.servicedesk.callback_cast import resolved_complaint
from tests.servicedesk.crew_cast import add_crews


class HazardDeskFinishTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)

    def order(self, category: str, summary: str) -> WorkOrder:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=category,
            summary=summary,
            customer=self.customer,
        )
        return work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)

    def page(self, order: WorkOrder) -> str:
        self.login(self.chief)
        return self.client.get(reverse("servicedesk:work_order", args=[order.pk])).content.decode()

    def test_a_leaning_pole_s_finish_form_asks_nothing_of_a_house(self) -> None:
        page = self.page(self.order("hazard", "哔叭组电杆倾斜"))
        self.assertIn('name="cause"', page)
        self.assertNotIn('name="in_house"', page)

    def test_a_fault_s_finish_form_still_asks_about_the_house(self) -> None:
        page = self.page(self.order("fault_repair", "家里没电了"))
        self.assertIn('name="in_house"', page)

    def test_a_hazard_at_a_pole_shows_no_empty_stretch_fold(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="hazard", summary="电杆倾斜"
        )
        order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        WorkOrder.objects.filter(pk=order.pk).update(device_found=self.pole)
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        card = page[page.index(f'data-order="{order.pk}"') :]
        card = card[: card.index("</section>")]
        self.assertNotIn('data-testid="job-patrol"', card)
        # A fault's card with its stretch still shows it.
        fault = self.order("fault_repair", "家里没电了")
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        card = page[page.index(f'data-order="{fault.pk}"') :]
        self.assertIn('data-testid="job-patrol"', card[: card.index("</section>")])

    def test_the_callback_rule_names_the_staff_s_manner(self) -> None:
        resolved_complaint(self)
        self.login(self.clerk)
        with override("en"):
            page = self.client.get(
                reverse("servicedesk:callbacks"), headers={"accept-language": "en"}
            ).content.decode()
        self.assertIn("(the wait, the staff’s manner)", page)
        self.assertNotIn("a manner", page)
