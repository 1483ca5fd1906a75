"""Importing customers from CSV."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from powerdesk.accounts.permissions import NotAllowed
from powerdesk.community.models import VillageGroup
from powerdesk.customers.importing import (
    CustomerImportPlan,
    ImportPlanChanged,
    customer_import,
    customer_import_preview,
)
from powerdesk.customers.models import Customer, CustomerHistory
from powerdesk.lib.csvfile import CsvImportError
from powerdesk.network.models import ImportRun
from tests.base import BaseTestCase

HEADER = "account_number,name,phones,address,village,group,transformer,elderly_alone,hardship,medical_need,important,smart_meter\n"


@pytest.fixture
def _english() -> Iterator[None]:
    """The tests of problems read them in English (the msgids); a page is asked in English."""
    with translation.override("en"):
        yield


def upload(text: str) -> io.BytesIO:
    return io.BytesIO((HEADER + text).encode("utf-8"))


@pytest.mark.usefixtures("_english")
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
        self.assertIn(
            "c.csv, line 2, column phones: '12' is not a telephone number that can be dialled "
            "(too few or too many digits?)",
            found,
        )
        self.assertIn(
            "c.csv, line 2, column elderly_alone: 'maybe' is not 1 or 0 (or 是, 否)", found
        )
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


class ReimportKeepsWhatTheFileDoesNotSayTests(BaseTestCase):
    """A re-import changes only the columns the file has (issue 11, C)."""

    def setUp(self) -> None:
        Customer.objects.filter(pk=self.customer.pk).update(medical_need=True, has_smart_meter=True)

    def test_a_file_with_only_account_number_and_name_keeps_everything_else(self) -> None:
        customer_import(
            station=self.station_a,
            stream=io.BytesIO("account_number,name\n53250000001,普光荣\n".encode()),
            file_name="names.csv",
        )
        self.customer.refresh_from_db()
        self.assertEqual(self.customer.address, "左门村委会哔叭村3号")
        self.assertEqual(
            (self.customer.village, self.customer.group, self.customer.transformer),
            (self.village, self.group, self.transformer),
        )
        self.assertTrue(self.customer.has_smart_meter)
        self.assertTrue(self.customer.medical_need)
        self.assertTrue(self.customer.elderly_alone)
        self.assertEqual(self.customer.phones.count(), 2)

    def test_empty_cells_leave_values_as_they_are(self) -> None:
        customer_import(
            station=self.station_a,
            stream=upload("53250000001,普光荣,,,,,,,,,,\n"),
            file_name="c.csv",
        )
        self.customer.refresh_from_db()
        self.assertEqual(self.customer.address, "左门村委会哔叭村3号")
        self.assertEqual(self.customer.transformer, self.transformer)
        self.assertTrue(self.customer.medical_need and self.customer.elderly_alone)
        self.assertTrue(self.customer.has_smart_meter)

    def test_an_explicit_0_or_否_clears_a_flag_and_the_change_is_in_the_history(self) -> None:
        customer_import(
            station=self.station_a,
            stream=io.BytesIO(
                "account_number,name,medical_need,elderly_alone\n53250000001,普光荣,否,0\n".encode()
            ),
            file_name="care.csv",
            user=self.chief,
        )
        self.customer.refresh_from_db()
        self.assertFalse(self.customer.medical_need or self.customer.elderly_alone)
        rows = CustomerHistory.objects.filter(customer=self.customer)
        self.assertEqual(
            sorted(rows.values_list("field", "old_value", "new_value", "source", "by")),
            [
                ("elderly_alone", "1", "0", "import care.csv", self.chief.pk),
                ("medical_need", "1", "0", "import care.csv", self.chief.pk),
            ],
        )

    def test_moving_to_another_village_without_a_group_leaves_the_old_group(self) -> None:
        customer_import(
            station=self.station_a,
            stream=io.BytesIO("account_number,name,village\n53250000001,普光荣,新村\n".encode()),
            file_name="c.csv",
        )
        self.customer.refresh_from_db()
        self.assertEqual(self.customer.village.name, "新村")  # type: ignore[union-attr]
        self.assertIsNone(self.customer.group)

    def test_a_group_alone_is_taken_in_the_customers_village(self) -> None:
        customer_import(
            station=self.station_a,
            stream=io.BytesIO("account_number,name,group\n53250000001,普光荣,新组\n".encode()),
            file_name="c.csv",
        )
        self.customer.refresh_from_db()
        self.assertEqual(
            (self.customer.village, self.customer.group.name),  # type: ignore[union-attr]
            (self.village, "新组"),
        )


class PreviewTests(BaseTestCase):
    FILE = (
        "account_number,name,address,medical_need,phones\n"
        "53250000001,普光荣,左门村委会哔叭村3号,0,0878-7777777\n"  # medical need cleared, a phone
        "53250000002,李四,左门村,,\n"  # unchanged
        "900001,新户,新地址,1,\n"  # new, with medical need
    )

    def setUp(self) -> None:
        Customer.objects.filter(pk=self.customer.pk).update(medical_need=True)
        Customer.objects.create(
            station=self.station_a, account_number="53250000002", name="李四", address="左门村"
        )

    def preview(self) -> CustomerImportPlan:
        return customer_import_preview(
            station=self.station_a, stream=io.BytesIO(self.FILE.encode()), file_name="c.csv"
        )

    def test_the_preview_is_refused_to_a_user_who_may_not_import(self) -> None:
        # review53 #4: the service checks the role itself, not trusting the view.
        for user in (self.clerk, self.outsider):
            with self.assertRaises(NotAllowed):
                customer_import_preview(
                    station=self.station_a,
                    stream=io.BytesIO(self.FILE.encode()),
                    file_name="c.csv",
                    user=user,
                )
        plan = customer_import_preview(
            station=self.station_a,
            stream=io.BytesIO(self.FILE.encode()),
            file_name="c.csv",
            user=self.chief,
        )
        self.assertEqual(len(plan.new), 1)

    def test_the_preview_counts_new_changed_and_unchanged_and_stores_nothing(self) -> None:
        plan = self.preview()
        self.assertEqual((len(plan.new), len(plan.changed), plan.unchanged), (1, 1, 1))
        self.assertEqual(
            [(c.field, c.old, c.new) for c in plan.changed[0].changes],
            [("medical_need", "1", "0"), ("phones", "", "+868787777777")],
        )
        self.assertFalse(Customer.objects.filter(account_number="900001").exists())
        self.assertFalse(CustomerHistory.objects.exists())
        self.customer.refresh_from_db()
        self.assertTrue(self.customer.medical_need)

    def test_every_care_flag_change_is_listed_the_cleared_medical_need_first(self) -> None:
        care = self.preview().care_flag_changes
        self.assertEqual(
            [(p.account_number, c.field, c.new, c.clears) for p, c in care],
            [("53250000001", "medical_need", "0", True), ("900001", "medical_need", "1", False)],
        )

    def test_the_import_applies_only_what_was_previewed(self) -> None:
        plan = self.preview()
        Customer.objects.filter(account_number="53250000002").update(address="别处")
        with self.assertRaises(ImportPlanChanged) as caught:
            customer_import(
                station=self.station_a,
                stream=io.BytesIO(self.FILE.encode()),
                file_name="c.csv",
                expected_fingerprint=plan.fingerprint,
            )
        self.assertEqual(len(caught.exception.plan.changed), 2)
        self.assertFalse(Customer.objects.filter(account_number="900001").exists())
        run = customer_import(
            station=self.station_a,
            stream=io.BytesIO(self.FILE.encode()),
            file_name="c.csv",
            expected_fingerprint=caught.exception.plan.fingerprint,
        )
        self.assertEqual((run.rows_created, run.rows_updated), (1, 2))
        self.assertEqual(
            set(CustomerHistory.objects.values_list("customer__account_number", "field")),
            {
                ("53250000001", "medical_need"),
                ("53250000001", "phones"),
                ("53250000002", "address"),
                ("900001", ""),
            },
        )


class ImportCustomersCommandTests(BaseTestCase):
    FILE = "account_number,name,medical_need\n53250000001,普光荣,0\n900001,新户,\n"

    def setUp(self) -> None:
        Customer.objects.filter(pk=self.customer.pk).update(medical_need=True)

    def run_command(self, *extra: str) -> str:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "care.csv"
            path.write_text(self.FILE, encoding="utf-8")
            out = io.StringIO()
            call_command("import_csv", "customers", str(path), "--station", "a", *extra, stdout=out)
        return out.getvalue()

    def test_a_dry_run_prints_the_summary_and_stores_nothing(self) -> None:
        out = self.run_command("--dry-run")
        self.assertIn("care.csv: 1 new, 1 changed, 0 unchanged.", out)
        self.assertIn("53250000001 普光荣: medical_need 1 -> 0  <-- CLEARED", out)
        self.assertIn("Dry run: nothing was stored.", out)
        self.customer.refresh_from_db()
        self.assertTrue(self.customer.medical_need)
        self.assertFalse(ImportRun.objects.exists())

    def test_without_dry_run_it_applies_and_prints_the_summary(self) -> None:
        out = self.run_command()
        self.assertIn("care.csv: 1 new, 1 changed, 0 unchanged.", out)
        self.assertIn("care.csv: 1 created, 1 updated, 0 unchanged in", out)
        self.assertEqual(ImportRun.objects.get().rows_unchanged, 0)
        self.customer.refresh_from_db()
        self.assertFalse(self.customer.medical_need)
        self.assertTrue(
            CustomerHistory.objects.filter(
                customer=self.customer, field="medical_need", source="import care.csv"
            ).exists()
        )
