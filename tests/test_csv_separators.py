"""A file whose values are separated by semicolons (Excel's "CSV" where a comma is the decimal
mark) or tabs (a "text" export) is read as it is, not told it lacks its columns (probe 36, F12:
"account_number;name" was answered "line 1: missing column(s): account_number, name")."""

from __future__ import annotations

import io

from django.urls import reverse
from django.utils import translation

from powerdesk.customers.importing import customer_import
from powerdesk.customers.models import Customer
from powerdesk.lib.csvfile import CsvImportError, read_csv
from powerdesk.network.importing import network_import
from powerdesk.network.models import GridNode
from tests.base import BaseTestCase
from tests.test_customer_import_page import PreviewDirectoryMixin, csv_file


def stream(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


class SeparatorTests(BaseTestCase):
    def test_semicolons_and_tabs_are_read_as_commas_are(self) -> None:
        for separator in (";", "\t"):
            with self.subTest(repr(separator)):
                text = separator.join(["account_number", "name", "address"]) + "\r\n"
                text += separator.join(["PROBE0011", "钱七", "左门, 5号"]) + "\r\n"
                table = read_csv(stream(text), "sc.csv", ["account_number", "name"])
                self.assertEqual(table.columns, ["account_number", "name", "address"])
                self.assertEqual(
                    table.rows[0].values,
                    {"account_number": "PROBE0011", "name": "钱七", "address": "左门, 5号"},
                )

    def test_a_comma_file_with_a_semicolon_in_a_value_stays_a_comma_file(self) -> None:
        text = 'account_number,name,phones\n900001,赵有福,"0878-7654321;139 0000 1111"\n'
        table = read_csv(stream(text), "c.csv", ["account_number", "name"])
        self.assertEqual(table.rows[0].get("phones"), "0878-7654321;139 0000 1111")

    def test_a_semicolon_file_without_the_columns_is_told_which_are_missing(self) -> None:
        with translation.override("en"), self.assertRaises(CsvImportError) as caught:
            read_csv(stream("account;name\n1;x\n"), "sc.csv", ["account_number", "name"])
        with translation.override("en"):
            self.assertIn("missing column(s): account_number, name", str(caught.exception))

    def test_the_customer_and_network_imports_take_a_semicolon_file(self) -> None:
        customer_import(
            station=self.station_a,
            stream=stream("account_number;name\nPROBE0011;钱七\n"),
            file_name="sc.csv",
        )
        self.assertEqual(Customer.objects.get(account_number="PROBE0011").name, "钱七")
        network_import(
            station=self.station_a,
            stream=stream(
                "id\tparent\tkind\tname\tfeeder\nPX-S\t\tsource\tkg\t10kV测试线\n"
                "PX-T\tPX-S\ttransformer\t测试台区\t\n"
            ),
            file_name="net.txt",
            user=self.chief,
        )
        self.assertEqual(GridNode.objects.get(code="PX-T").parent.code, "PX-S")  # type: ignore[union-attr]


class SeparatorPageTests(PreviewDirectoryMixin, BaseTestCase):
    def test_the_import_page_previews_a_semicolon_file(self) -> None:
        self.login(self.chief)
        answer = self.client.post(
            reverse("network:import"),
            {"kind": "customers", "file": csv_file("account_number;name\nPROBE0011;钱七\n")},
        )
        self.assertEqual(answer.status_code, 200)
        self.assertContains(answer, '<dd id="count-new">1</dd>', html=True)
