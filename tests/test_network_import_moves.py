"""A network file moving a stored element to another feeder takes what is stored below it along
(review46, 3): the households under it are below their new line's devices, and so in every
outage there. No element moves while an outage is open where it is or where it goes; an admin
does not change the feeder of an element with elements below it. A file's customer rows cost
the same few queries however many there are (review46, 13)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.customers.models import Customer
from powerdesk.lib.csvfile import CsvImportError
from powerdesk.network.importing import network_import
from powerdesk.network.models import Feeder, GridNode, ImportRun, NodeKind
from powerdesk.network.selectors import subtree_ids
from powerdesk.outages.joined import customers_below
from powerdesk.outages.models import Outage
from tests.base import BaseTestCase, make_user
from tests.network_import_cast import _english, upload  # noqa: F401 (_english: autouse)

# The stored fuse ZM-B01-F (with its 台区 ZM-B01-T1 and the customer below) put under the
# breaker of another line, in a file of one row.
MOVE_FUSE = "id,parent,kind\nZM-B01-F,DS-CB,fuse\n"


class MovedToAnotherFeederTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.other_line = Feeder.objects.create(station=cls.station_a, code="DS", name="10kV地索线")
        cls.other_breaker = GridNode.objects.create(
            station=cls.station_a,
            feeder=cls.other_line,
            code="DS-CB",
            kind=NodeKind.SOURCE,
            name="地索线出线开关",
        )

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
        self.queries_for(1, 800_000)  # a first import reads what later ones find kept
        five = self.queries_for(5, 900_000)
        fifty = self.queries_for(50, 910_000)
        self.assertEqual(five, fifty)
        self.assertEqual(
            Customer.objects.filter(transformer=self.transformer, account_number__gte="8").count(),
            56,
        )
