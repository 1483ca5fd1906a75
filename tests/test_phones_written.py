"""Phones staff typed (a crew's duty phone, its members', the staff list's, the village liaisons')
are written as the app writes every number ("138 1234 5678", ``lib.phones.display_phone``),
whatever spacing they were typed with: the crews panel of the home page did it, these did not."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Membership, Role
from powerdesk.community.models import Liaison
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from powerdesk.web.templatetags.phones import phone
from tests.base import BaseTestCase, make_user


class PhonesWrittenTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.crew.phone = "13812345678"
        cls.crew.save(update_fields=["phone"])
        cls.member = make_user(
            "lineman", cls.station_a, Role.CREW, full_name="王师傅", phone="139-0878-1234"
        )
        cls.crew.members.add(cls.member)
        cls.chief.phone = "5711095"  # a desk phone typed without its area code
        cls.chief.save(update_fields=["phone"])
        cls.liaison = Liaison.objects.create(
            station=cls.station_a,
            village=cls.village,
            name="李文华",
            phone="13987654321",
            role=Liaison.Role.DIRECTOR,
        )

    def test_the_filter_writes_a_number_as_the_app_does_and_leaves_words_as_typed(self) -> None:
        self.assertEqual(phone("13812345678"), "138 1234 5678")
        self.assertEqual(phone("5711095", "0878"), "0878 571 1095")
        self.assertEqual(phone("村委会转"), "村委会转")
        self.assertEqual(phone(None), "")

    def test_the_crew_s_page_writes_its_duty_phone_and_its_members(self) -> None:
        self.login(self.chief)
        html = self.client.get(reverse("accounts:crew", args=[self.crew.pk])).content.decode()
        self.assertIn(">138 1234 5678</a>", html)
        self.assertIn(">139 0878 1234</a>", html)
        self.assertNotIn("13812345678<", html)
        self.assertNotIn("139-0878-1234<", html)

    def test_the_staff_list_writes_the_crews_and_the_staff_s_phones(self) -> None:
        self.login(self.chief)
        html = self.client.get(reverse("accounts:staff")).content.decode()
        self.assertIn(">138 1234 5678</a>", html)  # the crew's duty phone
        self.assertIn(">139 0878 1234</a>", html)  # a member's mobile
        self.assertIn(">0878 571 1095</a>", html)  # with the station's area code
        self.assertNotIn(">5711095<", html)

    def test_the_village_s_page_writes_its_liaisons_phones(self) -> None:
        self.login(self.chief)
        html = self.client.get(reverse("community:village", args=[self.village.pk]))
        self.assertContains(html, ">139 8765 4321</a>")
        self.assertNotContains(html, ">13987654321<")

    def test_the_liaison_s_home_and_the_outage_list_write_the_liaisons_phones(self) -> None:
        user = make_user("zm", self.station_a, full_name="左门村委会")
        Membership.objects.create(
            user=user, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        self.login(user)
        self.assertContains(self.client.get(reverse("web:liaison")), ">139 8765 4321</a>")
        outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        self.login(self.chief)
        html = self.client.get(reverse("outages:list"))
        self.assertContains(html, ">139 8765 4321</a>")
        self.assertNotContains(html, ">13987654321<")
