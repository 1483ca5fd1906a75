"""An outsider of station B reaches nothing of station A, by the station switcher or the admin.

Every page and list of the site, with every kind of record of A, is walked for B's chief and
administrator by ``tests/test_role_matrix.py`` (from the resolver, not from a list kept here).
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse

from powerdesk.accounts.models import Membership, Role
from powerdesk.accounts.tenancy import SESSION_KEY
from tests.base import BaseTestCase

LIST_URLS = [
    "web:home",
    "customers:list",
    "community:villages",
    "network:feeders",
    "network:transformers",
    "network:devices",
    "network:poles",
    "network:defects",
    "accounts:staff",
    "outreach:calendar",
    "outreach:coverage",
    "training:plan",
    "servicedesk:satisfaction",
]
# Text that only station A's data contains.
A_MARKERS = [
    "普光荣",
    "53250000001",
    "左门",
    "哔叭",
    "10kV左门线",
    "底座被雷击穿",
    "抢修一班",
    "李秀英",
]


class TenancyTests(BaseTestCase):
    def detail_urls_of_a(self) -> list[str]:
        return [
            reverse("customers:detail", args=[self.customer.pk]),
            reverse("community:village", args=[self.village.pk]),
            reverse("network:feeder", args=[self.feeder.pk]),
            reverse("network:node", args=[self.fuse.pk]),
            reverse("network:node", args=[self.transformer.pk]),
            reverse("accounts:crew", args=[self.crew.pk]),
        ]

    def test_the_chief_of_a_sees_a_on_every_list(self) -> None:
        self.login(self.chief)
        seen = "".join(
            self.client.get(reverse(name), {"q": ""}, follow=True).content.decode()
            for name in LIST_URLS
        )
        for marker in A_MARKERS:
            self.assertIn(marker, seen)
        for url in self.detail_urls_of_a():
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_the_outsider_cannot_switch_to_station_a(self) -> None:
        self.login(self.outsider)
        self.client.post(reverse("accounts:switch_station"), {"station": self.station_a.pk})
        self.assertNotEqual(self.client.session.get(SESSION_KEY), self.station_a.pk)
        response = self.client.get(reverse("customers:list"))
        self.assertNotContains(response, "普光荣")

    def test_the_outsider_sees_nothing_of_a_on_any_admin_list(self) -> None:
        self.login(self.outsider)
        for model in admin.site._registry:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            response = self.client.get(url)
            self.assertIn(response.status_code, (200, 403), url)
            for marker in A_MARKERS:
                self.assertNotContains(
                    response, marker, msg_prefix=url, status_code=response.status_code
                )

    def test_the_outsider_cannot_open_any_admin_page_of_an_object_of_a(self) -> None:
        self.login(self.outsider)
        objects = [
            self.station_a,
            self.chief,
            self.village,
            self.group,
            self.feeder,
            self.fuse,
            self.transformer,
            self.defect,
            self.customer,
            self.crew,
        ]
        for obj in objects:
            info = (obj._meta.app_label, obj._meta.model_name)
            url = reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
            response = self.client.get(url, follow=True)
            self.assertNotContains(response, str(obj), msg_prefix=url, status_code=404)
            delete = reverse("admin:{}_{}_delete".format(*info), args=[obj.pk])
            self.client.post(delete, {"post": "yes"})
            self.assertTrue(type(obj)._default_manager.filter(pk=obj.pk).exists(), url)

    def test_the_outsider_sees_only_b_in_the_admin_station_choices(self) -> None:
        self.login(self.outsider)
        response = self.client.get(reverse("admin:community_village_add"))
        self.assertContains(response, "栋川供电所")
        self.assertNotContains(response, "光禄供电所")

    def test_a_user_of_both_stations_sees_each_only_after_switching(self) -> None:
        Membership.objects.create(user=self.outsider, station=self.station_a, role=Role.COUNTER)
        self.login(self.outsider)
        self.client.post(reverse("accounts:switch_station"), {"station": self.station_b.pk})
        self.assertNotContains(self.client.get(reverse("customers:list")), "普光荣")
        self.client.post(reverse("accounts:switch_station"), {"station": self.station_a.pk})
        self.assertContains(self.client.get(reverse("customers:list")), "普光荣")
