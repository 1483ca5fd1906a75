"""A network file moving a stored element to another feeder takes what is stored below it along
(review46, 3): the households under it are below their new line's devices, and so in every
outage there. No element moves while an outage is open where it is or where it goes (what moves cost:
test_network_import_move_costs.py; an admin's feeder change: test_node_feeder_change_admin.py)."""

from __future__ import annotations

import random

from django.utils import timezone

from powerdesk.customers.models import Customer
from powerdesk.lib.csvfile import CsvImportError
from powerdesk.network.importing import network_import, network_import_preview
from powerdesk.network.models import Feeder, GridNode, ImportRun, NodeKind
from powerdesk.network.selectors import subtree_ids
from powerdesk.outages.joined import customers_below
from powerdesk.outages.models import Outage
from tests.base import BaseTestCase
from tests.network_import_cast import _english, another_line, upload  # noqa: F401 (_english: autouse)

# The stored fuse ZM-B01-F (with its 台区 ZM-B01-T1 and the customer below) put under the
# breaker of another line, in a file of one row.
MOVE_FUSE = "id,parent,kind\nZM-B01-F,DS-CB,fuse\n"


class MovedToAnotherFeederTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.other_line, cls.other_breaker = another_line(cls.station_a)

    def test_the_fuse_takes_its_transformer_area_and_households_to_the_new_line(self) -> None:
        self.assertNotIn(self.customer, customers_below(self.other_breaker))
        run = network_import(station=self.station_a, stream=upload(MOVE_FUSE), file_name="m.csv")
        self.assertEqual((run.rows_created, run.rows_updated, run.rows_unchanged), (0, 1, 0))
        self.assertIn(self.customer, customers_below(self.other_breaker))
        self.assertNotIn(self.customer, customers_below(self.breaker))
        self.transformer.refresh_from_db()
        self.assertEqual(self.transformer.feeder_id, self.other_line.pk)
        self.assertEqual(
            set(subtree_ids(self.other_breaker)),
            {self.other_breaker.pk, self.fuse.pk, self.transformer.pk},
        )
        # The old line keeps what was not below the fuse.
        self.assertEqual(set(subtree_ids(self.breaker)), {self.breaker.pk, self.pole.pk})
        self.assertEqual(
            run.moves,
            [
                {
                    "code": "ZM-B01-F",
                    "from_parent": "ZM-B01-P02",
                    "to_parent": "DS-CB",
                    "from_feeder": "ZM",
                    "to_feeder": "DS",
                    "elements_below": 1,
                    "households": 1,
                }
            ],
        )

    def test_a_child_given_in_the_file_goes_where_the_file_says(self) -> None:
        text = "id,parent,kind\nZM-B01-F,DS-CB,fuse\nZM-B01-T1,ZM-B01-P02,transformer\n"
        network_import(station=self.station_a, stream=upload(text), file_name="m.csv")
        self.transformer.refresh_from_db()
        self.assertEqual(self.transformer.feeder_id, self.feeder.pk)
        self.assertIn(self.customer, customers_below(self.breaker))
        self.assertNotIn(self.customer, customers_below(self.other_breaker))

    def open_outage_at(self, device: GridNode, status: str = Outage.Status.ACTIVE) -> Outage:
        return Outage.objects.create(
            station=self.station_a,
            device=device,
            kind=Outage.Kind.UNPLANNED,
            status=status,
            starts_at=timezone.now(),
            customers=1,
        )

    def assert_refused_at_its_row(self) -> None:
        with self.assertRaises(CsvImportError) as caught:
            network_import(station=self.station_a, stream=upload(MOVE_FUSE), file_name="m.csv")
        [problem] = caught.exception.problems
        self.assertEqual((problem.line, problem.column), (2, "parent"))
        self.assertIn("cannot be moved while the outage at", problem.message)
        self.fuse.refresh_from_db()
        self.transformer.refresh_from_db()
        self.assertEqual((self.fuse.feeder_id, self.fuse.parent_id), (self.feeder.pk, self.pole.pk))
        self.assertEqual(self.transformer.feeder_id, self.feeder.pk)
        self.assertFalse(ImportRun.objects.exists())

    def test_refused_while_an_outage_is_open_above_its_old_place(self) -> None:
        self.open_outage_at(self.breaker)
        self.assert_refused_at_its_row()

    def test_refused_while_an_outage_is_open_below_it(self) -> None:
        self.open_outage_at(self.transformer, Outage.Status.ANNOUNCED)
        self.assert_refused_at_its_row()

    def test_refused_while_an_outage_is_open_where_it_goes(self) -> None:
        self.open_outage_at(self.other_breaker)
        self.assert_refused_at_its_row()

    def test_an_outage_restored_or_elsewhere_does_not_stop_it(self) -> None:
        self.open_outage_at(self.breaker, Outage.Status.RESTORED)
        elsewhere = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-F9",
            kind=NodeKind.FUSE,
            parent=self.breaker,
        )
        self.open_outage_at(elsewhere)
        network_import(station=self.station_a, stream=upload(MOVE_FUSE), file_name="m.csv")
        self.assertIn(self.customer, customers_below(self.other_breaker))


class CarriedAlongTests(BaseTestCase):
    """A row of the file under a stored element that another row's move carries to a new line
    goes along, with what is below it (review50, 2): each line stays one tree."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.other_line = Feeder.objects.create(station=cls.station_a, code="DS", name="10kV地索线")
        cls.other_breaker = GridNode.objects.create(
            station=cls.station_a, feeder=cls.other_line, code="DS-CB", kind=NodeKind.SOURCE
        )

    def stored(self, code: str, kind: str, parent: GridNode) -> GridNode:
        return GridNode.objects.create(
            station=self.station_a, feeder=self.feeder, code=code, kind=kind, parent=parent
        )

    def household_under(self, transformer: GridNode) -> Customer:
        return Customer.objects.create(
            station=self.station_a, account_number="53250000777", name="李", transformer=transformer
        )

    def assert_on_the_other_line(self, *nodes: GridNode) -> None:
        for node in nodes:
            node.refresh_from_db()
        self.assertEqual([n.feeder_id for n in nodes], [self.other_line.pk] * len(nodes))
        self.assertLessEqual({n.pk for n in nodes}, set(subtree_ids(self.other_breaker)))

    def test_a_row_under_a_carried_element_goes_along(self) -> None:
        # The fuse moved to DS; a 台区 under a stored element below the fuse renamed.
        x = self.stored("ZM-X", NodeKind.NODE, self.fuse)
        t2 = self.stored("ZM-T2", NodeKind.TRANSFORMER, x)
        below_t2 = self.stored("ZM-T2-S", NodeKind.SWITCH, t2)
        household = self.household_under(t2)
        text = "id,parent,kind,name\nZM-B01-F,DS-CB,fuse,\nZM-T2,ZM-X,transformer,新名\n"
        plan = network_import_preview(
            station=self.station_a, stream=upload(text), file_name="m.csv"
        )
        [row] = [r for r in plan.rows if r.code == "ZM-T2"]
        # The preview shows it going to the new line with the rest.
        self.assertIn(("feeder", "ZM", "DS"), [(c.field, c.old, c.new) for c in row.changes])
        network_import(station=self.station_a, stream=upload(text), file_name="m.csv")
        self.assert_on_the_other_line(self.fuse, x, t2, below_t2, self.transformer)
        self.assertIn(household, customers_below(self.other_breaker))
        self.assertNotIn(household, customers_below(self.breaker))

    def test_a_new_row_under_a_carried_element_goes_along(self) -> None:
        text = "id,parent,kind,name\nZM-B01-F,DS-CB,fuse,\nZM-T9,ZM-B01-T1,node,新\n"
        network_import(station=self.station_a, stream=upload(text), file_name="m.csv")
        self.assert_on_the_other_line(GridNode.objects.get(code="ZM-T9"), self.transformer)

    def test_a_row_two_stored_elements_below_a_moved_row_goes_along(self) -> None:
        x = self.stored("ZM-X", NodeKind.NODE, self.fuse)
        y = self.stored("ZM-Y", NodeKind.SWITCH, x)
        t2 = self.stored("ZM-T2", NodeKind.TRANSFORMER, y)
        household = self.household_under(t2)
        text = (
            "id,parent,kind,name\n"
            "ZM-T2,ZM-Y,transformer,新名\n"  # before the row that moves its branch
            "ZM-B01-F,DS-CB,fuse,\n"
            "ZM-T3,ZM-T2,node,新\n"
        )
        network_import(station=self.station_a, stream=upload(text), file_name="m.csv")
        t3 = GridNode.objects.get(code="ZM-T3")
        self.assert_on_the_other_line(self.fuse, x, y, t2, t3)
        self.assertIn(household, customers_below(self.other_breaker))

    def test_a_row_under_a_stored_element_not_carried_stays(self) -> None:
        # The 台区 under the moved fuse is put back on the old line by its own row, and a row
        # below it stays with it.
        t2 = self.stored("ZM-T2", NodeKind.TRANSFORMER, self.transformer)
        text = (
            "id,parent,kind,name\n"
            "ZM-B01-F,DS-CB,fuse,\n"
            "ZM-B01-T1,ZM-B01-P02,transformer,\n"
            "ZM-T2,ZM-B01-T1,transformer,新名\n"
        )
        network_import(station=self.station_a, stream=upload(text), file_name="m.csv")
        for node in (self.transformer, t2):
            node.refresh_from_db()
        self.assertEqual({self.transformer.feeder_id, t2.feeder_id}, {self.feeder.pk})

    def test_after_any_accepted_file_each_element_is_on_its_parents_line(self) -> None:
        """Random small networks of two lines, and random files moving, renaming and adding
        elements: after each import that is accepted, every element's line is its parent's."""
        accepted = 0
        for seed in range(12):
            pick = random.Random(seed)
            codes = self.random_network(pick, f"R{seed}")
            rows = []
            for code in pick.sample(codes[2:], pick.randint(1, 4)):
                parent = pick.choice(codes) if pick.random() < 0.5 else self.parent_code(code)
                rows.append(f"{code},{parent},node,{code}改")
            for n in range(pick.randint(0, 2)):
                rows.append(f"R{seed}-N{n},{pick.choice(codes)},node,新")
            pick.shuffle(rows)
            text = "id,parent,kind,name\n" + "\n".join(rows) + "\n"
            try:
                network_import(station=self.station_a, stream=upload(text), file_name="r.csv")
            except CsvImportError:
                continue  # a cycle: refused, nothing stored
            accepted += 1
            wrong = [
                (n.code, n.feeder.code, n.parent.feeder.code)
                for n in GridNode.objects.filter(
                    station=self.station_a, parent__isnull=False
                ).select_related("feeder", "parent__feeder")
                if n.feeder_id != n.parent.feeder_id
            ]
            self.assertEqual(wrong, [], f"seed {seed}: {text}")
        self.assertGreaterEqual(accepted, 8)

    def random_network(self, pick: random.Random, prefix: str) -> list[str]:
        """Two lines of eight elements each under its source; their codes, sources first."""
        nodes = []
        for line in ("A", "B"):
            feeder = Feeder.objects.create(station=self.station_a, code=f"{prefix}{line}")
            nodes.append(
                GridNode.objects.create(
                    station=self.station_a,
                    feeder=feeder,
                    code=f"{prefix}-{line}0",
                    kind=NodeKind.SOURCE,
                )
            )
        for i in range(16):
            line = nodes[i % 2]
            parent = pick.choice([n for n in nodes if n.feeder_id == line.feeder_id])
            nodes.append(self.stored_on(f"{prefix}-{i + 1}", parent))
        return [n.code for n in nodes]

    def stored_on(self, code: str, parent: GridNode) -> GridNode:
        return GridNode.objects.create(
            station=self.station_a,
            feeder_id=parent.feeder_id,
            code=code,
            kind=NodeKind.NODE,
            parent=parent,
        )

    def parent_code(self, code: str) -> str:
        return GridNode.objects.select_related("parent").get(code=code).parent.code
