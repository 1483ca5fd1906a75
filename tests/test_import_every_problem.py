"""A customer or network file lists every problem it has on its first upload, each placed by
file, line and column: a short row or a value too long no longer hides the problems of the
values in the other rows (walkthrough 32, finding 6: an unknown customer type on line 2 was
said only once the file had no name too long and no short row)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from html import unescape
from unittest.mock import patch

import pytest
from django.urls import reverse
from django.utils import translation

from powerdesk.customers.importing import customer_import, customer_import_preview
from powerdesk.customers.models import Customer, CustomerHistory
from powerdesk.lib import csvfile
from powerdesk.lib.csvfile import CsvImportError, read_csv
from powerdesk.network.importing import network_import
from powerdesk.network.models import GridNode, ImportRun
from tests.base import BaseTestCase

# The walkthrough's cust_bad.csv: an unknown type (line 3), a 120-character name (line 4) and a
# row of 2 values (line 5).
WALK_FILE = (
    "account_number,name,phones,village,customer_type\n"
    "53259990101,走查丙,13900005555,左门,居民\n"
    "53259990102,走查丁,13900006666,左门,养殖场\n"
    "53259990103," + "张" * 120 + ",13900007777,左门,居民\n"
    "53259990104,走查戊\n"
)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The problems are read in English (the msgids); the page is asked in English."""
    with translation.override("en"):
        yield


def upload(text: str, name: str = "c.csv") -> io.BytesIO:
    data = io.BytesIO(text.encode("utf-8"))
    data.name = name
    return data


def problems_of(call: object) -> list[str]:
    assert callable(call)
    with pytest.raises(CsvImportError) as caught:
        call()
    return [str(p) for p in caught.value.problems]


class CustomerFileTests(BaseTestCase):
    def assert_nothing_stored(self, before: int) -> None:
        self.assertEqual(Customer.objects.count(), before)
        self.assertFalse(ImportRun.objects.exists())
        self.assertFalse(CustomerHistory.objects.exists())

    def test_the_walkthrough_file_lists_its_three_problems_at_once(self) -> None:
        before = Customer.objects.count()
        found = problems_of(
            lambda: customer_import(
                station=self.station_a, stream=upload(WALK_FILE), file_name="c.csv"
            )
        )
        self.assertEqual(len(found), 3, found)
        self.assertTrue(
            found[0].startswith(
                "c.csv, line 3, column customer_type: '养殖场' is not a customer type"
            ),
            found,
        )
        self.assertEqual(
            found[1], "c.csv, line 4, column name: 120 characters, at most 60 fit here"
        )
        self.assertEqual(
            found[2],
            "c.csv, line 5: 2 values, but the header has 5 columns (a comma too many or too few?)",
        )
        self.assert_nothing_stored(before)

    def test_the_preview_lists_them_too(self) -> None:
        found = problems_of(
            lambda: customer_import_preview(
                station=self.station_a, stream=upload(WALK_FILE), file_name="c.csv"
            )
        )
        self.assertEqual(
            [f.split(":")[0] for f in found],
            [
                "c.csv, line 3, column customer_type",
                "c.csv, line 4, column name",
                "c.csv, line 5",
            ],
        )

    def test_the_page_lists_every_problem_on_the_first_upload(self) -> None:
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"
        before = Customer.objects.count()
        response = self.client.post(
            reverse("network:import"),
            {"kind": "customers", "file": upload(WALK_FILE, "cust_bad.csv")},
        )
        page = unescape(response.content.decode())
        self.assertIn("3 problems; nothing was stored", page)
        self.assertIn(
            "cust_bad.csv, line 3, column customer_type: '养殖场' is not a customer type", page
        )
        self.assertIn("cust_bad.csv, line 4, column name: 120 characters", page)
        self.assertIn("cust_bad.csv, line 5: 2 values, but the header has 5 columns", page)
        self.assert_nothing_stored(before)

    def test_a_value_too_long_is_refused_once_not_again_for_what_it_says(self) -> None:
        found = problems_of(
            lambda: customer_import(
                station=self.station_a,
                stream=upload("account_number,name,transformer\n900001,赵四," + "T" * 80 + "\n"),
                file_name="c.csv",
            )
        )
        self.assertEqual(len(found), 1, found)
        self.assertIn("line 2, column transformer: 80 characters", found[0])

    def test_the_rows_before_a_quote_left_open_are_checked(self) -> None:
        text = 'account_number,name,customer_type\n900001,赵四,工厂\n900002,"钱五,居民\n900003,孙六,居民\n'
        found = problems_of(
            lambda: customer_import(station=self.station_a, stream=upload(text), file_name="c.csv")
        )
        self.assertEqual(len(found), 2, found)
        self.assertIn("line 2, column customer_type: '工厂' is not a customer type", found[0])
        self.assertIn('line 3: a quote (") opened in this row is never closed', found[1])

    def test_the_list_stops_at_its_bound_with_the_first_lines(self) -> None:
        rows = "".join(f"90000{i},赵{i},工厂\n" for i in range(4)) + "900009,短\n"
        with patch.object(csvfile, "MAX_PROBLEMS", 3):
            found = problems_of(
                lambda: customer_import(
                    station=self.station_a,
                    stream=upload("account_number,name,customer_type\n" + rows),
                    file_name="c.csv",
                )
            )
        self.assertEqual(len(found), 4, found)
        self.assertEqual([f.split(",")[1] for f in found[:3]], [" line 2", " line 3", " line 4"])
        self.assertEqual(found[3], "c.csv, line 4: too many problems: correct these first")

    def test_read_csv_still_raises_by_default(self) -> None:
        text = "account_number,name\n900001\n"
        with pytest.raises(CsvImportError):
            read_csv(upload(text), "c.csv", ["account_number", "name"])
        table = read_csv(upload(text), "c.csv", ["account_number", "name"], keep_going=True)
        self.assertEqual((table.rows, table.complete, len(table.problems)), ([], False, 1))


NETWORK_HEADER = "id,parent,kind,name,feeder,x,install_year\n"


class NetworkFileTests(BaseTestCase):
    def test_a_short_row_and_a_long_value_do_not_hide_the_rows_problems(self) -> None:
        text = (
            NETWORK_HEADER
            + "W-CB,,source,出线开关,10kV走查线,,\n"
            + "W-P1,W-CB,node,1号杆,,东经,\n"  # x is not a number
            + "W-P2,W-P1,node,"
            + "杆" * 200
            + ",,,2008\n"  # name too long
            + "W-P3,W-P2,node\n"  # short row
            + "W-T1,W-P2,transformer,台区,,,1850\n"  # not a plausible year
        )
        found = problems_of(
            lambda: network_import(station=self.station_a, stream=upload(text), file_name="n.csv")
        )
        self.assertEqual(
            [f.split(":")[0] for f in found],
            [
                "n.csv, line 3, column x",
                "n.csv, line 4, column name",
                "n.csv, line 5",
                "n.csv, line 6, column install_year",
            ],
        )
        self.assertFalse(GridNode.objects.filter(code__startswith="W-").exists())

    def test_a_parent_in_a_row_left_out_is_not_called_unknown(self) -> None:
        text = (
            NETWORK_HEADER
            + "W-CB,,source,出线开关,10kV走查线,,\n"
            + "W-P1,W-CB,node,1号杆,,,,extra\n"  # a value too many: left out
            + "W-T1,W-P1,transformer,台区,,,\n"
            + "W-T2,W-NONE,transformer,台区,,,\n"
        )
        found = problems_of(
            lambda: network_import(station=self.station_a, stream=upload(text), file_name="n.csv")
        )
        # W-P1 is in the row left out: not called unknown; W-NONE is in no row: said at once
        # (walk51, F1).
        self.assertEqual(len(found), 2, found)
        self.assertIn("line 3: 8 values, but the header has 7 columns", found[0])
        self.assertIn("line 5, column parent: 'W-NONE' is not the id of any element", found[1])
        # After a quote left open, what follows is not known: no parent is called unknown.
        opened = (
            NETWORK_HEADER
            + "W-CB,,source,出线开关,10kV走查线,,\n"
            + "W-T2,W-NONE,transformer,台区,,,\n"
            + 'W-P1,W-CB,node,"1号杆,,,\nW-NONE,W-CB,node,,,,\n'
        )
        found = problems_of(
            lambda: network_import(station=self.station_a, stream=upload(opened), file_name="n.csv")
        )
        self.assertFalse([f for f in found if "is not the id of any element" in f], found)
        # With every row read, an unknown parent is said as before.
        complete = text.replace(",,,,extra\n", ",,,\n")
        found = problems_of(
            lambda: network_import(
                station=self.station_a, stream=upload(complete), file_name="n.csv"
            )
        )
        self.assertEqual(len(found), 1, found)
        self.assertIn("line 5, column parent: 'W-NONE' is not the id of any element", found[0])
