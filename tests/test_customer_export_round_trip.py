"""The customer list's export imported back as it is (probe73 L8: "missing column(s):
account_number, name"): its headers in the reader's language, its flags said yes/no, its
transformer by name, its phones "、"-separated, a name a spreadsheet would take for a formula
after its apostrophe; nothing changes when nothing was edited, and an edit is taken."""

from __future__ import annotations

import io

from django.conf import settings
from django.urls import reverse

from powerdesk.customers.importing import customer_import, customer_import_preview
from powerdesk.customers.models import Customer
from tests.base import BaseTestCase


class ExportRoundTripTests(BaseTestCase):
    def exported(self, language: str) -> str:
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = self.client.get(
            reverse("accounts:export", kwargs={"name": "customers", "fmt": "csv"}), follow=True
        )
        self.assertEqual(response.status_code, 200)
        return b"".join(response.streaming_content).decode("utf-8")

    def test_the_export_imports_back_unchanged_then_edited(self) -> None:
        Customer.objects.filter(pk=self.customer.pk).update(name="=普光荣")
        self.login(self.clerk)
        for language in ("zh-hans", "en"):
            with self.subTest(language):
                text = self.exported(language)
                plan = customer_import_preview(
                    station=self.station_a,
                    stream=io.BytesIO(text.encode("utf-8")),
                    file_name="customers.csv",
                )
                self.assertEqual(
                    [(p.account_number, p.changes) for p in plan.new + plan.changed], [], text
                )
                run = customer_import(
                    station=self.station_a,
                    stream=io.BytesIO(text.encode("utf-8")),
                    file_name="customers.csv",
                )
                self.assertEqual((run.rows_created, run.rows_updated), (0, 0))
                self.customer.refresh_from_db()
                self.assertEqual(self.customer.name, "=普光荣")
                self.assertEqual(self.customer.transformer, self.transformer)
                self.assertTrue(self.customer.elderly_alone)
                self.assertEqual(self.customer.phones.count(), 2)
        edited = text.replace("左门村委会哔叭村3号", "左门村委会哔叭村5号")
        run = customer_import(
            station=self.station_a, stream=io.BytesIO(edited.encode("utf-8")), file_name="c.csv"
        )
        self.assertEqual(run.rows_updated, 1)
        self.customer.refresh_from_db()
        self.assertEqual(self.customer.address, "左门村委会哔叭村5号")
