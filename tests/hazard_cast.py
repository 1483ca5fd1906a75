"""The cast of the hazard tests (``outages.hazards``): the crews, a dispatcher, a passer-by's
line down at a village group and one in another village, and an outage over the group with its
board row. Set up once per class (each test's changes are rolled back); the board's kept views
are process state, forgotten before each test."""

from __future__ import annotations

from powerdesk.accounts.models import Role
from powerdesk.community.models import Village
from powerdesk.customers.models import Customer
from powerdesk.outages import board_grid, board_html
from powerdesk.outages.board import board_rows
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase, make_user
from tests.servicedesk.crew_cast import add_crews, outage_job

__all__ = ["LINE_DOWN", "HazardCase", "OutageHazardCase"]

LINE_DOWN = "电线断了掉在路上，还在冒火花"


class HazardCase(BaseTestCase):
    # The crews, the outage and the hazards are set up once per class (each test's changes are
    # rolled back); the board's kept views are process state, forgotten before each test.
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        add_crews(cls)
        cls.dispatcher = make_user("dispatch", cls.station_a, Role.DISPATCHER)

    def setUp(self) -> None:
        board_grid.forget()
        board_html.forget()

    @classmethod
    def hazard(cls, *, customer: Customer | None = None, **place: object) -> WorkOrder:
        """A passer-by's danger at a village group (or a household's own), urgent."""
        return work_order_create(
            station=cls.station_a,
            user=cls.clerk,
            category="hazard",
            summary=LINE_DOWN,
            customer=customer,
            **place,  # type: ignore[arg-type]
        )

    @classmethod
    def elsewhere(cls) -> WorkOrder:
        far = Village.objects.create(station=cls.station_a, name="干海")
        return cls.hazard(village=far)


class OutageHazardCase(HazardCase):
    """An outage over the line down (``line_down``), a danger elsewhere (``far``)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.outage, cls.caller_order = outage_job(cls)
        cls.line_down = cls.hazard(village=cls.village, group=cls.group)
        cls.far = cls.elsewhere()

    def row(self) -> object:
        rows = [r for r in board_rows(self.station_a) if r.outage == self.outage]
        self.assertEqual(len(rows), 1)
        return rows[0]
