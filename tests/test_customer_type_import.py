"""A customer's type (clinic or hospital, drinking-water pump, school, important, household)
comes in with the customer file, by its value or its Chinese name, and goes into the history."""

from __future__ import annotations

import io

from django.utils import translation

from powerdesk.customers.importing import customer_import, customer_import_preview
from powerdesk.customers.models import Customer, CustomerHistory, CustomerType
from powerdesk.lib.csvfile import CsvImportError
from tests.base import BaseTestCase


def csv(text: str) -> io.BytesIO:
    return io.BytesIO(("account_number,name,customer_type\n" + text).encode("utf-8"))


class CustomerTypeImportTests(BaseTestCase):
    def test_types_are_read_by_value_or_chinese_name_and_recorded(self) -> None:
        customer_import(
            station=self.station_a,
            stream=csv(
                "900001,左门卫生室,卫生室\n900002,哔叭人饮泵站,water_pump\n"
                "900003,左门小学,学校\n900004,张三,\n53250000001,普光荣,重要用户\n"
            ),
            file_name="types.csv",
            user=self.chief,
        )
        types = dict(Customer.objects.values_list("account_number", "customer_type"))
        self.assertEqual(
            types,
            {
                "900001": CustomerType.CLINIC,
                "900002": CustomerType.WATER_PUMP,
                "900003": CustomerType.SCHOOL,
                "900004": CustomerType.HOUSEHOLD,
                "53250000001": CustomerType.IMPORTANT,
            },
        )
        change = CustomerHistory.objects.get(customer=self.customer, field="customer_type")
        self.assertEqual((change.old_value, change.new_value), ("household", "important"))

    def test_an_unknown_type_is_named_with_its_line_and_nothing_is_stored(self) -> None:
        with self.assertRaises(CsvImportError) as caught:
            customer_import(
                station=self.station_a, stream=csv("900001,某厂,工厂\n"), file_name="bad.csv"
            )
        said = str(caught.exception)
        self.assertIn("bad.csv", said)
        self.assertIn("customer_type", said)
        # The station's language (zh-hans): the value, and the types that are allowed.
        self.assertIn("“工厂”不是用户类型", said)
        self.assertIn("clinic (诊所/医院)", said)
        self.assertFalse(Customer.objects.filter(account_number="900001").exists())


class CustomerTypePreviewTests(BaseTestCase):
    def test_the_preview_names_the_type_not_its_code(self) -> None:
        """Walkthrough 31, finding 12: the preview said "用户类型：clinic"."""
        plan = customer_import_preview(
            station=self.station_a, stream=csv("900001,左门卫生室,卫生室\n"), file_name="t.csv"
        )
        (change,) = [c for p in plan.new for c in p.changes if c.field == "customer_type"]
        with translation.override("zh-hans"):
            self.assertEqual(change.new_display, "诊所/医院")
            self.assertEqual(change.new_display, str(CustomerType.CLINIC.label))
