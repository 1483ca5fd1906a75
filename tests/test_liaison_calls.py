"""A village liaison ringing from their own number (walk74, M1): intake names them, the call keeps
them, the customer search finds them, and a household's page names its group's liaison."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.tokens import token_create
from powerdesk.community.models import Liaison, VillageGroup
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase, post_intake
from tests.outage_cast_liaisons import group_leader

LEADER_NUMBER = "13812340000"  # 普文's, 哔叭's group leader (with a login)


class LiaisonCallerTests(BaseTestCase):
    def setUp(self) -> None:
        self.leader_user = group_leader(self)
        self.leader = Liaison.objects.get(user=self.leader_user)
        self.director = Liaison.objects.create(
            station=self.station_a, village=self.village, name="左主任", phone="139 0000 0101",
            role=Liaison.Role.DIRECTOR,
        )  # fmt: skip
        self.login(self.clerk)

    def panel(self, number: str) -> str:
        return self.client.post(
            reverse("servicedesk:caller"), {"caller_number": number}
        ).content.decode()

    def test_intake_names_the_liaison_not_an_unknown_caller(self) -> None:
        html = self.panel("138-1234-0000")
        self.assertIn(f'data-testid="caller-liaison" data-liaison-id="{self.leader.pk}"', html)
        self.assertIn("普文", html)
        self.assertIn("哔叭", html)
        self.assertNotIn('data-testid="unknown-caller"', html)
        # A number nobody has is still unknown, and so is a retired liaison's.
        self.assertIn('data-testid="unknown-caller"', self.panel("13700000000"))
        self.leader.active = False
        self.leader.save()
        self.assertIn('data-testid="unknown-caller"', self.panel(LEADER_NUMBER))

    def test_the_call_is_kept_with_the_liaison_and_their_place(self) -> None:
        response = post_intake(
            self.client, {"caller_number": LEADER_NUMBER, "text": "组里有根电杆歪了"}
        )
        self.assertEqual(response.status_code, 302)
        call = Call.objects.get()
        self.assertIsNone(call.customer)
        self.assertEqual(
            (call.liaison, call.caller_name, call.village, call.group),
            (self.leader, "普文", self.village, self.group),
        )

    def test_a_place_the_clerk_wrote_is_kept(self) -> None:
        other = VillageGroup.objects.create(
            station=self.station_a, village=self.village, name="上村"
        )
        post_intake(
            self.client,
            {
                "caller_number": "139 0000 0101",
                "text": "上村有根电杆歪了",
                "caller_name": "左主任",
                "village": str(self.village.pk),
                "group": str(other.pk),
            },
        )
        call = Call.objects.get()
        self.assertEqual((call.liaison, call.group), (self.director, other))

    def test_the_customer_search_finds_a_liaison_by_number_and_name(self) -> None:
        for q in ("138 1234 0000", "普文"):
            page = self.client.post(reverse("customers:list"), {"q": q}, follow=True)
            self.assertContains(page, 'data-testid="liaisons-found"', msg_prefix=q)
            self.assertContains(page, f'data-liaison-id="{self.leader.pk}"', msg_prefix=q)
        page = self.client.post(reverse("customers:list"), {"q": "普光荣"}, follow=True)
        self.assertNotContains(page, 'data-testid="liaisons-found"')

    def test_the_customer_page_and_panel_name_the_group_s_liaison(self) -> None:
        page = self.client.get(self.customer.get_absolute_url()).content.decode()
        shown = page.split('data-testid="group-liaison"')[1].split("</dd>")[0]
        self.assertIn("普文", shown)
        self.assertIn("138 1234 0000", shown)
        self.assertNotIn("左主任", shown)  # the group's own, not the committee's
        panel = self.panel("0878-1234567")  # 普光荣's own number
        self.assertIn('data-testid="group-liaison"', panel)
        self.assertIn("普文", panel.split('data-testid="group-liaison"')[1].split("</p>")[0])

    def test_a_household_whose_group_has_none_is_named_the_committee_s(self) -> None:
        self.leader.active = False
        self.leader.save()
        page = self.client.get(self.customer.get_absolute_url()).content.decode()
        self.assertIn("左主任", page.split('data-testid="group-liaison"')[1].split("</dd>")[0])

    def test_the_api_says_the_call_s_liaison(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        made = self.client.post(
            "/api/v1/calls",
            {"caller_number": LEADER_NUMBER, "text": "组里停电了"},
            content_type="application/json",
            **auth,
        ).json()
        self.assertEqual(
            made["liaison"],
            {
                "id": self.leader.pk,
                "name": "普文",
                "role": "group_leader",
                "village": "左门",
                "group": "哔叭",
                "phone": "138 1234 0000",
            },
        )
        listed = self.client.get("/api/v1/calls", **auth).json()["items"]
        self.assertEqual(listed[0]["liaison"]["id"], self.leader.pk)
