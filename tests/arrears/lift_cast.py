"""What the tests of the station chief's lift share: a case blocked by the words of its check
(dialysis named), the chief's finding, and that finding recorded by the service, the page or the
API; the words they name, in one place.

The clock runs as it does at a station: the clerk records the words at ``START``, the chief
visits the household after them (``VISITED``) and records the finding after the visit
(``LIFTED``); whatever happens later (new words, a call, an approval) is at ``LATER`` or after.
A visit before the words did not see them, and lifts nothing (walk73b, 1; review73, M3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine

from powerdesk.accounts.models import Role
from powerdesk.arrears.blocks import block_of
from powerdesk.arrears.lift import block_lift
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import household_record, liaison_contact, notice_record
from tests.arrears.api_cast import URL, ArrearsApiCase
from tests.arrears.cast import START
from tests.base import make_user

# The words: of the household check (each names a medical machine or treatment, so it blocks),
# the liaison's, and one that names nothing.
DIALYSIS = "尿毒症，每周去县医院透析"
OXYGEN = "老人在家吸氧，家里有制氧机"
OXYGEN_LIAISON = "村小组长说老人用制氧机"
VENTILATOR = "户主来说老伴晚上要用呼吸机"
RANG_VENTILATOR = "老伴晚上睡觉要用呼吸机，千万不要停我家的电"  # a call's note
# A liaison's later account naming a machine the first words did not.
MOTHER_OXYGEN = "村小组长说户主母亲刚出院，家里有人用制氧机"
PASSED_ON = "村小组长已转告"
CLEAR = "户主外出打工，家里平时没人住"

VISITED = START + dt.timedelta(hours=1)
LIFTED = START + dt.timedelta(hours=2)
LATER = START + dt.timedelta(hours=3)
FINDING = {
    "visited_by": "杨所长、村小组长",
    "visited_at": VISITED,
    "found": "户主每周二、五由儿子送县医院透析，家中无透析机、无制氧机，白天老两口在地里",
    "no_life_support": True,
}


class LiftCast(ArrearsApiCase):
    """A case blocked by its words, and the chief's finding recorded by the service, the page or
    the API (at ``LIFTED`` unless ``at`` is given)."""

    def setUp(self) -> None:
        super().setUp()
        self.admin = make_user("adm", self.station_a, Role.ADMIN, full_name="管理员")

    def seen(self, situation: str = DIALYSIS, *, liaison: str = PASSED_ON) -> ArrearsCase:
        """A case of ``household`` (no care flag): the notice, the liaison's words
        ``liaison`` and the household seen with ``situation``, by the clerk at ``START``."""
        with time_machine.travel(START, tick=False):
            case = self.open_case()
            notice_record(case=case, user=self.clerk, method="door")
            liaison_contact(case=case, user=self.clerk, outcome=liaison)
            return household_record(case=case, user=self.clerk, situation=situation)

    def blocked(self, situation: str = DIALYSIS, *, liaison: str = PASSED_ON) -> ArrearsCase:
        """A case seen with words that block it (``seen``)."""
        case = self.seen(situation, liaison=liaison)
        self.assertEqual(case.check_result, ArrearsCase.Check.BLOCK)
        return case

    def lifted(self, situation: str = OXYGEN, **finding: Any) -> ArrearsCase:
        """A case blocked by ``situation`` (oxygen; the liaison names it too), the block
        lifted by the chief's finding."""
        case = self.lift(self.blocked(situation, liaison=OXYGEN_LIAISON), **finding)
        self.assertEqual(block_of(case), "")
        return case

    def lift(
        self, case: ArrearsCase, user: Any = None, *, at: dt.datetime = LIFTED, **changed: Any
    ) -> ArrearsCase:
        with time_machine.travel(at, tick=False):
            return block_lift(case=case, user=user or self.chief, **{**FINDING, **changed})

    def lift_posted(self, case: ArrearsCase, *, at: dt.datetime = LIFTED, **changed: Any) -> Any:
        body = {"step": "lift", **FINDING, **changed}
        body["visited_at"] = (
            f"{body['visited_at'].astimezone(dt.timezone(dt.timedelta(hours=8))):%Y-%m-%dT%H:%M}"
        )
        body["no_life_support"] = "1" if body["no_life_support"] else ""
        with time_machine.travel(at, tick=False):
            return self.client.post(case.get_absolute_url(), body)

    def api_lift(self, case: ArrearsCase, *, at: dt.datetime = LIFTED, **changed: Any) -> Any:
        body = {**FINDING, **changed}
        body["visited_at"] = body["visited_at"].isoformat()
        with time_machine.travel(at, tick=False):
            return self.post(f"{URL}/{case.pk}/lift", body)
