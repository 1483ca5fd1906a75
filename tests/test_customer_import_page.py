"""A station's customers imported from the import page: the file checked and previewed, then
stored; a bad file (its encoding, its header, its rows) refused whole with each problem said,
in the reader's language."""

from __future__ import annotations

import io
import tempfile
from html import unescape
from pathlib import Path
from unittest.mock import patch

import pytest
from django.core.management import CommandError, call_command
from django.http import HttpResponse
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from powerdesk.accounts.models import Role
from powerdesk.customers.importing import (
    customer_import,
)
from powerdesk.customers.models import Customer, CustomerHistory
from powerdesk.lib import csvfile
from powerdesk.lib.csvfile import CsvImportError
from powerdesk.network import import_previews
from powerdesk.network.models import ImportRun
from tests.base import BaseTestCase, make_user
from tests.test_customer_import import _english, upload  # noqa: F401 (_english: a fixture)


def csv_file(text: str, name: str = "customers.csv") -> io.BytesIO:
    """An upload for the import page."""
    data = io.BytesIO(text.encode("utf-8"))
    data.name = name
    return data


class PreviewDirectoryMixin:
    """Previews are kept under DATA_DIR: a directory of the test's own."""

    def setUp(self) -> None:
        super().setUp()  # type: ignore[misc]
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)  # type: ignore[attr-defined]
        settings = override_settings(DATA_DIR=Path(folder.name))
        settings.enable()
        self.addCleanup(settings.disable)  # type: ignore[attr-defined]


class ImportPageTests(PreviewDirectoryMixin, BaseTestCase):
    FILE = "account_number,name,medical_need,address\n53250000001,普光荣,0,\n900001,新户,,新地址\n"

    def setUp(self) -> None:
        super().setUp()
        Customer.objects.filter(pk=self.customer.pk).update(medical_need=True)
        self.login(self.chief)

    def upload(self, text: str | None = None) -> HttpResponse:
        return self.client.post(
            reverse("network:import"),
            {"kind": "customers", "file": csv_file(self.FILE if text is None else text)},
        )

    def test_the_page_shows_a_preview_and_stores_nothing_until_confirmed(self) -> None:
        response = self.upload()
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<dd id="count-new">1</dd>', html=True)
        self.assertContains(response, '<dd id="count-changed">1</dd>', html=True)
        self.assertContains(response, '<dd id="count-care">1</dd>', html=True)
        self.assertContains(response, 'id="care-flag-changes"')
        self.assertContains(response, "医疗需要")
        self.assertContains(response, '<span class="badge bad">已清除</span>', html=True)
        self.assertFalse(Customer.objects.filter(account_number="900001").exists())
        self.assertFalse(ImportRun.objects.exists())
        self.customer.refresh_from_db()
        self.assertTrue(self.customer.medical_need)

    def test_confirming_applies_the_preview_once_and_records_the_history(self) -> None:
        token = self.upload().context["token"]
        confirm = reverse("network:import_confirm")
        response = self.client.post(confirm, {"token": token}, follow=True)
        self.assertContains(response, "customers.csv")
        self.customer.refresh_from_db()
        self.assertFalse(self.customer.medical_need)
        self.assertTrue(Customer.objects.filter(account_number="900001").exists())
        again = self.client.post(confirm, {"token": token}, follow=True)
        self.assertContains(again, "预览已不存在")
        self.assertEqual(ImportRun.objects.count(), 1)
        self.assertEqual(CustomerHistory.objects.filter(customer=self.customer).count(), 1)
        page = self.client.get(self.customer.get_absolute_url())
        self.assertContains(page, 'id="customer-history"')
        self.assertContains(page, "导入 customers.csv")
        self.assertContains(page, "<strong>医疗需要</strong>", html=True)

    def test_a_preview_is_only_for_the_user_who_made_it(self) -> None:
        token = self.upload().context["token"]
        admin = make_user("admin_a", self.station_a, Role.ADMIN)
        self.login(admin)
        self.client.post(reverse("network:import_confirm"), {"token": token})
        self.customer.refresh_from_db()
        self.assertTrue(self.customer.medical_need)
        self.assertFalse(ImportRun.objects.exists())

    def test_a_change_since_the_preview_shows_the_new_preview_and_stores_nothing(self) -> None:
        token = self.upload().context["token"]
        Customer.objects.filter(pk=self.customer.pk).update(medical_need=False)
        response = self.client.post(reverse("network:import_confirm"), {"token": token})
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, '<dd id="count-care">0</dd>', html=True, status_code=409)
        self.assertFalse(ImportRun.objects.exists())
        response = self.client.post(
            reverse("network:import_confirm"), {"token": response.context["token"]}
        )
        self.assertEqual(ImportRun.objects.count(), 1)

    def test_a_preview_older_than_an_hour_is_not_applied(self) -> None:
        token = self.upload().context["token"]
        with patch.object(import_previews, "PREVIEW_SECONDS", -1):
            response = self.client.post(
                reverse("network:import_confirm"), {"token": token}, follow=True
            )
        self.assertContains(response, "超过一小时")
        self.assertFalse(ImportRun.objects.exists())

    def test_a_counter_clerk_may_not_confirm(self) -> None:
        token = self.upload().context["token"]
        self.login(self.clerk)
        response = self.client.post(reverse("network:import_confirm"), {"token": token})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ImportRun.objects.exists())


# Each broken file, the problem the user is told, and the same through the page and command.
BAD_FILES = {
    "a 200 KB field": (
        "account_number,name,address\n900001,赵," + "长" * 200_000 + "\n",
        "line 2, column address: 200,000 characters, at most 200 fit here",
    ),
    "an unterminated quote": (
        'account_number,name,address\n900001,"赵四,哔叭村\n900002,钱五,左门\n',
        'line 2: a quote (") opened in this row is never closed',
    ),
    "text after a closing quote": (
        'account_number,name\n900001,"赵"四\n',
        "line 2: text follows a closing quote",
    ),
    "a short row": (
        "account_number,name,address\n900001,赵四,左门\n900002,钱五\n",
        "line 3: 2 values, but the header has 3 columns",
    ),
    "a long row": (
        "account_number,name,address\n900001,赵四,左门,哔叭,5号\n",
        "line 2: 5 values, but the header has 3 columns",
    ),
    "a 500-character name": (
        "account_number,name\n900001," + "名" * 500 + "\n",
        "line 2, column name: 500 characters, at most 60 fit here",
    ),
    "a 31-character account number": (
        "account_number,name\n" + "1" * 31 + ",赵四\n",
        "line 2, column account_number: 31 characters, at most 30 fit here",
    ),
    "a column named twice": (
        "account_number,name,name\n900001,赵四,钱五\n",
        "line 1: column(s) named twice: name",
    ),
    "NUL bytes": ("account_number,name\n900001,赵\x00四\n", "line 2: the file holds NUL bytes"),
}


@pytest.mark.usefixtures("_english")
class BadFilesTests(PreviewDirectoryMixin, BaseTestCase):
    def assert_nothing_stored(self, before: int) -> None:
        self.assertEqual(Customer.objects.count(), before)
        self.assertFalse(ImportRun.objects.exists())
        self.assertFalse(CustomerHistory.objects.exists())
        self.assertFalse(Customer.objects.filter(account_number="900002").exists())

    def test_each_bad_file_is_named_on_the_page_without_a_server_error(self) -> None:
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"
        before = Customer.objects.count()
        for case, (text, message) in BAD_FILES.items():
            with self.subTest(case):
                response = self.client.post(
                    reverse("network:import"), {"kind": "customers", "file": csv_file(text)}
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn(f"customers.csv, {message}", unescape(response.content.decode()))
                self.assertContains(response, 'id="import-problems"')
                self.assert_nothing_stored(before)

    def test_each_bad_file_is_named_by_the_command(self) -> None:
        before = Customer.objects.count()
        for case, (text, message) in BAD_FILES.items():
            with self.subTest(case), tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "customers.csv"
                path.write_text(text, encoding="utf-8")
                with self.assertRaises(CommandError) as caught:
                    call_command("import_csv", "customers", str(path), "--station", "a")
                self.assertIn(f"customers.csv, {message}", str(caught.exception))
                self.assertIn("Nothing was stored", str(caught.exception))
                self.assert_nothing_stored(before)

    def test_a_file_neither_utf8_nor_gbk_is_named_on_the_page(self) -> None:
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"
        data = io.BytesIO(b"account_number,name\n900001,\xff\xfe\n")
        data.name = "latin.csv"
        response = self.client.post(reverse("network:import"), {"kind": "customers", "file": data})
        self.assertContains(response, "latin.csv, line 2: the file is neither UTF-8 nor GBK")
        self.assertFalse(Customer.objects.filter(account_number="900001").exists())

    def test_too_many_rows_or_bytes_are_refused(self) -> None:
        text = "account_number,name\n900001,赵\n900002,钱\n900003,孙\n"
        with patch.object(csvfile, "MAX_ROWS", 2), self.assertRaises(CsvImportError) as caught:
            customer_import(station=self.station_a, stream=upload(text), file_name="c.csv")
        self.assertIn("c.csv, line 4: the file has more than 2 rows", str(caught.exception))
        with (
            patch.object(csvfile, "MAX_FILE_BYTES", 20),
            self.assertRaises(CsvImportError) as caught,
        ):
            customer_import(station=self.station_a, stream=upload(text), file_name="c.csv")
        self.assertIn("c.csv, line 1: the file is larger than", str(caught.exception))
        self.assertFalse(Customer.objects.filter(account_number="900001").exists())

    def test_a_value_over_lines_is_an_error_naming_the_lines(self) -> None:
        text = 'account_number,name,address\n900001,"赵四\n钱五",左门\n'
        with self.assertRaises(CsvImportError) as caught:
            customer_import(
                station=self.station_a, stream=io.BytesIO(text.encode()), file_name="c.csv"
            )
        self.assertIn(
            "c.csv, line 2, column name: the value runs over lines 2-3", str(caught.exception)
        )


class CustomerImportLanguageTests(PreviewDirectoryMixin, BaseTestCase):
    """The customer importer's problems are said in the reader's language, each placed by
    file, line and column (walk29: English problems in the Chinese page)."""

    def test_every_row_problem_is_a_translated_message(self) -> None:
        rows = (
            "900003,,12,,,,T-NONE,maybe,0,0,0,0\n"
            "900004,好人,,,,,,0,0,0,0,0\n"
            "900004,重复,,,,组,,0,0,0,0,0\n"
            ",无号,,,,,,0,0,0,0,0\n"
        )
        with (
            translation.override("zh-hans"),
            patch("powerdesk.customers.importing._", lambda s: f"<{s}>"),
            self.assertRaises(CsvImportError) as caught,
        ):
            customer_import(station=self.station_a, stream=upload(rows), file_name="c.csv")
        messages = [p.message for p in caught.exception.problems]
        self.assertEqual(len(messages), 7, messages)
        for message in messages:
            self.assertTrue(message.startswith("<") and ">" in message, message)
        with (
            patch("powerdesk.customers.importing._", lambda s: f"<{s}>"),
            self.assertRaises(CsvImportError) as caught,
        ):
            customer_import(
                station=self.station_a,
                stream=io.BytesIO(b"account_number,name,customer_type\n1,A,shop\n"),
                file_name="c.csv",
            )
        [problem] = caught.exception.problems
        self.assertTrue(problem.message.startswith("<'shop' is not a customer type"))

    def test_a_file_problem_is_a_translated_message(self) -> None:
        with (
            patch("powerdesk.lib.csvfile._", lambda s: f"<{s}>"),
            self.assertRaises(CsvImportError) as caught,
        ):
            customer_import(
                station=self.station_a,
                stream=io.BytesIO(b"account_number,name\n1,\xff"),
                file_name="c.csv",
            )
        self.assertTrue(caught.exception.problems[0].message.startswith("<the file is neither"))

    def test_the_page_places_each_problem_in_the_reader_s_language(self) -> None:
        self.login(self.chief)
        with patch("django.templatetags.i18n.BlockTranslateNode.render") as render:
            render.return_value = "PLACED"
            response = self.client.post(
                reverse("network:import"),
                {"kind": "customers", "file": csv_file("account_number,name\n1,\n")},
            )
        self.assertContains(response, "<li>PLACED</li>")
        self.assertNotContains(response, "customers.csv, line 2")
