"""A network file's kind for an element already stored (fix53c, 1). The engine contract has no
pole: its ``node`` is any point that is not a device, so a file in its format lists a stored pole
as ``node``, and the pole stays a pole. Any other kind a row gives is the element's, shown in the
preview's changed fields; a transformer with households under it keeps its kind while they are
there. The command's dry run makes the preview's plan and writes nothing (fix53c, 2)."""

from __future__ import annotations

import io
import tempfile
from html import unescape
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from powerdesk.customers.models import Customer
from powerdesk.lib.csvfile import CsvImportError
from powerdesk.network.importing import network_import, network_import_preview
from powerdesk.network.models import GridNode, ImportRun, NodeKind
from powerdesk.outages.models import Outage, PredictedOutage
from tests.base import BaseTestCase
from tests.network_import_cast import _english, another_line, upload  # noqa: F401 (_english: autouse)

# The stored line below its breaker as a file in the engine's format: its pole is a ``node``.
AS_THE_ENGINE_WRITES_IT = (
    "id,parent,kind\n"
    "ZM-B01-P02,ZM-CB,node\n"
    "ZM-B01-F,ZM-B01-P02,fuse\n"
    "ZM-B01-T1,ZM-B01-F,transformer\n"
)


class KindOfAStoredElementTests(BaseTestCase):
    def imported(self, text: str) -> ImportRun:
        return network_import(station=self.station_a, stream=upload(text), file_name="k.csv")

    def test_a_node_row_leaves_a_stored_pole_a_pole(self) -> None:
        run = self.imported(AS_THE_ENGINE_WRITES_IT)
        self.pole.refresh_from_db()
        self.assertEqual(self.pole.kind, NodeKind.POLE)
        # The same network: the file changes nothing.
        self.assertEqual((run.rows_created, run.rows_updated, run.rows_unchanged), (0, 0, 3))

    def test_a_new_node_row_is_a_junction(self) -> None:
        self.imported("id,parent,kind\nZM-J1,ZM-CB,node\n")
        self.assertEqual(GridNode.objects.get(code="ZM-J1").kind, NodeKind.NODE)

    def test_a_device_kind_changes_a_pole_and_the_preview_says_so(self) -> None:
        text = "id,parent,kind\nZM-B01-P02,ZM-CB,switch\n"
        plan = network_import_preview(station=self.station_a, stream=upload(text), file_name="k")
        [row] = plan.changed
        self.assertEqual(
            [(c.field, c.old, c.new) for c in row.changes], [("kind", "pole", "switch")]
        )
        self.imported(text)
        self.pole.refresh_from_db()
        self.assertEqual(self.pole.kind, NodeKind.SWITCH)

    def test_a_node_row_for_a_stored_fuse_makes_it_a_junction(self) -> None:
        self.imported("id,parent,kind\nZM-B01-F,ZM-B01-P02,node\n")
        self.fuse.refresh_from_db()
        self.assertEqual(self.fuse.kind, NodeKind.NODE)

    def test_a_transformer_with_households_keeps_its_kind(self) -> None:
        for kind in ("node", "fuse"):
            with self.subTest(kind), self.assertRaises(CsvImportError) as caught:
                self.imported(
                    f"id,parent,kind\nZM-B01-F,ZM-B01-P02,fuse\nZM-B01-T1,ZM-B01-F,{kind}\n"
                )
            [problem] = caught.exception.problems
            self.assertEqual((problem.line, problem.column), (3, "kind"))
            self.assertIn("'ZM-B01-T1' cannot change its kind to", problem.message)
            self.assertIn("1 household is in its transformer area", problem.message)
        self.transformer.refresh_from_db()
        self.assertEqual(self.transformer.kind, NodeKind.TRANSFORMER)
        self.assertFalse(ImportRun.objects.exists())

    def test_a_transformer_whose_households_the_file_moves_may_change_kind(self) -> None:
        self.imported(
            "id,parent,kind\n"
            "ZM-B01-T2,ZM-B01-F,transformer\n"
            "53250000001,ZM-B01-T2,customer\n"
            "ZM-B01-T1,ZM-B01-F,node\n"
        )
        self.transformer.refresh_from_db()
        self.assertEqual(self.transformer.kind, NodeKind.NODE)
        customer = Customer.objects.get(pk=self.customer.pk)
        self.assertEqual(customer.transformer.code, "ZM-B01-T2")  # type: ignore[union-attr]

    def test_no_kind_changes_while_an_outage_is_open_at_the_element(self) -> None:
        outage = Outage.objects.create(
            station=self.station_a,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=timezone.now(),
            customers=1,
        )
        text = "id,parent,kind\nZM-B01-F,ZM-B01-P02,node\n"
        with self.assertRaises(CsvImportError) as caught:
            self.imported(text)
        [problem] = caught.exception.problems
        self.assertEqual((problem.line, problem.column), (2, "kind"))
        self.assertIn("while an outage is open at it", problem.message)
        self.fuse.refresh_from_db()
        self.assertEqual(self.fuse.kind, NodeKind.FUSE)
        # Restored, the same file is taken.
        Outage.objects.filter(pk=outage.pk).update(status=Outage.Status.RESTORED)
        self.imported(text)
        self.fuse.refresh_from_db()
        self.assertEqual(self.fuse.kind, NodeKind.NODE)

    def test_no_kind_changes_while_the_engine_sees_an_outage_at_the_element(self) -> None:
        # review53 #5: predicted (or confirmed), nobody has recorded it yet.
        PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=12,
            confidence=0.6,
        )
        text = "id,parent,kind\nZM-B01-F,ZM-B01-P02,node\n"
        with self.assertRaises(CsvImportError) as caught:
            self.imported(text)
        [problem] = caught.exception.problems
        self.assertEqual((problem.line, problem.column), (2, "kind"))
        self.assertIn("the system sees an outage at it", problem.message)
        self.fuse.refresh_from_db()
        self.assertEqual(self.fuse.kind, NodeKind.FUSE)
        PredictedOutage.objects.all().delete()
        self.imported(text)
        self.fuse.refresh_from_db()
        self.assertEqual(self.fuse.kind, NodeKind.NODE)

    def test_the_preview_page_shows_a_kind_change_by_its_names(self) -> None:
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"
        data = upload("id,parent,kind\nZM-B01-F,ZM-B01-P02,node\nZM-B01-P02,ZM-CB,node\n")
        data.name = "net.csv"
        response = self.client.post(reverse("network:import"), {"kind": "network", "file": data})
        page = unescape(response.content.decode())
        self.assertIn("kind: drop-out fuse → junction", page)
        self.assertNotIn('data-code="ZM-B01-P02"', page)  # the pole: unchanged
        self.fuse.refresh_from_db()
        self.assertEqual(self.fuse.kind, NodeKind.FUSE)


class DryRunTests(BaseTestCase):
    def test_a_dry_run_writes_nothing_and_says_what_the_import_would_do(self) -> None:
        another_line(self.station_a)
        text = (
            "id,parent,kind,name\n"
            "ZM-B01-F,DS-CB,fuse,\n"  # moved, with its 台区 and household
            "ZM-B01-T9,ZM-B01-F,transformer,新台区\n"
            "ZM-B01-P02,ZM-CB,switch,\n"
        )
        nodes = GridNode.objects.count()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "net.csv"
            path.write_text(text, encoding="utf-8")
            out = io.StringIO()
            with CaptureQueriesContext(connection) as queries:
                call_command(
                    "import_csv", "network", str(path), "--station", "a", "--dry-run", stdout=out
                )
        written = [
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE", "SAVEPOINT"}
        ]
        self.assertEqual(written, [])
        self.assertEqual(GridNode.objects.count(), nodes)
        printed = out.getvalue()
        self.assertIn("net.csv: would create 1 and update 2 in", printed)
        self.assertIn("moves ZM-B01-F: from ZM-B01-P02 (10kV左门线) to DS-CB (10kV地索线)", printed)
        self.assertIn("with 1 elements and 1 households below it", printed)
        self.assertIn("changes ZM-B01-P02 (switch), line 4: kind pole -> switch", printed)
        self.assertIn("Dry run: nothing was stored.", printed)


class KindsNamedOnceTests(BaseTestCase):
    def test_each_kind_on_the_import_page_has_its_own_name(self) -> None:
        """``feeder`` is another word for ``source``: the page says so, rather than naming two
        kinds "outlet breaker" alike (walk56 L3)."""
        from django.utils import translation

        from powerdesk.network.import_words import kinds_allowed

        for language in ("zh-hans", "en"):
            with translation.override(language):
                names = [name for _kind, name in kinds_allowed()]
                self.assertEqual(len(names), len(set(names)), names)
                said = dict(kinds_allowed())
                self.assertIn("source", said["feeder"])
                self.assertIn(said["source"], said["feeder"])

    def test_the_page_lists_each_kind_as_an_unknown_kinds_problem_names_it(self) -> None:
        """One wording of the kinds (``KindRow``) for the page's table and the problem (review56
        L7): the page's cells, markup aside, are what the problem says."""
        import re

        from django.utils import translation
        from django.utils.html import strip_tags

        from powerdesk.network.import_words import kinds_allowed

        self.login(self.chief)
        for language in ("zh-hans", "en"):
            self.client.cookies["django_language"] = language
            page = self.client.get(reverse("network:import")).content.decode()
            cells = re.findall(r"<tr><td><code>(\w+)</code></td><td>(.*?)</td></tr>", page)
            with translation.override(language):
                said = kinds_allowed()
            self.assertEqual([(code, unescape(strip_tags(c))) for code, c in cells], said)
            self.assertIn("<code>source</code>", dict(cells)["feeder"])
