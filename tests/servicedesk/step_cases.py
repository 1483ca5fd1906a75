"""What the tests of a hard problem's steps past their due share (walk74, 3; walk76, 6): the
chief's problem opened on a Monday morning (``START``), a crew member to give its steps to,
each step given then and due some days later; ``LATER``, ten days on, every such step is late."""

from __future__ import annotations

import datetime as dt

import time_machine

from powerdesk.accounts.models import Role, User
from powerdesk.servicedesk.followup import hard_problem_add_step, hard_problem_open
from powerdesk.servicedesk.models import HardProblemStep
from tests.base import BaseTestCase, make_user

START = dt.datetime(2026, 11, 2, 2, 0, tzinfo=dt.UTC)  # Monday 10:00 in Beijing
LATER = START + dt.timedelta(days=10)


class ProblemStepsCase(BaseTestCase):
    """Station A's problem "石板组末端电压偏低", opened by the chief at ``START``; ``crew_member``
    (crew1) to give steps to."""

    def setUp(self) -> None:
        super().setUp()
        self.crew_member = make_user("crew1", self.station_a, Role.CREW, full_name="张建华")
        with time_machine.travel(START, tick=False):
            self.problem = hard_problem_open(
                station=self.station_a, user=self.chief, title="石板组末端电压偏低"
            )

    def step_given(self, title: str, owner: User, *, due_in_days: int) -> HardProblemStep:
        """A step of the problem given by the chief to ``owner`` at ``START``, due that many
        days later."""
        with time_machine.travel(START, tick=False):
            return hard_problem_add_step(
                problem=self.problem,
                user=self.chief,
                title=title,
                owner=owner,
                due_on=(START + dt.timedelta(days=due_in_days)).date(),
            )
