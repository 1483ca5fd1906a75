"""Importing a network from the command line, files broken in every way a user meets, and a
file imported again: each named with its problem, nothing stored from a bad one."""

from __future__ import annotations

import io
import tempfile
from html import unescape
from pathlib import Path

from django.core.management import CommandError, call_command
from django.urls import reverse

from powerdesk.customers.models import Customer, CustomerHistory
from powerdesk.network.importing import network_import
from powerdesk.network.models import Feeder, GridNode, ImportRun
from tests.base import BaseTestCase
from tests.network_import_cast import GOOD, _english, upload  # noqa: F401 (_english: autouse)


class ImportCommandTests(BaseTestCase):
    def test_the_command_imports_a_file(self) -> None:
        import tempfile
        from io import StringIO

        from django.core.management import call_command

        with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8") as f:
            f.write(GOOD)
            f.flush()
            out = StringIO()
            call_command("import_csv", "network", f.name, "--station", "a", stdout=out)
        self.assertIn("6 created, 0 updated, 0 unchanged in", out.getvalue())
        with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8") as f:
            f.write(GOOD)
            f.flush()
            out = StringIO()
            call_command("import_csv", "network", f.name, "--station", "a", stdout=out)
        # The same file again: nothing changed, and the command says how many rows were so.
        self.assertIn("0 created, 0 updated, 6 unchanged in", out.getvalue())
        self.assertEqual(ImportRun.objects.order_by("-pk").first().rows_unchanged, 6)  # type: ignore[union-attr]

    def test_the_command_lists_the_problems_and_stores_nothing(self) -> None:
        import tempfile

        from django.core.management import CommandError, call_command

        with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8") as f:
            f.write("id,parent,kind\nA,B,fuse\n")
            f.flush()
            with self.assertRaises(CommandError) as caught:
                call_command("import_csv", "network", f.name, "--station", "a")
        self.assertIn(
            "line 2, column parent: 'B' is not the id of any element", str(caught.exception)
        )
        self.assertIn("Nothing was stored", str(caught.exception))

    def test_an_unknown_station_is_named(self) -> None:
        from django.core.management import CommandError, call_command

        with self.assertRaises(CommandError) as caught:
            call_command("import_csv", "network", "x.csv", "--station", "nowhere")
        self.assertIn("'nowhere'", str(caught.exception))


HEAD = "id,parent,kind,name,pole_number\n"
# Each broken network file and the problem the user is told.
BAD_NETWORK_FILES = {
    "a 200 KB field": (
        HEAD + "S,,source,出线开关,\nT,S,transformer," + "长" * 200_000 + ",\n",
        "line 3, column name: 200,000 characters, at most 100 fit here",
    ),
    "an unterminated quote": (
        HEAD + 'S,,source,"出线开关,\nT,S,transformer,台区,\n',
        'line 2: a quote (") opened in this row is never closed',
    ),
    "a short row": (
        HEAD + "S,,source,出线开关,\nT,S,transformer\n",
        "line 3: 3 values, but the header has 5 columns",
    ),
    "a long row": (
        HEAD + "S,,source,出线开关,,\n",
        "line 2: 6 values, but the header has 5 columns",
    ),
    "a pole number too long": (
        HEAD + "S,,source,出线开关,\nP,S,node,杆," + "9" * 21 + "\n",
        "line 3, column pole_number: 21 characters, at most 20 fit here",
    ),
    "a customer name too long": (
        HEAD + "S,,source,出线开关,\nC,S,customer," + "名" * 61 + ",\n",
        "line 3, column name: 61 characters, at most 60 fit in a customer's name",
    ),
    "a feeder code too long": (
        HEAD + "S" * 41 + ",,source,出线开关,\n",
        "line 2, column id: 41 characters, at most 40 fit in a line's id",
    ),
}


class BadNetworkFilesTests(BaseTestCase):
    def assert_nothing_stored(self, nodes: int, customers: int) -> None:
        self.assertEqual(GridNode.objects.count(), nodes)
        self.assertEqual(Customer.objects.count(), customers)
        self.assertFalse(Feeder.objects.filter(code__in=["S", "S" * 41]).exists())
        self.assertFalse(ImportRun.objects.exists())

    def test_each_bad_file_is_named_on_the_page_without_a_server_error(self) -> None:
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"
        nodes, customers = GridNode.objects.count(), Customer.objects.count()
        for case, (text, message) in BAD_NETWORK_FILES.items():
            with self.subTest(case):
                data = upload(text)
                data.name = "net.csv"
                response = self.client.post(
                    reverse("network:import"), {"kind": "network", "file": data}
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn(f"net.csv, {message}", unescape(response.content.decode()))
                self.assert_nothing_stored(nodes, customers)

    def test_each_bad_file_is_named_by_the_command(self) -> None:
        nodes, customers = GridNode.objects.count(), Customer.objects.count()
        for case, (text, message) in BAD_NETWORK_FILES.items():
            with self.subTest(case), tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "net.csv"
                path.write_text(text, encoding="utf-8")
                with self.assertRaises(CommandError) as caught:
                    call_command("import_csv", "network", str(path), "--station", "a")
                self.assertIn(f"net.csv, {message}", str(caught.exception))
                self.assert_nothing_stored(nodes, customers)


class NetworkReimportTests(BaseTestCase):
    def test_a_file_without_optional_columns_keeps_what_is_stored(self) -> None:
        network_import(station=self.station_a, stream=upload(GOOD), file_name="net.csv")
        Customer.objects.filter(account_number="C-1").update(has_smart_meter=True)
        bare = "id,parent,kind\nDS-CB,,source\nDS-F1,DS-CB,fuse\nDS-T1,DS-F1,transformer\n"
        network_import(
            station=self.station_a,
            stream=upload(bare + "C-1,DS-T1,customer\n"),
            file_name="bare.csv",
            user=self.chief,
        )
        transformer = GridNode.objects.get(station=self.station_a, code="DS-T1")
        self.assertEqual(
            (transformer.name, transformer.capacity_kva, transformer.lightning_zone),
            ("地索石板台区", 100, True),
        )
        self.assertEqual(transformer.village.name, "地索")  # type: ignore[union-attr]
        customer = Customer.objects.get(station=self.station_a, account_number="C-1")
        self.assertTrue(customer.has_smart_meter)
        self.assertEqual(customer.name, "王德忠")

    def test_a_customer_moved_by_a_network_file_has_it_in_the_history(self) -> None:
        network_import(station=self.station_a, stream=upload(GOOD), file_name="net.csv")
        moved = GOOD + "DS-T2,DS-F1,transformer,新台区,,,,,,,,,\n"
        moved = moved.replace("C-1,DS-T1,customer", "C-1,DS-T2,customer")
        network_import(
            station=self.station_a, stream=upload(moved), file_name="moved.csv", user=self.chief
        )
        customer = Customer.objects.get(station=self.station_a, account_number="C-1")
        self.assertEqual(
            list(
                CustomerHistory.objects.filter(customer=customer).values_list(
                    "field", "old_value", "new_value", "source", "by"
                )
            ),
            [
                ("transformer", "DS-T1", "DS-T2", "import moved.csv", self.chief.pk),
                ("", "", "王德忠", "import net.csv", None),
            ],
        )

    def test_a_dry_run_of_the_command_stores_nothing(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "net.csv"
            path.write_text(GOOD, encoding="utf-8")
            out = io.StringIO()
            call_command(
                "import_csv", "network", str(path), "--station", "a", "--dry-run", stdout=out
            )
        self.assertIn("net.csv: would create 6 and update 0", out.getvalue())
        self.assertIn("Dry run: nothing was stored.", out.getvalue())
        self.assertFalse(GridNode.objects.filter(code="DS-CB").exists())
        self.assertFalse(ImportRun.objects.exists())
