"""Who may export a list, of which station, the log of every export, and the columns of a list
written out (continued from ``test_exports``)."""

from __future__ import annotations

import re
from unittest import mock
from urllib.parse import unquote_plus

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import ExportLog
from powerdesk.customers.models import Customer
from powerdesk.lib import exports as lib_exports
from powerdesk.lib.exports import ListExport, exports, field
from tests.base import BaseTestCase

# How to read the rows a page lists from its template context, for each export.
from tests.test_exports import ExportCase


class WhoMayExportTests(ExportCase):
    def test_crews_and_liaisons_may_not_export(self) -> None:
        for user in (self.crew_member, self.liaison_user):
            self.login(user)
            for fmt in ("csv", "xlsx"):
                with self.subTest(user=user.username, fmt=fmt):
                    self.assertEqual(self.export("customers", fmt).status_code, 403)
                    self.assertEqual(self.export("work_orders", fmt).status_code, 403)
        self.assertFalse(ExportLog.objects.exists())

    def test_the_crew_sees_no_export_button_and_the_office_does(self) -> None:
        self.login(self.crew_member)
        self.assertNotContains(self.client.get(reverse("servicedesk:work_orders")), "导出")
        self.login(self.clerk)
        page = self.client.get(
            reverse("servicedesk:work_orders"), {"show": "all", "q": "哔"}, follow=True
        )
        # The page's filters go along; its search stays in the session (lib/search.py).
        self.assertContains(page, "/accounts/export/work_orders.csv?show=all&amp;")
        self.assertNotContains(page, "q=%E5%93%94")

    def test_the_office_exports_only_lists_whose_page_it_opens(self) -> None:
        managers_only = ListExport(
            name="imports", page="network:import", title="x", rows=lambda q: [], columns=[]
        )
        self.login(self.dispatcher)
        with mock.patch.dict(lib_exports._REGISTRY, {"imports": managers_only}):
            self.assertEqual(self.export("imports").status_code, 403)
            self.login(self.chief)
            self.assertEqual(self.export("imports").status_code, 200)
        self.login(self.dispatcher)
        self.assertEqual(self.export("arrears").status_code, 200)  # the arrears page is theirs

    def test_an_unknown_list_or_format_is_not_found(self) -> None:
        self.login(self.chief)
        self.assertEqual(self.export("nothing").status_code, 404)
        self.assertEqual(self.export("customers", "pdf").status_code, 404)


class OtherStationTests(ExportCase):
    def test_no_export_of_a_station_carries_another_station_s_rows(self) -> None:
        self.login(self.chief)
        for name in exports():
            with self.subTest(export=name):
                # The callbacks' file has choices of its own ("all" is refused: probe76, L11).
                show = "month" if name == "outage_callbacks" else "all"
                body = b"".join(self.export(name, show=show).streaming_content).decode()
                self.assertNotIn("栋川秘密", body)
                self.assertNotIn("B-SECRET", body)
        # B's own chief gets B's rows and none of A's.
        self.login(self.outsider)
        body = b"".join(self.export("work_orders", show="all").streaming_content).decode()
        self.assertIn("栋川秘密停电", body)
        self.assertNotIn("哔叭", body)

    def test_another_station_s_village_narrows_a_list_to_nothing(self) -> None:
        self.login(self.chief)
        rows = self.csv_rows(self.export("liaisons", village=str(self.b_village.pk)))
        self.assertEqual(len(rows), 1)
        rows = self.csv_rows(self.export("liaison_activities", village=str(self.b_village.pk)))
        self.assertEqual(len(rows), 1)


class ExportLogTests(ExportCase):
    def test_each_export_is_logged_with_who_when_which_list_filters_and_rows(self) -> None:
        self.login(self.clerk)
        before = timezone.now()
        self.csv_rows(self.export("work_orders", show="all", q="哔叭", page="2"))
        entry = ExportLog.objects.get()
        self.assertEqual(entry.station, self.station_a)
        self.assertEqual(entry.by, self.clerk)
        self.assertGreaterEqual(entry.at, before)
        self.assertEqual((entry.list_name, entry.format, entry.rows), ("work_orders", "csv", 2))
        self.assertEqual(entry.filters, "show=all&q=%E5%93%94%E5%8F%AD")
        self.assertFalse(entry.cut)
        with self.assertRaises(ValueError):
            entry.save()

    def test_a_searched_number_is_in_no_address_and_masked_in_the_log(self) -> None:
        self.login(self.clerk)
        url = reverse("servicedesk:work_orders")
        page = self.client.post(url, {"show": "all", "q": "13812345678"}, follow=True)
        self.assertEqual(page.redirect_chain, [(f"{url}?show=all", 302)])
        body = page.content.decode()
        self.assertIn('value="13812345678"', body)  # the search box still shows it
        links = re.findall(r'href="([^"]*/export/[^"]*)"', body)
        self.assertEqual(len(links), 2)
        for link in links:
            self.assertNotIn("13812345678", link)
            self.assertIn("show=all", link)
        # An old link with the number in it: kept, and sent on without it.
        export = reverse("accounts:export", kwargs={"name": "work_orders", "fmt": "csv"})
        moved = self.client.get(export, {"show": "all", "q": "13812345678"})
        self.assertEqual((moved.status_code, moved["Location"]), (302, f"{export}?show=all"))
        self.csv_rows(self.client.get(links[0].replace("&amp;", "&")))
        entry = ExportLog.objects.get()
        self.assertNotIn("13812345678", entry.filters)
        self.assertEqual(unquote_plus(entry.filters), "show=all&q=***")

    def test_the_chief_and_administrator_read_the_log_of_their_station_only(self) -> None:
        self.login(self.clerk)
        self.export("customers", "xlsx", q="哔叭")
        ExportLog.objects.create(
            station=self.station_b, at=timezone.now(), list_name="secret_b", format="csv", rows=1
        )
        for user in (self.chief, self.admin):
            self.login(user)
            page = self.client.get(reverse("accounts:export_log"))
            self.assertContains(page, "李秀英")
            self.assertContains(page, "用户")  # the list's title
            self.assertContains(page, "q=哔叭")
            self.assertNotContains(page, "secret_b")
        self.login(self.clerk)
        self.assertEqual(self.client.get(reverse("accounts:export_log")).status_code, 403)
        self.login(self.chief)
        self.assertContains(self.client.get(reverse("accounts:staff")), "导出记录")


@override_settings(LANGUAGE_CODE="en")
class ColumnTests(BaseTestCase):
    def test_a_column_follows_relations_and_shows_choices_by_their_label(self) -> None:
        self.assertEqual(field("village__name", "v").value(self.customer), "左门")
        self.assertIsNone(field("transformer__village__name", "v").value(Customer()))
        self.assertEqual(field("village", "v").value(self.customer), "左门")
