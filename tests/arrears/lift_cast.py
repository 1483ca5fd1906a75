"""What the tests of the station chief's lift share: a case blocked by the words of its check
(dialysis named), the chief's finding, and that finding recorded by the service, the page or the
API, at ``START``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine

from powerdesk.accounts.models import Role
from powerdesk.arrears.lift import block_lift
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import household_record, liaison_contact, notice_record
from tests.arrears.api_cast import URL, ArrearsApiCase
from tests.arrears.cast import START
from tests.base import make_user

DIALYSIS = "尿毒症，每周去县医院透析"
VISITED = START - dt.timedelta(hours=1)
FINDING = {
    "visited_by": "杨所长、村小组长",
    "visited_at": VISITED,
    "found": "户主每周二、五由儿子送县医院透析，家中无透析机、无制氧机，白天老两口在地里",
    "no_life_support": True,
}


class LiftCast(ArrearsApiCase):
    """A case blocked by its words, and the chief's finding recorded by the service, the page or
    the API."""

    def setUp(self) -> None:
        super().setUp()
        self.admin = make_user("adm", self.station_a, Role.ADMIN, full_name="管理员")

    def blocked(self, situation: str = DIALYSIS, *, liaison: str = "村小组长已转告") -> ArrearsCase:
        """A case of ``household`` (no care flag) seen with ``situation``, at ``START``."""
        with time_machine.travel(START, tick=False):
            case = self.open_case()
            notice_record(case=case, user=self.clerk, method="door")
            liaison_contact(case=case, user=self.clerk, outcome=liaison)
            case = household_record(case=case, user=self.clerk, situation=situation)
        self.assertEqual(case.check_result, ArrearsCase.Check.BLOCK)
        return case

    def lift(self, case: ArrearsCase, user: Any = None, **changed: Any) -> ArrearsCase:
        with time_machine.travel(START, tick=False):
            return block_lift(case=case, user=user or self.chief, **{**FINDING, **changed})

    def lift_posted(self, case: ArrearsCase, **changed: Any) -> Any:
        body = {"step": "lift", **FINDING, **changed}
        body["visited_at"] = (
            f"{body['visited_at'].astimezone(dt.timezone(dt.timedelta(hours=8))):%Y-%m-%dT%H:%M}"
        )
        body["no_life_support"] = "1" if body["no_life_support"] else ""
        with time_machine.travel(START, tick=False):
            return self.client.post(case.get_absolute_url(), body)

    def api_lift(self, case: ArrearsCase, **changed: Any) -> Any:
        body = {**FINDING, **changed}
        body["visited_at"] = body["visited_at"].isoformat()
        with time_machine.travel(START, tick=False):
            return self.post(f"{URL}/{case.pk}/lift", body)
