"""A network file moving a stored element to another feeder takes what is stored below it along
(review46, 3): the households under it are below their new line's devices, and so in every
outage there. No element moves while an outage is open where it is or where it goes; an admin
does not change the feeder of an element with elements below it. A file's customer rows cost
the same few queries however many there are (review46, 13)."""

from __future__ import annotations

import random

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.customers.models import Customer
from powerdesk.lib.csvfile import CsvImportError
from powerdesk.network.importing import network_import, network_import_preview
from powerdesk.network.models import Feeder, GridNode, ImportRun, NodeKind
from powerdesk.network.selectors import subtree_ids
from powerdesk.outages.joined import customers_below
from powerdesk.outages.models import Outage, SignalStream
from tests.base import BaseTestCase, make_user
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


class MoveQueryCountTests(BaseTestCase):
    """A file moving one element or five to another line costs the same queries (review50,
    10): the outages in the way of every move are read at once, and the elements and what they
    carry are written in batches."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        other = Feeder.objects.create(station=cls.station_a, code="DS", name="10kV地索线")
        GridNode.objects.create(
            station=cls.station_a, feeder=other, code="DS-CB", kind=NodeKind.SOURCE
        )
        for i in range(5):
            fuse = GridNode.objects.create(
                station=cls.station_a,
                feeder=cls.feeder,
                code=f"ZM-F{i}",
                kind=NodeKind.FUSE,
                parent=cls.pole,
            )
            GridNode.objects.create(
                station=cls.station_a,
                feeder=cls.feeder,
                code=f"ZM-F{i}-T",
                kind=NodeKind.TRANSFORMER,
                parent=fuse,
            )

    def queries_to_move(self, moved: int, *, store: bool) -> int:
        lines = [f"ZM-F{i},DS-CB,fuse" for i in range(moved)]
        text = "id,parent,kind\n" + "\n".join(lines) + "\n"
        do = network_import if store else network_import_preview
        with CaptureQueriesContext(connection) as queries:
            do(station=self.station_a, stream=upload(text), file_name="m.csv")
        return len(queries)

    def put_back(self) -> None:
        GridNode.objects.filter(code__startswith="ZM-F").update(feeder=self.feeder)
        GridNode.objects.filter(code__regex=r"^ZM-F\d$").update(parent=self.pole)

    def test_the_preview_of_one_move_or_five_costs_the_same(self) -> None:
        self.assertEqual(self.queries_to_move(1, store=False), self.queries_to_move(5, store=False))

    def test_the_import_of_one_move_or_five_costs_the_same(self) -> None:
        # The station's signal stream is stored by its first grid change (get_or_create: 3
        # queries, once a station, not a process's): with it, a first import costs as much as
        # any other (fix53c, 3).
        SignalStream.objects.create(station=self.station_a)
        one = self.queries_to_move(1, store=True)
        self.put_back()
        self.assertEqual(one, self.queries_to_move(5, store=True))
        other_breaker = GridNode.objects.get(code="DS-CB")
        self.assertEqual(
            set(GridNode.objects.filter(parent=other_breaker).values_list("code", flat=True)),
            {f"ZM-F{i}" for i in range(5)},
        )
        self.assertEqual(
            set(GridNode.objects.filter(feeder__code="DS").values_list("code", flat=True)),
            {"DS-CB", *(f"ZM-F{i}" for i in range(5)), *(f"ZM-F{i}-T" for i in range(5))},
        )

    def test_refused_moves_are_each_said_at_their_row(self) -> None:
        for device in ("ZM-F1", "ZM-F3-T"):
            Outage.objects.create(
                station=self.station_a,
                device=GridNode.objects.get(code=device),
                kind=Outage.Kind.UNPLANNED,
                status=Outage.Status.ACTIVE,
                starts_at=timezone.now(),
                customers=0,
            )
        lines = [f"ZM-F{i},DS-CB,fuse" for i in range(5)]
        with self.assertRaises(CsvImportError) as caught:
            network_import(
                station=self.station_a,
                stream=upload("id,parent,kind\n" + "\n".join(lines) + "\n"),
                file_name="m.csv",
            )
        said = [(p.line, p.message.split(" is open")[0]) for p in caught.exception.problems]
        self.assertEqual(
            said,
            [
                (3, "'ZM-F1' cannot be moved while the outage at ZM-F1"),
                (5, "'ZM-F3' cannot be moved while the outage at ZM-F3-T"),
            ],
        )


class AdminFeederChangeTests(BaseTestCase):
    """The admin's change form of an element: its feeder changes only without elements below."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.other_line = Feeder.objects.create(station=cls.station_a, code="DS", name="10kV地索线")
        cls.admin_user = make_user("gl_admin", cls.station_a, Role.ADMIN, is_staff=True)

    def post_feeder(self, node: GridNode, feeder: Feeder) -> object:
        self.login(self.admin_user)
        defects = list(node.defects.all())
        data = {
            "station": node.station_id,
            "feeder": feeder.pk,
            "code": node.code,
            "kind": node.kind,
            "name": node.name,
            "parent": "",
            "line_name": node.line_name,
            "pole_number": node.pole_number,
            "village": node.village_id or "",
            "defects-TOTAL_FORMS": len(defects),
            "defects-INITIAL_FORMS": len(defects),
            "defects-MIN_NUM_FORMS": 0,
            "defects-MAX_NUM_FORMS": 1000,
        }
        for i, defect in enumerate(defects):
            data |= {
                f"defects-{i}-id": defect.pk,
                f"defects-{i}-node": node.pk,
                f"defects-{i}-description": defect.description,
                f"defects-{i}-severity": defect.severity,
                f"defects-{i}-found_on": str(defect.found_on),
                f"defects-{i}-station": defect.station_id,
            }
        return self.client.post(
            reverse("admin:network_gridnode_change", args=[node.pk]), data, follow=False
        )

    def test_an_element_with_elements_below_keeps_its_feeder(self) -> None:
        response = self.post_feeder(self.fuse, self.other_line)
        self.assertEqual(response.status_code, 200)  # the form again, with the error
        self.assertContains(response, "该设备下面还有设备")
        self.fuse.refresh_from_db()
        self.assertEqual(self.fuse.feeder_id, self.feeder.pk)

    def test_an_element_with_nothing_below_may_change_feeder(self) -> None:
        response = self.post_feeder(self.transformer, self.other_line)
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        self.transformer.refresh_from_db()
        self.assertEqual(self.transformer.feeder_id, self.other_line.pk)


class CustomerRowsQueryCountTests(BaseTestCase):
    """Customer rows under a stored 台区: the queries do not grow with the rows (review46, 13)."""

    def queries_for(self, rows: int, first: int) -> int:
        lines = [f"{first + i},ZM-B01-T1,customer,户{first + i},左门" for i in range(rows)]
        text = "id,parent,kind,name,village\n" + "\n".join(lines) + "\n"
        with CaptureQueriesContext(connection) as queries:
            network_import(station=self.station_a, stream=upload(text), file_name="c.csv")
        return len(queries)

    def test_five_and_fifty_rows_cost_the_same(self) -> None:
        SignalStream.objects.create(station=self.station_a)  # as a station's first import does
        one = self.queries_for(1, 800_000)
        five = self.queries_for(5, 900_000)
        fifty = self.queries_for(50, 910_000)
        self.assertEqual((one, five), (fifty, fifty))
        self.assertEqual(
            Customer.objects.filter(transformer=self.transformer, account_number__gte="8").count(),
            56,
        )
