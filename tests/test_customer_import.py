"""Importing customers from CSV."""

from __future__ import annotations

import io

from powerdesk.community.models import VillageGroup
from powerdesk.customers.importing import customer_import
from powerdesk.customers.models import Customer
from powerdesk.lib.csvfile import CsvImportError
from tests.base import BaseTestCase

HEADER = "account_number,name,phones,address,village,group,transformer,elderly_alone,hardship,medical_need,important,smart_meter\n"


def upload(text: str) -> io.BytesIO:
    return io.BytesIO((HEADER + text).encode("utf-8"))


class CustomerImportTests(BaseTestCase):
    def test_a_good_file_creates_customers_with_normalised_phones(self) -> None:
        run = customer_import(
            station=self.station_a,
            stream=upload(
                "900001,赵有福,0878-7654321;139 0000 1111,左门哔叭村5号,左门,哔叭,ZM-B01-T1,是,0,0,0,1\n"
                "900002,左门小学,(0878)5550000,,左门,新组,,0,0,0,1,1\n"
            ),
            file_name="customers.csv",
        )
        self.assertEqual(run.rows_created, 2)
        zhao = Customer.objects.get(account_number="900001")
        self.assertEqual(
            sorted(zhao.phones.values_list("number", flat=True)),
            ["+8613900001111", "+868787654321"],
        )
        self.assertTrue(zhao.elderly_alone and zhao.has_smart_meter)
        self.assertEqual(zhao.transformer, self.transformer)
        self.assertEqual(zhao.group, self.group)
        self.assertTrue(VillageGroup.objects.filter(village=self.village, name="新组").exists())

    def test_an_existing_account_is_updated_and_keeps_its_phones(self) -> None:
        customer_import(
            station=self.station_a,
            stream=upload("53250000001,普光荣,0878-1111111,新地址,左门,哔叭,,0,0,0,0,0\n"),
            file_name="c.csv",
        )
        self.customer.refresh_from_db()
        self.assertEqual(self.customer.address, "新地址")
        self.assertEqual(self.customer.phones.count(), 3)

    def test_bad_rows_are_all_reported_and_nothing_is_stored(self) -> None:
        before = Customer.objects.count()
        with self.assertRaises(CsvImportError) as caught:
            customer_import(
                station=self.station_a,
                stream=upload(
                    "900003,,12,,,,T-NONE,maybe,0,0,0,0\n"
                    "900004,好人,,,,,,0,0,0,0,0\n"
                    "900004,重复,,,,组,,0,0,0,0,0\n"
                ),
                file_name="c.csv",
            )
        found = [str(p) for p in caught.exception.problems]
        self.assertIn("c.csv, line 2, column name: the name is empty", found)
        self.assertIn("c.csv, line 2, column phones: '12' has the wrong number of digits", found)
        self.assertIn("c.csv, line 2, column elderly_alone: 'maybe' is not 1 or 0", found)
        self.assertIn(
            "c.csv, line 2, column transformer: 'T-NONE' is not a transformer of this station "
            "(import the network first)",
            found,
        )
        self.assertIn(
            "c.csv, line 4, column account_number: account number '900004' appears twice "
            "(first on line 3)",
            found,
        )
        self.assertIn("c.csv, line 4, column village: a group needs its village", found)
        self.assertEqual(Customer.objects.count(), before)

    def test_a_transformer_of_another_station_is_not_accepted(self) -> None:
        with self.assertRaises(CsvImportError):
            customer_import(
                station=self.station_b,
                stream=upload("1,某人,,,,,ZM-B01-T1,0,0,0,0,0\n"),
                file_name="c.csv",
            )
