"""Customer and network files as Excel saves them (walkthrough 31, finding 11): "CSV UTF-8"
(with its BOM), plain UTF-8, and the plain "CSV" of a Chinese Windows (GBK, code page 936),
read as GB18030 when the bytes are not UTF-8; a file that is neither is refused naming it."""

from __future__ import annotations

import io

from django.urls import reverse
from django.utils import translation

from powerdesk.customers.importing import customer_import_preview
from powerdesk.customers.models import Customer
from powerdesk.lib.csvfile import CsvImportError, read_csv
from powerdesk.network.importing import network_import
from powerdesk.network.models import GridNode
from tests.base import BaseTestCase
from tests.test_customer_import_page import PreviewDirectoryMixin

TEXT = "account_number,name,address,customer_type\n900001,赵四,左门村委会哔叭村5号,卫生室\n"


def as_upload(data: bytes, name: str) -> io.BytesIO:
    upload = io.BytesIO(data)
    upload.name = name
    return upload


class ReadCsvTests(BaseTestCase):
    def test_utf8_with_and_without_bom_gbk_and_gb18030_read_alike(self) -> None:
        rare = TEXT.replace("赵四", "赵䶮")  # 䶮: in GB18030, not in GBK
        for label, data, text in (
            ("utf-8", TEXT.encode("utf-8"), TEXT),
            ("utf-8 bom", TEXT.encode("utf-8-sig"), TEXT),
            ("gbk", TEXT.encode("gbk"), TEXT),
            ("gb18030", rare.encode("gb18030"), rare),
        ):
            with self.subTest(label):
                table = read_csv(io.BytesIO(data), "c.csv", ["account_number", "name"])
                self.assertEqual(table.columns[0], "account_number")
                row = table.rows[0]
                self.assertEqual(row.get("name"), text.splitlines()[1].split(",")[1])
                self.assertEqual(row.get("address"), "左门村委会哔叭村5号")

    def test_a_utf8_file_with_a_line_added_in_gbk_keeps_every_name(self) -> None:
        """Review 32, finding 1: decoded whole as GB18030, the UTF-8 names came out garbled
        (张三 as 寮犱笁) and the preview listed them as changes of every customer's name."""
        data = (
            "account_number,name\n1001,张三\n1002,李四\n".encode("utf-8-sig")
            + "1003,王五\n1004,山\n".encode("gbk")  # 山 in GBK is valid UTF-8 (ɽ) by chance
        )
        table = read_csv(io.BytesIO(data), "c.csv", ["account_number", "name"])
        self.assertEqual([r.get("name") for r in table.rows], ["张三", "李四", "王五", "山"])

    def test_gbk_bytes_are_not_utf8(self) -> None:
        # The test file is what it says: GBK bytes that UTF-8 refuses.
        with self.assertRaises(UnicodeDecodeError):
            TEXT.encode("gbk").decode("utf-8")

    def test_a_file_neither_is_refused_naming_the_file_and_line(self) -> None:
        data = "account_number,name\n900001,赵四\n".encode() + b"900002,\x80\xff\n"
        with translation.override("en"), self.assertRaises(CsvImportError) as caught:
            read_csv(io.BytesIO(data), "客户.csv", ["account_number", "name"])
        said = str(caught.exception)
        self.assertIn("客户.csv, line 3", said)
        self.assertIn("neither UTF-8 nor GBK", said)


class ImportedAsExcelSavesThemTests(PreviewDirectoryMixin, BaseTestCase):
    def test_a_gbk_customer_file_is_previewed_and_imported_on_the_page(self) -> None:
        self.login(self.chief)
        page = self.client.post(
            reverse("network:import"),
            {"kind": "customers", "file": as_upload(TEXT.encode("gbk"), "客户.csv")},
        )
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "赵四")
        self.assertContains(page, "左门村委会哔叭村5号")
        self.client.post(reverse("network:import_confirm"), {"token": page.context["token"]})
        customer = Customer.objects.get(account_number="900001")
        self.assertEqual((customer.name, customer.customer_type), ("赵四", "clinic"))

    def test_the_command_s_preview_reads_gbk_too(self) -> None:
        plan = customer_import_preview(
            station=self.station_a, stream=io.BytesIO(TEXT.encode("gbk")), file_name="c.csv"
        )
        self.assertEqual([p.name for p in plan.new], ["赵四"])

    def test_a_gbk_network_file_is_imported(self) -> None:
        text = "id,parent,kind,name\nS,,source,10kV左门线\nF,S,fuse,哔叭支线熔断器\n"
        network_import(
            station=self.station_a, stream=io.BytesIO(text.encode("gbk")), file_name="电网.csv"
        )
        self.assertEqual(
            GridNode.objects.get(station=self.station_a, code="F").name, "哔叭支线熔断器"
        )

    def test_a_file_neither_is_named_on_the_page_and_nothing_stored(self) -> None:
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"
        page = self.client.post(
            reverse("network:import"),
            {"kind": "network", "file": as_upload(b"id,parent,kind\nS,,\xff\xfe\n", "net.csv")},
        )
        self.assertContains(page, "net.csv, line 2: the file is neither UTF-8 nor GBK")
        self.assertFalse(GridNode.objects.filter(code="S", station=self.station_a).exists())
