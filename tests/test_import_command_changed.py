"""``powerdesk import_csv`` when the station's data changes while the file is being checked: the
plan made again under the station's lock differs from the summary printed. Nothing is stored,
the command says why and to run it again, and it ends with a non-zero exit code (a script
running it sees the failure)."""

from __future__ import annotations

import contextlib
import io
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest.mock import patch

from django.core.management import CommandError, call_command
from django.db import connections
from django.utils import timezone

from powerdesk.customers.models import Customer, CustomerHistory
from powerdesk.network.importing import network_import
from powerdesk.network.management.commands import import_csv
from powerdesk.network.models import GridNode, ImportRun
from tests.base import BaseTestCase
from tests.network_import_cast import GOOD, _english  # noqa: F401 (_english: autouse)

RENAMED = GOOD.replace("1号重合器", "地索线1号重合器")
CUSTOMERS = "account_number,name,phones,village,group\n{account},新名字,,,\n900100,新户,,,\n"


@contextlib.contextmanager
def csv_file(text: str) -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.csv"
        path.write_text(text, encoding="utf-8")
        yield str(path)


def meanwhile_after(name: str, change: Callable[[], None]) -> Any:
    """The command's preview (``import_csv.<name>``) as it is, then ``change``: what another
    user does while a large file is being checked, before the import takes the lock."""
    real = getattr(import_csv, name)

    def previewed(*args: Any, **kwargs: Any) -> Any:
        plan = real(*args, **kwargs)
        change()
        return plan

    return patch.object(import_csv, name, previewed)


class ImportCommandPlanChangedTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        network_import(station=self.station_a, stream=io.StringIO(GOOD), file_name="first.csv")
        self.runs = ImportRun.objects.count()

    def rename_the_recloser(self) -> None:
        """Another user renames the recloser the file renames too."""
        GridNode.objects.filter(station=self.station_a, code="DS-R1").update(name="重合器甲")

    def test_a_network_changed_meanwhile_stores_nothing_and_says_so(self) -> None:
        out = io.StringIO()
        with (
            csv_file(RENAMED) as path,
            meanwhile_after("network_import_preview", self.rename_the_recloser),
            self.assertRaises(CommandError) as caught,
        ):
            call_command("import_csv", "network", path, "--station", "a", stdout=out)
        self.assertIn("would create 0 and update 1", out.getvalue())  # the summary printed
        said = str(caught.exception)
        self.assertIn("The network changed while the file was being checked", said)
        self.assertIn("nothing was stored", said)
        self.assertIn("Run the command again", said)
        self.assertEqual(GridNode.objects.get(code="DS-R1").name, "重合器甲")
        self.assertEqual(ImportRun.objects.count(), self.runs)

    def test_the_command_line_ends_with_a_non_zero_exit_code(self) -> None:
        err = io.StringIO()
        with (
            csv_file(RENAMED) as path,
            meanwhile_after("network_import_preview", self.rename_the_recloser),
            # (the command line closes the connections at its end: the test's transaction kept)
            patch.object(connections, "close_all"),
            contextlib.redirect_stderr(err),
            contextlib.redirect_stdout(io.StringIO()),
            self.assertRaises(SystemExit) as ended,
        ):
            command = import_csv.Command()
            command.run_from_argv(["powerdesk", "import_csv", "network", path, "--station", "a"])
        self.assertNotEqual(ended.exception.code, 0)
        self.assertIn("The network changed while the file was being checked", err.getvalue())
        self.assertEqual(GridNode.objects.get(code="DS-R1").name, "重合器甲")
        self.assertEqual(ImportRun.objects.count(), self.runs)

    def test_customers_changed_meanwhile_store_nothing_and_say_so(self) -> None:
        old = self.customer.name

        def renamed_elsewhere() -> None:
            """Another clerk renames the customer the file renames too, as the site does."""
            Customer.objects.filter(pk=self.customer.pk).update(name="另一个名字")
            CustomerHistory.objects.create(
                customer=self.customer, at=timezone.now(), by=self.clerk, source="page",
                field="name", old_value=old, new_value="另一个名字",
            )  # fmt: skip

        with (
            csv_file(CUSTOMERS.format(account=self.customer.account_number)) as path,
            meanwhile_after("customer_import_preview", renamed_elsewhere),
            self.assertRaises(CommandError) as caught,
        ):
            call_command("import_csv", "customers", path, "--station", "a", stdout=io.StringIO())
        said = str(caught.exception)
        self.assertIn("The customers changed while the file was being checked", said)
        self.assertIn("nothing was stored", said)
        self.customer.refresh_from_db()
        self.assertEqual(self.customer.name, "另一个名字")
        self.assertFalse(Customer.objects.filter(account_number="900100").exists())
        self.assertEqual(ImportRun.objects.count(), self.runs)
