"""A customer import's plan is made before the station's write lock is taken (on SQLite that lock
stops every write of every station), and made again under it only if what it read changed."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any
from unittest.mock import patch

from django.utils import timezone

from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers import importing
from powerdesk.customers.import_stamp import import_stamp
from powerdesk.customers.importing import (
    ImportPlanChanged,
    customer_import,
    customer_import_preview,
)
from powerdesk.customers.models import Customer, CustomerHistory, CustomerPhone
from powerdesk.network.models import GridNode, NodeKind
from tests.base import BaseTestCase

HEADER = "account_number,name,phones,village,group\n"


def upload(text: str) -> io.BytesIO:
    return io.BytesIO((HEADER + text).encode("utf-8"))


class ImportPlannedOutsideTheLockTests(BaseTestCase):
    def _counting_plans(self, meanwhile: Callable[[], None] | None = None) -> list[Any]:
        """Patch the planner to count its runs; ``meanwhile`` runs after the first plan, as
        another clerk's change would while a large file is being checked."""
        plans: list[Any] = []
        real = importing._plan

        def counted(*args: Any, **kwargs: Any) -> Any:
            plan = real(*args, **kwargs)
            plans.append(plan)
            if len(plans) == 1 and meanwhile is not None:
                meanwhile()
            return plan

        patcher = patch.object(importing, "_plan", counted)
        patcher.start()
        self.addCleanup(patcher.stop)
        return plans

    def _rename(self, name: str) -> None:
        """The customer renamed elsewhere, with its history line, as the site does."""
        old = self.customer.name
        Customer.objects.filter(pk=self.customer.pk).update(name=name)
        CustomerHistory.objects.create(
            customer=self.customer,
            at=timezone.now(),
            by=self.clerk,
            source="page",
            field="name",
            old_value=old,
            new_value=name,
        )

    def test_nothing_changed_meanwhile_plans_once_and_applies(self) -> None:
        plans = self._counting_plans()
        file = (
            f"{self.customer.account_number},新名字,13900001111,左门,一组\n900100,新户,,左门,一组\n"
        )
        preview = customer_import_preview(
            station=self.station_a, stream=upload(file), file_name="c.csv"
        )
        plans.clear()
        run = customer_import(
            station=self.station_a,
            stream=upload(file),
            file_name="c.csv",
            user=self.chief,
            expected_fingerprint=preview.fingerprint,
        )
        self.assertEqual(len(plans), 1)
        self.assertEqual((run.rows_created, run.rows_updated), (1, 1))
        self.customer.refresh_from_db()
        self.assertEqual(self.customer.name, "新名字")
        self.assertTrue(
            CustomerPhone.objects.filter(customer=self.customer, number="+8613900001111").exists()
        )
        new = Customer.objects.get(station=self.station_a, account_number="900100")
        self.assertEqual(new.village.name, "左门")
        self.assertEqual(CustomerHistory.objects.filter(customer=new).count(), 1)

    def test_a_change_while_planning_is_seen_under_the_lock_and_nothing_is_stored(self) -> None:
        file = f"{self.customer.account_number},新名字,,,\n900100,新户,,,\n"
        preview = customer_import_preview(
            station=self.station_a, stream=upload(file), file_name="c.csv"
        )
        plans = self._counting_plans(meanwhile=lambda: self._rename("另一个名字"))
        with self.assertRaises(ImportPlanChanged) as caught:
            customer_import(
                station=self.station_a,
                stream=upload(file),
                file_name="c.csv",
                user=self.chief,
                expected_fingerprint=preview.fingerprint,
            )
        self.assertEqual(len(plans), 2)
        # The new plan says what the file would now change: from the other clerk's name.
        (change,) = [c for p in caught.exception.plan.changed for c in p.changes]
        self.assertEqual((change.old, change.new), ("另一个名字", "新名字"))
        self.customer.refresh_from_db()
        self.assertEqual(self.customer.name, "另一个名字")
        self.assertFalse(Customer.objects.filter(account_number="900100").exists())

    def test_without_a_preview_a_change_meanwhile_is_planned_again_and_recorded_right(
        self,
    ) -> None:
        plans = self._counting_plans(meanwhile=lambda: self._rename("另一个名字"))
        customer_import(
            station=self.station_a,
            stream=upload(f"{self.customer.account_number},新名字,,,\n"),
            file_name="c.csv",
            user=self.chief,
        )
        self.assertEqual(len(plans), 2)
        line = CustomerHistory.objects.filter(customer=self.customer, source="import c.csv").get()
        self.assertEqual((line.old_value, line.new_value), ("另一个名字", "新名字"))

    def test_the_stamp_changes_with_everything_a_plan_reads(self) -> None:
        changes: dict[str, Callable[[], object]] = {
            "a customer renamed": lambda: self._rename("改名"),
            "a customer added": lambda: Customer.objects.create(
                station=self.station_a, account_number="900200", name="新户"
            ),
            "a phone learnt": lambda: CustomerPhone.objects.create(
                customer=self.customer, number="+8613900002222"
            ),
            "a village renamed": lambda: Village.objects.filter(pk=self.village.pk).update(
                name="改名村"
            ),
            "a group added": lambda: VillageGroup.objects.create(
                station=self.station_a,
                village=Village.objects.filter(station=self.station_a).first(),
                name="新组",
            ),
            "a transformer added": lambda: GridNode.objects.create(
                station=self.station_a,
                code="NEW-T1",
                kind=NodeKind.TRANSFORMER,
                feeder=self.transformer.feeder,
            ),
        }
        for what, change in changes.items():
            with self.subTest(what):
                before = import_stamp(self.station_a)
                change()
                self.assertNotEqual(import_stamp(self.station_a), before)

    def test_another_station_s_changes_leave_the_stamp_alone(self) -> None:
        before = import_stamp(self.station_a)
        Customer.objects.create(station=self.station_b, account_number="900300", name="别所")
        self.assertEqual(import_stamp(self.station_a), before)

    def test_a_phone_of_another_station_is_no_warning_and_of_this_one_is(self) -> None:
        other = Customer.objects.create(
            station=self.station_b, account_number="900400", name="别所"
        )
        CustomerPhone.objects.create(customer=other, number="+8613900003333")
        plan = customer_import_preview(
            station=self.station_a,
            stream=upload("900500,新户,13900003333,,\n900501,邻居,13812345678,,\n"),
            file_name="c.csv",
        )
        self.assertEqual(
            [(w.code, w.line) for w in plan.warnings if w.code == "phone_taken"],
            [("phone_taken", 3)],
        )
