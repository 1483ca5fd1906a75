"""A network file may give kind ``pole`` (walk51, F2): the station stores poles, and the engine
contract's ``node`` is "any other point (pole, junction)", so a ``pole`` row is stored as a pole
and read by the engine as ``node``; a ``node`` row leaves a stored pole a pole (fix53c). The
station's network written as a file and imported again changes nothing. Every problem of a file
is listed at once: an unknown parent is not hidden by a short row elsewhere (walk51, F1)."""

from __future__ import annotations

import io

from django.urls import reverse

from powerdesk.lib.csvfile import CsvImportError
from powerdesk.network.importing import network_import, network_import_preview
from powerdesk.network.models import GridNode, ImportRun, NodeKind
from powerdesk.outages.network_adapter import write_network_csv
from tests.base import BaseTestCase
from tests.network_import_cast import _english, upload  # noqa: F401 (_english: autouse)


class PoleRowTests(BaseTestCase):
    def imported(self, text: str) -> ImportRun:
        return network_import(station=self.station_a, stream=upload(text), file_name="p.csv")

    def test_a_pole_row_adds_a_pole(self) -> None:
        run = self.imported("id,parent,kind,name\nZM-P099X,ZM-B01-P02,pole,测试杆\n")
        pole = GridNode.objects.get(code="ZM-P099X")
        self.assertEqual(
            (pole.kind, pole.name, pole.parent_id), (NodeKind.POLE, "测试杆", self.pole.pk)
        )
        self.assertEqual(run.rows_created, 1)

    def test_a_pole_row_for_a_stored_pole_changes_nothing(self) -> None:
        run = self.imported("id,parent,kind\nZM-B01-P02,ZM-CB,pole\n")
        self.assertEqual((run.rows_created, run.rows_updated, run.rows_unchanged), (0, 0, 1))
        self.pole.refresh_from_db()
        self.assertEqual(self.pole.kind, NodeKind.POLE)

    def test_a_pole_row_makes_a_stored_junction_a_pole_and_the_preview_says_so(self) -> None:
        GridNode.objects.filter(pk=self.pole.pk).update(kind=NodeKind.NODE)
        text = "id,parent,kind\nZM-B01-P02,ZM-CB,pole\n"
        plan = network_import_preview(station=self.station_a, stream=upload(text), file_name="p")
        [row] = plan.changed
        self.assertEqual([(c.field, c.old, c.new) for c in row.changes], [("kind", "node", "pole")])
        self.assertEqual([(c.old_shown, c.new_shown) for c in row.changes], [("junction", "pole")])

    def test_a_pole_is_checked_as_the_engine_reads_it_a_node(self) -> None:
        for text, problem in (
            ("ZM-P1,,pole", "'ZM-P1' has no parent, but only a source"),
            ("ZM-P1,C-1,pole", "customer 'C-1' has elements below it"),
        ):
            with self.subTest(text), self.assertRaises(CsvImportError) as caught:
                self.imported(f"id,parent,kind\nC-1,ZM-B01-T1,customer\n{text}\n")
            self.assertIn(problem, " ".join(str(p) for p in caught.exception.problems))
        self.assertFalse(GridNode.objects.filter(code="ZM-P1").exists())

    def test_the_page_lists_pole_among_the_kinds(self) -> None:
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"
        page = self.client.get(reverse("network:import"))
        self.assertContains(page, "<tr><td><code>pole</code></td><td>pole</td></tr>", html=True)


class RoundTripTests(BaseTestCase):
    def export(self) -> str:
        out = io.StringIO()
        write_network_csv(self.station_a, out)
        return out.getvalue()

    def test_the_stations_network_written_and_imported_again_changes_nothing(self) -> None:
        text = self.export()
        self.assertIn("ZM-B01-P02,ZM-CB,node", text)
        before = list(GridNode.objects.order_by("pk").values_list("code", "kind", "parent_id"))
        run = self.imported(text)
        self.assertEqual((run.rows_created, run.rows_updated), (0, 0))
        after = list(GridNode.objects.order_by("pk").values_list("code", "kind", "parent_id"))
        self.assertEqual(after, before)

    def test_the_same_with_its_poles_written_as_poles(self) -> None:
        text = self.export().replace("ZM-B01-P02,ZM-CB,node", "ZM-B01-P02,ZM-CB,pole")
        run = self.imported(text)
        self.assertEqual((run.rows_created, run.rows_updated), (0, 0))
        self.pole.refresh_from_db()
        self.assertEqual(self.pole.kind, NodeKind.POLE)

    def imported(self, text: str) -> ImportRun:
        return network_import(station=self.station_a, stream=upload(text), file_name="r.csv")


class EveryProblemAtOnceTests(BaseTestCase):
    def problems(self, text: str) -> list[str]:
        with self.assertRaises(CsvImportError) as caught:
            network_import(station=self.station_a, stream=upload(text), file_name="bad.csv")
        return [str(p) for p in caught.exception.problems]

    def test_the_walks_file_lists_its_three_problems(self) -> None:
        found = self.problems(
            "id,parent,kind,name\nX1,NOPE,transformer,a\nX2,ZM-B01-P02,spaceship,b\nX3,ZM-B01-P02\n"
        )
        self.assertEqual(len(found), 3, found)
        self.assertIn("line 2, column parent: 'NOPE' is not the id of any element", found[0])
        self.assertIn("line 3, column kind: unknown kind 'spaceship'", found[1])
        self.assertIn("line 4: 2 values, but the header has 4 columns", found[2])
        self.assertFalse(ImportRun.objects.exists())

    def test_a_row_with_a_bad_kind_still_has_its_parent_checked(self) -> None:
        found = self.problems("id,parent,kind\nX2,NOPE,spaceship\nX3,ZM-CB\n")
        self.assertEqual(len(found), 3, found)
        self.assertIn("line 2, column parent: 'NOPE'", found[0])
        self.assertIn("line 2, column kind: unknown kind 'spaceship'", found[1])
