"""A delete page refused for records kept named their kinds only (walk70 L1): "工单 | 研判停电",
not how many, nor the rows holding on to what would be deleted ("电网设备: 494"), which the page
counts when no record kept stands in the way. It now says each with its number, found as fast
(one COUNT per kind, never Django's collector), each row once however many ways reach it, and
still only "records of other stations" for another station's."""

from __future__ import annotations

from typing import Any
from unittest import mock

from django.contrib.admin.utils import NestedObjects
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.accounts.admin_records import deletion_reach, is_kept
from powerdesk.accounts.models import Role
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase, make_user, zh
from tests.test_admin_delete_refused_fast import counted, url


def collected(objs: list[Any]) -> list[str]:
    """What Django's collector would delete or blank of each kind kept, as the page says it."""
    collector = NestedObjects(using="default", origin=objs)
    collector.collect(objs)
    rows: dict[Any, set[Any]] = {}
    for model, instances in collector.data.items():
        if is_kept(model):
            rows.setdefault(model, set()).update(obj.pk for obj in instances)
    for (field, _value), batches in collector.field_updates.items():
        if is_kept(field.model):
            for batch in batches:
                rows.setdefault(field.model, set()).update(obj.pk for obj in batch)
    return sorted(counted(model, len(pks)) for model, pks in rows.items() if pks)


class KeptRecordsCounted(BaseTestCase):
    def setUp(self) -> None:
        self.admin = make_user("adm", self.station_a, Role.ADMIN, is_staff=True)
        now = timezone.now()
        # Two calls waiting below the fuse (the feeder's delete would blank them); the first
        # taken and called back by the chief: two ways from the chief's login to one call.
        first = Call.objects.create(
            station=self.station_a,
            received_at=now,
            customer=self.customer,
            text="没电",
            awaits_outage_on=self.fuse,
            taken_by=self.chief,
            called_back_by=self.chief,
        )
        first.pk = None  # the second: not the chief's
        first.taken_by = first.called_back_by = None
        first.save()

    def test_the_page_says_how_many_records_kept_and_rows_holding_on(self) -> None:
        self.login(self.admin)
        collect = mock.patch.object(NestedObjects, "collect", side_effect=AssertionError("no"))
        with collect, translation.override("zh-hans"):
            page = self.client.get(url(self.feeder, "delete"))
            self.client.post(url(self.feeder, "delete"), {"post": "yes"})
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.context["perms_lacking"], [counted(Call, 2)])
        # Pole under the breaker, fuse under the pole, transformer under the fuse; one customer.
        held = sorted([counted(GridNode, 3), counted(Customer, 1)])
        self.assertEqual(page.context["protected"], held)
        html = page.content.decode()
        for said in (counted(Call, 2), *held):
            self.assertIn(f"<li>{said}</li>", html)
        self.assertIn('id="protected-objects"', html)
        self.assertEqual(self.feeder.__class__.objects.filter(pk=self.feeder.pk).count(), 1)

    def test_the_list_bulk_delete_says_them_too(self) -> None:
        self.login(self.admin)
        chosen = {"action": "delete_selected", "_selected_action": [self.feeder.pk]}
        with translation.override("zh-hans"):
            page = self.client.post(reverse("admin:network_feeder_changelist"), chosen)
        html = page.content.decode()
        self.assertIn(f"<li>{counted(Call, 2)}</li>", html)
        self.assertIn(f"<li>{counted(GridNode, 3)}</li>", html)

    def test_a_row_reached_two_ways_is_counted_once_as_the_collector_would(self) -> None:
        self.assertIn(counted(Call, 1), deletion_reach([self.chief], None).kept_counted)
        for objs in ([self.feeder], [self.fuse], [self.customer], [self.chief], [self.clerk]):
            with self.subTest(objs=objs):
                self.assertEqual(deletion_reach(objs, None).kept_counted, collected(objs))

    def test_another_stations_records_are_neither_named_nor_counted(self) -> None:
        Call.objects.create(
            station=self.station_b, received_at=timezone.now(), customer=self.customer, text="没电"
        )
        self.login(self.admin)
        with translation.override("zh-hans"):
            page = self.client.get(url(self.customer, "delete"))
        self.assertEqual(page.context["perms_lacking"], [zh("records of other stations")])
        self.assertEqual(page.context["protected"], [])
        self.assertNotIn(counted(Call, 3), page.content.decode())
