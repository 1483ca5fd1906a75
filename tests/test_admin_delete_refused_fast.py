"""A feeder's delete page took 71 s to refuse on the demo (walk67, M3): Django's collector
loaded every grid node, customer, call and order below it before the records kept were
found. The records kept are now asked for first, one EXISTS query per relation followed, and
the page refuses without collecting; a record kept itself answers its delete address with
what it is (walk67, L1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from unittest import mock

from django.contrib.admin.utils import NestedObjects
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst

from powerdesk.accounts.admin_records import (
    kept_records_reached,
    protected_reached,
    records_taken,
)
from powerdesk.accounts.models import Role
from powerdesk.arrears.models import ArrearsCase
from powerdesk.customers.models import Customer
from powerdesk.network.models import Feeder, GridNode, NodeKind
from powerdesk.outreach.models import HotlineCard
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase, make_user, zh


def url(obj: Any, page: str) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{page}", args=[obj.pk])


def kind(model: Any) -> str:
    with translation.override("zh-hans"):
        return str(model._meta.verbose_name)


def counted(model: Any, n: int) -> str:
    """A kind of record as the delete page names it, with how many (walk70 L1)."""
    with translation.override("zh-hans"):
        return f"{capfirst(str(model._meta.verbose_name_plural))}: {n}"


class FeederDeleteRefusedFast(BaseTestCase):
    def setUp(self) -> None:
        self.admin = make_user("adm", self.station_a, Role.ADMIN, is_staff=True)
        # A call kept below the engine's prediction on the fuse: deleting the feeder would
        # blank it (as the demo's work orders found on its devices, walk67 M3).
        Call.objects.create(
            station=self.station_a,
            received_at=timezone.now(),
            customer=self.customer,
            text="没电",
            awaits_outage_on=self.fuse,
        )

    def add_households(self, count: int) -> None:
        """More transformers, customers and calls below the feeder."""
        for i in range(count):
            node = GridNode.objects.create(
                station=self.station_a,
                feeder=self.feeder,
                code=f"ZM-X{i}",
                kind=NodeKind.TRANSFORMER,
                parent=self.pole,
                name=f"台区{i}",
            )
            customer = Customer.objects.create(
                station=self.station_a,
                account_number=f"532599{i:05d}",
                name=f"户{i}",
                transformer=node,
            )
            Call.objects.create(
                station=self.station_a,
                received_at=timezone.now(),
                customer=customer,
                text="没电",
                awaits_outage_on=node,
            )

    def delete_page(self) -> tuple[Any, int]:
        with CaptureQueriesContext(connection) as queries:
            page = self.client.get(url(self.feeder, "delete"))
        return page, len(queries)

    def test_the_refusal_builds_no_collector_and_names_the_records_kept(self) -> None:
        self.login(self.admin)
        with mock.patch.object(NestedObjects, "collect", side_effect=AssertionError("collected")):
            page, _ = self.delete_page()
            self.client.post(url(self.feeder, "delete"), {"post": "yes"})
        self.assertEqual(page.status_code, 200)
        self.assertIn(counted(Call, 1), page.context["perms_lacking"])
        self.assertTrue(Feeder.objects.filter(pk=self.feeder.pk).exists())
        self.assertTrue(GridNode.objects.filter(pk=self.transformer.pk).exists())

    def test_the_queries_do_not_grow_with_the_rows_below(self) -> None:
        self.login(self.admin)
        _, few = self.delete_page()
        self.add_households(25)
        page, many = self.delete_page()
        self.assertEqual(many, few)
        self.assertLess(many, 150)
        self.assertIn(counted(Call, 26), page.context["perms_lacking"])

    def test_the_quick_answer_agrees_with_the_collector(self) -> None:
        HotlineCard.objects.create(
            station=self.station_a, customer=self.customer, given_on=dt.date(2026, 12, 1),
            channel="counter",
        )  # fmt: skip
        for objs in ([self.feeder], [self.fuse], [self.customer], [self.village], [self.chief]):
            with self.subTest(objs=objs):
                quick = kept_records_reached(objs)
                self.assertLessEqual(quick, records_taken(objs))
                if objs[0] != self.village and objs[0] != self.chief:
                    self.assertTrue(quick)
        self.assertEqual(kept_records_reached([Customer(pk=10**6)]), set())

    def test_a_feeder_holding_no_record_is_still_deleted(self) -> None:
        empty = Feeder.objects.create(station=self.station_a, code="NEW", name="10kV新线")
        GridNode.objects.create(
            station=self.station_a, feeder=empty, code="NEW-CB", kind=NodeKind.SOURCE, name="开关"
        )
        self.login(self.admin)
        self.client.post(url(empty, "delete"), {"post": "yes"})
        self.assertFalse(Feeder.objects.filter(pk=empty.pk).exists())


class KeptRecordDeleteAddress(BaseTestCase):
    def setUp(self) -> None:
        self.admin = make_user("adm", self.station_a, Role.ADMIN, is_staff=True)
        self.case = ArrearsCase.objects.create(
            station=self.station_a,
            customer=self.customer,
            amount=Decimal("312.50"),
            owed_since=dt.date(2025, 1, 1),
        )

    def test_it_says_the_record_is_kept_and_links_back_to_it(self) -> None:
        self.login(self.admin)
        for method in ("get", "post"):
            with self.subTest(method=method), translation.override("zh-hans"):
                page = getattr(self.client, method)(url(self.case, "delete"), {"post": "yes"})
                self.assertEqual(page.status_code, 403)
                html = page.content.decode()
                self.assertIn(zh("This record may be viewed, not deleted"), html)
                self.assertIn(kind(ArrearsCase), html)
                self.assertIn(f'href="{url(self.case, "change")}"', html)
                self.assertNotIn(zh("This page is not open to your role at this station."), html)
        self.assertTrue(ArrearsCase.objects.filter(pk=self.case.pk).exists())

    def test_a_record_one_may_not_see_answers_as_before(self) -> None:
        for user in (self.outsider, self.chief):  # another station's administrator; no admin
            self.login(user)
            page = self.client.get(url(self.case, "delete"))
            self.assertIn(page.status_code, (302, 403, 404))
            html = page.content.decode()
            self.assertNotIn(zh("This record may be viewed, not deleted"), html)
            self.assertNotIn(str(self.case), html)


class KeptRecordsOfOtherStationsUnnamed(BaseTestCase):
    """A station's administrator refused a deletion that would reach another station's kept
    records is told only that: not which kinds of records another station holds (review68, L7)."""

    def setUp(self) -> None:
        self.admin = make_user("adm", self.station_a, Role.ADMIN, is_staff=True)
        # A call of the other station about a customer of this one (a county desk's call).
        Call.objects.create(
            station=self.station_b, received_at=timezone.now(), customer=self.customer, text="没电"
        )

    def test_the_refusal_names_other_stations_not_their_kinds(self) -> None:
        self.login(self.admin)
        collect = mock.patch.object(NestedObjects, "collect", side_effect=AssertionError("no"))
        with collect, translation.override("zh-hans"):
            page = self.client.get(url(self.customer, "delete"))
        self.assertEqual(page.status_code, 200)
        lacking = page.context["perms_lacking"]
        with translation.override("zh-hans"):
            self.assertEqual(lacking, [zh("records of other stations")])
        self.assertNotIn(counted(Call, 1), lacking)
        self.assertTrue(Customer.objects.filter(pk=self.customer.pk).exists())

    def test_a_superuser_is_told_the_kinds(self) -> None:
        self.assertIn(kind(Call), kept_records_reached([self.customer]))
        self.assertEqual(
            kept_records_reached([self.customer], {self.station_b.pk, self.station_a.pk}),
            {kind(Call)},
        )


class ProtectedRowsCountedFast(BaseTestCase):
    """A feeder held back only by its own grid nodes and customers (PROTECT), with no kept
    record below: the page took 5-6 s on the demo listing some 3,000 rows (walk69, M2). It now
    names each kind holding on and how many, without Django's collector."""

    def setUp(self) -> None:
        self.admin = make_user("adm", self.station_a, Role.ADMIN, is_staff=True)

    def test_the_page_counts_what_holds_on_without_collecting(self) -> None:
        self.login(self.admin)
        collect = mock.patch.object(NestedObjects, "collect", side_effect=AssertionError("no"))
        with collect, translation.override("zh-hans"):
            page = self.client.get(url(self.feeder, "delete"))
            self.client.post(url(self.feeder, "delete"), {"post": "yes"})
            nodes = capfirst(str(GridNode._meta.verbose_name_plural))
            customers = capfirst(str(Customer._meta.verbose_name_plural))
        self.assertEqual(page.status_code, 200)
        # Pole under the breaker, fuse under the pole, transformer under the fuse; one customer.
        self.assertEqual(page.context["protected"], sorted([f"{nodes}: 3", f"{customers}: 1"]))
        self.assertTrue(Feeder.objects.filter(pk=self.feeder.pk).exists())

    def test_a_row_holding_on_by_two_ways_is_counted_once(self) -> None:
        # The customer holds on to the village by its village and by its group (review69 L1).
        with translation.override("zh-hans"):
            customers = capfirst(str(Customer._meta.verbose_name_plural))
            self.assertEqual(protected_reached([self.village]), [f"{customers}: 1"])

    def test_the_quick_answer_agrees_with_the_collector(self) -> None:
        lone = Feeder.objects.create(station=self.station_a, code="NEW", name="10kV新线")
        root = GridNode.objects.create(
            station=self.station_a, feeder=lone, code="NEW-CB", kind=NodeKind.SOURCE
        )
        for objs in (
            [self.feeder],
            [self.fuse],
            [self.transformer],
            [self.village],
            [lone],
            [root],
        ):
            with self.subTest(objs=objs):
                collector = NestedObjects(using="default")
                collector.collect(objs)
                self.assertEqual(bool(protected_reached(objs)), bool(collector.protected))

    def test_another_stations_rows_are_not_counted_by_kind(self) -> None:
        Customer.objects.create(
            station=self.station_b, account_number="53259999999", name="外所户",
            transformer=self.transformer,
        )  # fmt: skip
        with translation.override("zh-hans"):
            self.assertEqual(
                protected_reached([self.feeder], {self.station_a.pk}),
                [zh("records of other stations")],
            )

    def test_a_missing_kept_record_answers_404_as_its_change_address(self) -> None:
        self.login(self.admin)
        for page in ("change", "delete"):
            with self.subTest(page=page):
                missing = reverse(f"admin:arrears_arrearscase_{page}", args=[10**6])
                self.assertEqual(self.client.get(missing).status_code, 404)
