"""A village liaison's own number at intake (liaison76): as the number is typed the panel names
the liaison and carries what the page fills in (their name, village and group: the save's own);
a number both a household's and a serving liaison's names both, the household calling unless the
clerk chooses the liaison, and the call is stored as chosen, either way."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.community.models import Liaison
from powerdesk.customers.models import CustomerPhone
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase, post_intake
from tests.outage_cast_liaisons import group_leader

LEADER_NUMBER = "13812340000"  # 普文's, 哔叭's group leader


class LiaisonNumberAtIntakeTests(BaseTestCase):
    def setUp(self) -> None:
        self.leader = Liaison.objects.get(user=group_leader(self))
        self.login(self.clerk)

    def panel(self, number: str = LEADER_NUMBER, **more: str) -> str:
        response = self.client.post(
            reverse("servicedesk:caller"), {"caller_number": number, **more}
        )
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def shared(self) -> None:
        """The leader's number is 普光荣's household's too."""
        CustomerPhone.objects.create(customer=self.customer, number="+8613812340000")

    def test_the_panel_fills_the_liaison_s_name_village_and_group(self) -> None:
        html = self.panel("138 1234 0000")
        card = html.split('data-testid="caller-liaison"')[1].split(">")[0]
        self.assertIn('data-fill-name="普文"', card)
        self.assertIn(f'data-fill-village="{self.village.pk}"', card)
        self.assertIn(f'data-fill-group="{self.group.pk}"', card)
        # A committee member speaks for the whole village: no group filled.
        director = Liaison.objects.create(
            station=self.station_a, village=self.village, name="左主任", phone="139 0000 0101",
            role=Liaison.Role.DIRECTOR,
        )  # fmt: skip
        card = self.panel("13900000101").split('data-testid="caller-liaison"')[1].split(">")[0]
        self.assertIn(f'data-liaison-id="{director.pk}"', card)
        self.assertIn('data-fill-group=""', card)
        self.assertNotIn("data-fill-name", self.panel("13700000000"))
        self.assertNotIn("data-fill-name", self.panel("0878-1234567"))  # a household's own

    def test_a_shared_number_names_both_and_the_call_is_the_household_s_by_default(self) -> None:
        self.shared()
        html = self.panel()
        self.assertIn('data-testid="caller"', html)  # the household's card
        self.assertIn(f'data-liaison-id="{self.leader.pk}"', html)
        self.assertIn('data-testid="caller-is"', html)
        household = html.split('data-testid="caller-is-household"')[0].rsplit("<input", 1)[1]
        self.assertIn("checked", household)
        self.assertNotIn("data-fill-name", html)  # the household's call: nothing filled
        post_intake(self.client, {"caller_number": LEADER_NUMBER, "text": "电费怎么算的"})
        call = Call.objects.get()
        self.assertEqual((call.customer, call.liaison), (self.customer, None))

    def test_a_shared_number_s_call_is_the_liaison_s_when_chosen(self) -> None:
        self.shared()
        response = post_intake(
            self.client,
            {"caller_number": LEADER_NUMBER, "text": "组里有根电杆歪了", "caller_is": "liaison"},
        )
        self.assertEqual(response.status_code, 302)
        call = Call.objects.get()
        self.assertEqual(
            (call.customer, call.liaison, call.caller_name, call.village, call.group),
            (None, self.leader, "普文", self.village, self.group),
        )
        # The liaison chosen is the number's again at the save: the household's own number
        # (no liaison's) stays the household's, whatever the page sent.
        post_intake(
            self.client,
            {"caller_number": "0878-1234567", "text": "电费怎么算的", "caller_is": "liaison"},
        )
        call = Call.objects.exclude(pk=call.pk).get()
        self.assertEqual((call.customer, call.liaison), (self.customer, None))

    def test_the_panel_is_drawn_for_the_liaison_chosen(self) -> None:
        self.shared()
        html = self.panel(caller_is="liaison")
        self.assertNotIn('data-testid="caller"', html)
        self.assertIn('data-fill-name="普文"', html)
        liaison = html.split('data-testid="caller-is-liaison"')[0].rsplit("<input", 1)[1]
        self.assertIn("checked", liaison)
