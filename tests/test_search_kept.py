"""A list's kept search (lib/search.py) is shown with a way to clear it, and the navigation
opens a list afresh: a clerk never misses open orders for a search made an hour ago."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase


class KeptSearchTests(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.chief)
        self.url = reverse("servicedesk:work_orders")
        for summary in ("普光荣家停电", "王成富家电压低"):
            work_order_create(
                station=self.station_a, user=None, category="fault_repair", summary=summary
            )

    def test_a_kept_search_is_shown_on_the_list_and_cleared_with_its_other_filters_kept(
        self,
    ) -> None:
        self.client.post(self.url, {"show": "all", "q": "王成富"})
        page = self.client.get(self.url, {"show": "all"})  # back to the list later
        self.assertContains(page, "王成富家电压低")
        self.assertNotContains(page, "普光荣家停电")
        self.assertContains(page, 'data-testid="kept-search"')
        self.assertContains(page, "搜索：<strong>王成富</strong>")
        self.assertContains(page, "清除")
        cleared = self.client.post(self.url, {"show": "all", "q": ""})
        self.assertRedirects(cleared, f"{self.url}?show=all", fetch_redirect_response=False)
        page = self.client.get(cleared["Location"])
        self.assertContains(page, "普光荣家停电")
        self.assertNotContains(page, 'data-testid="kept-search"')

    def test_no_search_no_notice(self) -> None:
        self.assertNotContains(self.client.get(self.url), 'data-testid="kept-search"')

    def test_the_navigation_opens_the_list_afresh_while_coming_back_keeps_the_search(
        self,
    ) -> None:
        self.client.post(self.url, {"q": "王成富"})
        # Back from an order (or its breadcrumb): the search still on, and said so.
        self.assertContains(self.client.get(self.url), 'data-testid="kept-search"')
        home = self.client.get(reverse("web:home"))
        self.assertContains(home, f'href="{self.url}?fresh=1"')
        fresh = self.client.get(self.url, {"fresh": "1", "show": "open"})
        self.assertRedirects(fresh, f"{self.url}?show=open", fetch_redirect_response=False)
        page = self.client.get(self.url)
        self.assertContains(page, "普光荣家停电")
        self.assertNotContains(page, 'data-testid="kept-search"')

    def test_every_list_that_keeps_a_search_says_so_and_opens_afresh_from_the_menu(
        self,
    ) -> None:
        lists = {
            "servicedesk:calls": "q",
            "customers:list": "q",
            "notifications:deliveries": "address",
        }
        home = self.client.get(reverse("web:home")).content.decode()
        for name, field in lists.items():
            url = reverse(name)
            self.assertIn(f'href="{url}?fresh=1"', home, name)
            self.client.post(url, {field: "王成富"})
            page = self.client.get(url)
            self.assertContains(page, 'data-testid="kept-search"', msg_prefix=name)
            self.assertContains(page, "<strong>王成富</strong>", msg_prefix=name)
            self.client.get(url, {"fresh": "1"})
            self.assertNotContains(self.client.get(url), 'data-testid="kept-search"')

    def test_a_call_s_customer_search_says_so_too(self) -> None:
        from powerdesk.servicedesk.models import Call

        call = Call.objects.create(
            station=self.station_a, caller_number="13800000000", received_at=timezone.now()
        )
        url = reverse("servicedesk:call", args=[call.pk])
        self.client.post(url, {"q": "普光荣"})
        page = self.client.get(url)
        self.assertContains(page, "<strong>普光荣</strong>")
        self.client.post(url, {"q": ""})
        self.assertNotContains(self.client.get(url), 'data-testid="kept-search"')
