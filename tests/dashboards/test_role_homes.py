"""Each role's home shows its own panels and not the others'; the shared ones stay."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.servicedesk.calls import call_log
from tests.base import BaseTestCase, make_user

OWN = {
    Role.CHIEF: {"chief_figures", "decisions"},
    Role.COUNTER: {"intake", "missed_calls", "callbacks_due"},
    Role.DISPATCHER: {"board", "crews"},
    Role.CREW: set(),
    Role.ADMIN: set(),
}
EVERY_OWN = set().union(*OWN.values())


class RoleHomeTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.people = {
            Role.CHIEF: cls.chief,
            Role.COUNTER: cls.clerk,
            Role.DISPATCHER: make_user("dispatch", cls.station_a, Role.DISPATCHER),
            Role.CREW: make_user("crew1", cls.station_a, Role.CREW),
            Role.ADMIN: make_user("admin1", cls.station_a, Role.ADMIN),
        }
        call_log(station=cls.station_a, user=None, caller_number="0878-7654321", status="missed")

    def slots(self, role: str) -> set[str]:
        self.client.force_login(self.people[role])
        response = self.client.get(reverse("web:home"))
        self.assertEqual(response.status_code, 200)
        return {slot.key for slot, _panels in response.context["slots"]}

    def test_each_role_sees_its_own_panels_and_not_another_role_s(self) -> None:
        for role, own in OWN.items():
            with self.subTest(role=role):
                slots = self.slots(role)
                self.assertLessEqual(own, slots)
                self.assertFalse((EVERY_OWN - own) & slots, EVERY_OWN - own & slots)
                self.assertIn("outages", slots)  # the panels everyone shares stay

    def test_the_counter_sees_the_missed_call_to_return(self) -> None:
        self.client.force_login(self.clerk)
        response = self.client.get(reverse("web:home"))
        self.assertContains(response, 'data-testid="missed-calls"')
        self.assertContains(response, "0878 765 4321")  # the number in its one written form

    def test_the_dispatcher_sees_the_live_board_and_the_crews(self) -> None:
        self.client.force_login(self.people[Role.DISPATCHER])
        response = self.client.get(reverse("web:home"))
        self.assertContains(response, f'hx-get="{reverse("outages:board")}?top=8"')
        self.assertContains(response, 'data-testid="crews"')
        self.assertContains(response, "抢修一班")
        # the board to work on, and what is off now (recorded and predicted) as all see it
        self.assertContains(response, "实时看板：来电与电表显示的停电")
        self.assertContains(response, "停电中（已登记与研判）与计划停电")
        # …listed once: the outages panel points to the board for what is off now.
        self.assertContains(response, 'data-testid="outages-on-board"')

    def test_the_crews_panel_writes_the_duty_phone_as_the_app_does(self) -> None:
        self.crew.phone = "13812345678"
        self.crew.save(update_fields=["phone"])
        self.client.force_login(self.people[Role.DISPATCHER])
        response = self.client.get(reverse("web:home"))
        crews = response.content.decode().split('data-testid="crews"', 1)[1].split("</table>")[0]
        self.assertIn(">138 1234 5678</a>", crews)  # format_phone, as a customer's phones

    def test_the_chief_sees_the_figures_with_a_chart(self) -> None:
        self.client.force_login(self.chief)
        response = self.client.get(reverse("web:home"))
        self.assertContains(response, 'data-testid="chief-figures"')
        self.assertContains(response, "echarts.min.js")
        self.assertContains(response, 'data-testid="chart-month-saidi"')

    def test_a_crew_member_still_starts_on_their_jobs(self) -> None:
        self.client.force_login(self.people[Role.CREW])
        self.assertRedirects(self.client.get(reverse("web:root")), reverse("servicedesk:crew_jobs"))
