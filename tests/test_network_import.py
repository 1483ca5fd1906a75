"""Importing a network from CSV: a good file is stored, a bad one names its problems and
stores nothing."""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path
from unittest.mock import patch

from django.urls import reverse
from django.utils import translation

from powerdesk.customers.models import Customer
from powerdesk.lib.csvfile import CsvImportError
from powerdesk.network.importing import network_import
from powerdesk.network.models import Feeder, GridNode, ImportRun, NodeKind
from tests.base import BaseTestCase
from tests.network_import_cast import (  # noqa: F401 (_english: autouse)
    GOOD,
    _english,
    preview_and_confirm,
    upload,
)
from tests.test_customer_import_page import PreviewDirectoryMixin


class NetworkImportTests(PreviewDirectoryMixin, BaseTestCase):
    def test_a_good_file_creates_the_feeder_its_elements_and_customers(self) -> None:
        run = network_import(
            station=self.station_a, stream=upload(GOOD), file_name="net.csv", user=self.chief
        )
        self.assertEqual((run.rows_created, run.rows_updated), (6, 0))
        feeder = Feeder.objects.get(station=self.station_a, code="DS-CB")
        self.assertEqual(feeder.name, "10kV地索线")
        fuse = GridNode.objects.get(station=self.station_a, code="DS-F1")
        self.assertEqual(fuse.parent.code, "DS-R1")  # type: ignore[union-attr]
        self.assertTrue(fuse.lightning_zone)
        self.assertEqual(fuse.village.name, "地索")  # type: ignore[union-attr]
        pole = GridNode.objects.get(code="DS-P01")
        self.assertEqual((pole.kind, pole.install_year), (NodeKind.NODE, 2008))
        customer = Customer.objects.get(station=self.station_a, account_number="C-1")
        self.assertEqual(customer.transformer.code, "DS-T1")  # type: ignore[union-attr]
        self.assertEqual(run.created_by, self.chief)

    def test_importing_the_same_file_again_updates_instead_of_duplicating(self) -> None:
        network_import(station=self.station_a, stream=upload(GOOD), file_name="net.csv")
        changed = GOOD.replace("地索石板台区", "石板新台区")
        run = network_import(station=self.station_a, stream=upload(changed), file_name="net.csv")
        self.assertEqual((run.rows_created, run.rows_updated), (0, 1))
        self.assertEqual(GridNode.objects.get(code="DS-T1").name, "石板新台区")

    def test_the_same_file_again_changes_nothing_and_says_so(self) -> None:
        network_import(station=self.station_a, stream=upload(GOOD), file_name="net.csv")
        run = network_import(station=self.station_a, stream=upload(GOOD), file_name="net.csv")
        self.assertEqual((run.rows_created, run.rows_updated), (0, 0))
        self.assertEqual(run.rows_unchanged, 6)
        # Stored with the run, not only said once: the import page's table and the admin read it.
        self.assertEqual(ImportRun.objects.get(pk=run.pk).rows_unchanged, 6)
        moved = GOOD.replace("DS-F1,DS-R1,fuse", "DS-F1,DS-P01,fuse")
        run = network_import(station=self.station_a, stream=upload(moved), file_name="net.csv")
        self.assertEqual((run.rows_created, run.rows_updated), (0, 1))
        self.assertEqual(GridNode.objects.get(code="DS-F1").parent.code, "DS-P01")  # type: ignore[union-attr]
        self.assertEqual(GridNode.objects.get(code="DS-T1").parent.code, "DS-F1")  # type: ignore[union-attr]

    def test_the_page_says_nothing_changed_for_the_same_file(self) -> None:
        network_import(station=self.station_a, stream=upload(GOOD), file_name="net.csv")
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"
        with translation.override("en"):
            _preview, response = preview_and_confirm(self.client, GOOD)
        self.assertContains(response, "net.csv: nothing changed (6 unchanged).")
        # "Recent imports": the unchanged rows in a column of their own, the first import's 0.
        html = response.content.decode()
        self.assertIn('<th class="num">Unchanged</th>', html)
        cells = re.findall(r'data-testid="import-unchanged">([^<]*)<', html)
        self.assertEqual(cells, ["6", "0"])

    def test_a_new_line_without_a_name_is_refused_at_its_row(self) -> None:
        nameless = "id,parent,kind\nT-SRC,,source\nT-REC,T-SRC,recloser\n"
        with self.assertRaises(CsvImportError) as caught:
            network_import(station=self.station_a, stream=upload(nameless), file_name="g.csv")
        [problem] = caught.exception.problems
        self.assertEqual((problem.line, problem.column), (2, "name"))
        self.assertIn("'T-SRC' starts a new line but has no name", problem.message)
        self.assertFalse(Feeder.objects.filter(code="T-SRC").exists())
        # A line the station has keeps its name: a file of ids alone may update it.
        network_import(station=self.station_a, stream=upload(GOOD), file_name="net.csv")
        ids_only = "id,parent,kind\nDS-CB,,feeder\nDS-R1,DS-CB,recloser\n"
        network_import(station=self.station_a, stream=upload(ids_only), file_name="n.csv")
        self.assertEqual(Feeder.objects.get(code="DS-CB").name, "10kV地索线")
        self.assertEqual(GridNode.objects.get(code="DS-CB").kind, NodeKind.SOURCE)

    def test_the_name_rule_is_the_station_s_not_the_engine_file_contract_s(self) -> None:
        # The contract (engine-contract.md) needs only id, parent and kind: a file written by
        # write_network has no name column, and the contract's reader (``powerdesk predict``)
        # takes it as it is. Only a station's import asks a new line for its name.
        from powerdesk.engine.readwrite.network_csv import load_network_csv
        from powerdesk.engine.simulation.generate import write_network

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "NET.csv"
            write_network(path, 60, seed=3)
            contract = path.read_text(encoding="utf-8")
            self.assertNotIn("name", contract.splitlines()[0].split(","))
            self.assertGreater(len(load_network_csv(path).ids), 60)
        with self.assertRaises(CsvImportError) as caught:
            network_import(station=self.station_a, stream=upload(contract), file_name="NET.csv")
        self.assertTrue(caught.exception.problems)
        self.assertTrue(all(p.column == "name" for p in caught.exception.problems))

    def test_a_file_with_errors_stores_nothing_and_names_each_problem(self) -> None:
        bad = GOOD + "DS-F2,NOPE,fuse,,,,,,abc,,2,1700,\nDS-F1,DS-R1,fuse,,,,,,,,,,\n"
        before = GridNode.objects.count()
        with self.assertRaises(CsvImportError) as caught:
            network_import(station=self.station_a, stream=upload(bad), file_name="net.csv")
        found = [str(p) for p in caught.exception.problems]
        self.assertIn("net.csv, line 8, column x: 'abc' is not a number", found)
        self.assertIn(
            "net.csv, line 8, column install_year: 1700 is not a plausible year (1900-2100)", found
        )
        self.assertIn("net.csv, line 8, column lightning_zone: '2' is not 1 or 0", found)
        self.assertIn(
            "net.csv, line 8, column parent: 'NOPE' is not the id of any element in the file or in the station's network",
            found,
        )
        self.assertIn(
            "net.csv, line 9, column id: the id 'DS-F1' is used twice (first on line 5)", found
        )
        self.assertEqual(GridNode.objects.count(), before)
        self.assertFalse(ImportRun.objects.exists())

    def test_a_missing_required_column_is_named(self) -> None:
        with self.assertRaises(CsvImportError) as caught:
            network_import(
                station=self.station_a, stream=upload("id,kind\nA,source\n"), file_name="net.csv"
            )
        self.assertEqual(
            str(caught.exception.problems[0]),
            "net.csv, line 1: missing column(s): parent "
            "(the first line must name the columns: id,parent,kind)",
        )

    def test_a_file_neither_utf8_nor_gbk_is_refused_with_its_line(self) -> None:
        data = b"id,parent,kind\nS,,source\n" + b"F,S,\xff\xfe\n"
        with self.assertRaises(CsvImportError) as caught:
            network_import(station=self.station_a, stream=io.BytesIO(data), file_name="net.csv")
        self.assertIn("net.csv, line 3", str(caught.exception))
        self.assertIn("neither UTF-8 nor GBK", str(caught.exception))

    def test_a_gbk_file_from_excel_is_read(self) -> None:
        """Excel's plain "CSV" on a Chinese Windows (walkthrough 31, finding 11)."""
        data = "id,parent,kind,name\nS,,source,10kV左门线\nF,S,fuse,哔叭支线熔断器\n"
        network_import(
            station=self.station_a, stream=io.BytesIO(data.encode("gbk")), file_name="net.csv"
        )
        self.assertEqual(
            GridNode.objects.get(station=self.station_a, code="F").name, "哔叭支线熔断器"
        )

    def test_an_unknown_kind_lists_the_kinds_with_their_names(self) -> None:
        bad = "id,parent,kind,name\nS,,source,10kV线\nF,S,breaker,\n"
        with self.assertRaises(CsvImportError) as caught:
            network_import(station=self.station_a, stream=upload(bad), file_name="n.csv")
        [problem] = caught.exception.problems
        self.assertEqual((problem.line, problem.column), (3, "kind"))
        self.assertIn("unknown kind 'breaker'; the kinds are: customer (customer)", problem.message)
        self.assertIn("fuse (drop-out fuse)", problem.message)
        self.assertIn("feeder (the same as source: outlet breaker)", problem.message)

    def test_the_problems_are_said_in_the_users_language(self) -> None:
        bad = "id,parent,kind,name\nS,,source,10kV线\nF,NOPE,breaker,\n"
        with (
            translation.override("zh-hans"),
            self.assertRaises(CsvImportError) as caught,
            patch("powerdesk.network.import_words._", lambda s: f"<{s}>"),
        ):
            network_import(station=self.station_a, stream=upload(bad), file_name="n.csv")
        messages = [p.message for p in caught.exception.problems]
        # A line's problems in the order of its columns: parent, then kind.
        self.assertTrue(messages[0].startswith("<'NOPE' is not the id"), messages)
        self.assertTrue(messages[1].startswith("<unknown kind 'breaker'; the kinds"), messages)

    def test_the_page_lists_the_kinds_and_columns_and_places_each_problem(self) -> None:
        self.login(self.chief)
        response = self.client.get(reverse("network:import"))
        self.assertContains(response, 'id="network-columns"')
        self.assertContains(
            response, "<td><code>feeder</code></td><td>同 <code>source</code>：出线开关</td>"
        )
        self.assertContains(response, "<td><code>transformer</code></td>")
        self.assertContains(response, "lightning_zone")
        bad = io.BytesIO(b"id,parent,kind\nA,B,fuse\n")
        bad.name = "bad.csv"
        with patch("django.templatetags.i18n.BlockTranslateNode.render") as render:
            render.return_value = "PLACED"
            response = self.client.post(reverse("network:import"), {"kind": "network", "file": bad})
        self.assertContains(response, "<li>PLACED</li>")

    def test_excel_bom_is_accepted(self) -> None:
        network_import(station=self.station_a, stream=upload("\ufeff" + GOOD), file_name="n.csv")
        self.assertTrue(GridNode.objects.filter(code="DS-CB").exists())

    def test_the_import_page_lists_problems_and_keeps_existing_data(self) -> None:
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"
        bad = io.BytesIO(b"id,parent,kind\nA,B,fuse\n")
        bad.name = "bad.csv"
        response = self.client.post(reverse("network:import"), {"kind": "network", "file": bad})
        self.assertContains(response, "bad.csv, line 2, column parent: &#x27;B&#x27; is not the id")
        self.assertTrue(GridNode.objects.filter(pk=self.fuse.pk).exists())

    def test_the_import_page_imports_a_good_file(self) -> None:
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"
        _preview, response = preview_and_confirm(self.client, GOOD)
        self.assertContains(response, "net.csv")
        self.assertTrue(GridNode.objects.filter(station=self.station_a, code="DS-T1").exists())

    def test_a_counter_clerk_may_not_import(self) -> None:
        self.login(self.clerk)
        self.assertEqual(self.client.get(reverse("network:import")).status_code, 403)
