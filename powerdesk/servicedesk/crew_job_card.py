"""A crew's job as its phone's card shows it (``Job``): what is filled in for the card, how it is
said (the villages out, when power is back, who called), and which steps the card offers at each
stage (``STEP_AFTER``; the page's script moves the stage on by the same table: crew.js). Filled in
by ``crew_jobs``."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

from powerdesk.lib.days import day_and_time
from powerdesk.outages.patrol import PATROL_SHOWN
from powerdesk.servicedesk.crew_steps import CrewStep
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.workflow import FIELD_CATEGORIES, danger_only

if TYPE_CHECKING:
    from powerdesk.network.models import GridNode
    from powerdesk.network.stretch import Stretch
    from powerdesk.notifications.restoration import Restoration
    from powerdesk.outages.estimate_moved import EstimateWhy
    from powerdesk.outages.hazards import HazardLine
    from powerdesk.outages.models import FoundPlace, Outage
    from powerdesk.outages.patrol import PatrolStop

__all__ = ["FINDING_STAGES", "OFFICE_STEP_AFTER", "STEP_AFTER", "Job"]

VILLAGES_SHOWN = 4  # an outage's villages named on the card; more are counted


@dataclass
class Job:
    order: WorkOrder
    stage: str  # dispatched, accepted, on_the_way, on_site, cause_found
    outage: Outage | None
    device: GridNode | None
    pole: str
    line: str
    calls: list[Call]
    calls_total: int
    # Households whose calls are joined to the job (one calling twice is one: ``crew_called``),
    # and the first of the calls: an outage's card speaks of the outage, and says whose words
    # and name are the first caller's, not the outage's.
    households_called: int = 0
    first_call: Call | None = None
    households_out: int = 0
    medical: int = 0
    elderly: int = 0
    stretch: Stretch | None = None
    # With no stretch (no household on the grid: a liaison's report), the elements on the line
    # from the order's place to the feeder, offered at the cause's device field (walk71, L7).
    nearby: list[GridNode] = field(default_factory=list)
    map_svg: SafeString = field(default_factory=lambda: mark_safe(""))
    patrol: list[PatrolStop] = field(default_factory=list)  # an outage's places, likeliest first
    typed: dict[str, str] = field(default_factory=dict)  # a refused step's fields, shown again
    # When power should be back: staff's time, else the model's "about" (as households are told).
    restoration: Restoration | None = None
    # Why the time it shows is what it is: the last line that set it (``estimate_moved``).
    back_why: EstimateWhy | None = None
    found: FoundPlace | None = None  # where the crew last said the fault was
    found_label: str = ""
    # The places of the patrol walked with nothing found there (``crew_nothing_found``).
    walked: frozenset[str] = frozenset()
    # Planned work (``outage`` is the planned outage): no patrol, the window and who is told.
    planned: bool = False
    villages: list[tuple[str, int]] = field(default_factory=list)  # (village, households)
    # An outage's villages out (as the board names them), and the groups or villages no road
    # reaches that the crew goes to for it (``walk_in.places_gone_to``: the device's village and
    # the zone where the fault is, as the crew suggestion counts the walk; the order's village
    # is only its first caller's).
    villages_out: list[str] = field(default_factory=list)
    no_road_places: list[str] = field(default_factory=list)
    # What the cause's form fills in (walkthrough 34, 3): the time power is expected back that
    # the crew gave (on arriving) or staff set, as a datetime-local value ("" for none).
    back_given: str = ""
    # An outage's open hazard orders in its area (a line down: ``outages.hazards``), said on the
    # card and above the patrol list so that the crew goes there first.
    hazards: list[HazardLine] = field(default_factory=list)
    # An outage's other orders on the crew's card that are urgent (a repeat call made one so:
    # walk38, 4), each with why in the words of its calls: the card stays on its order and says
    # them, and is due on site by the soonest of its orders' times (``due_order``).
    urgent_others: list[tuple[WorkOrder, str]] = field(default_factory=list)
    # Of them, an outage's own order inside this one (a transformer area's below the fuse),
    # urgent from its start: said as within it, not as turned urgent (walk41, 4).
    within: dict[int, str] = field(default_factory=dict)
    due_order: WorkOrder | None = None
    # Why the job's own order is urgent, as its urgent calls name it (a danger, a medical need:
    # ``urgent_why.orders_calls_codes``, filled in for all the jobs at once by ``crew_jobs``),
    # as codes: the card's badge says them as the order page's heading does (walk40, 4 and 11),
    # its urgent key marks them alike in every language (``urgent_key``).
    calls_codes: list[str] = field(default_factory=list)

    @property
    def urgent(self) -> bool:
        """The job is urgent: its order, or another of the outage's orders it stands for."""
        return bool(self.order.urgent or self.urgent_others)

    @property
    def calls_why(self) -> list[str]:
        """``calls_codes`` in the reader's words, in their order (``urgent_why``)."""
        from powerdesk.servicedesk.urgent_why import reason_words, reasons_in_order

        return [reason_words(code) for code in reasons_in_order(self.calls_codes)]

    @property
    def dispatch(self) -> int:
        """Which sending of its order the card is (``crew_job_orders.dispatch_of``)."""
        from powerdesk.servicedesk.crew_job_orders import dispatch_of

        return dispatch_of(self.order)

    @property
    def urgent_key(self) -> str:
        """What changes when the card turns urgent in place, one more of the outage's orders
        on it does, or its order is given a new urgent reason ("" when it is not urgent): the
        phone announces it (crew.js). "u", then each other urgent order's pk, then "r" and a
        short mark of each reason of its own (walk40, 4: a medical need rung on an outage's
        order born urgent changed nothing). Marked from the reasons' codes, never their words:
        the same in every language, so that switching the phone's language between two
        refreshes announces nothing (the marks of the words did: fix41a's leftover)."""
        if not self.urgent:
            return ""
        others = [str(o.pk) for o, _why in self.urgent_others]
        return ".".join(["u", *others, *self.urgent_marks])

    @property
    def urgent_marks(self) -> dict[str, str]:
        """The marks of ``urgent_key`` of the order's own reasons, each with its words: the
        phone's banner names the new reason alone ("新增紧急情况：2026-02463 放电打火"), not
        every reason of the badge (crew.js)."""
        from powerdesk.servicedesk.urgent_why import reason_words, reasons_in_order

        if not self.urgent:
            return {}
        return {
            f"r{zlib.crc32(code.encode()):08x}": reason_words(code)
            for code in reasons_in_order(self.calls_codes)
        }

    @property
    def urgent_marks_json(self) -> str:
        return json.dumps(self.urgent_marks, ensure_ascii=False)

    @property
    def urgent_why(self) -> str:
        """Why the job is urgent, said with the card's badge as the order page's heading says it
        (``urgent_why.order_urgent_why``): each reason its urgent calls name ("紧急：冒烟",
        "家中有医疗用电需要、…": walk40, 4 and 11), then for an outage's job the outage and its
        households out ("停电（12 户）": walk39, 2); a hazard order with none named by the
        dangers its own words name, else for its category. "" when the order is not urgent
        (another of the outage's orders is: its line says why) or is planned work."""
        from powerdesk.servicedesk.models import Category
        from powerdesk.servicedesk.urgent_why import (
            is_outage_job,
            outage_why,
            own_dangers,
            reason_words,
        )

        order = self.order
        if self.planned or not order.urgent:
            return ""
        # In the order every place says them (``urgent_why.reasons_in_order``: walk41, 10): a
        # medical need, the dangers, then the outage; the outage's job whichever way it became
        # one (opened for it, or a caller's order the crew was sent to: walk41, 1).
        why = list(dict.fromkeys(self.calls_why))
        if self.outage is not None and is_outage_job(order, outage=self.outage):
            why.append(outage_why(self.households_out))
        if not why and order.category == Category.HAZARD:
            # Opened without a call: the dangers its own words name, as its page says them.
            why = [reason_words(c) for c in own_dangers(order.summary, order.description)]
            why = why or [str(order.get_category_display())]
        return pgettext("list separator", ", ").join(why)

    @property
    def due(self) -> WorkOrder:
        """The order whose time to be on site the card says: the soonest of the job's."""
        return self.due_order or self.order

    @property
    def urgent_lines(self) -> list[str]:
        """Each of ``urgent_others`` said: "工单 2026-02464 已转为紧急：家中有医疗用电需要"."""
        from powerdesk.notifications.dispatch_shown import made_urgent_said

        return [
            self.within.get(o.pk) or made_urgent_said(o.number, why)
            for o, why in self.urgent_others
        ]

    @property
    def device_given(self) -> str:
        """The device the card shows for an order's own job, filled into "cause found"'s device
        field (the crew changes it when the fault was elsewhere)."""
        return self.device.code if self.outage is None and self.device is not None else ""

    @property
    def no_road_named_apart(self) -> list[str]:
        """The places no road reaches, to name after the "no road access" badge: none when they
        are the villages out named already ("梅子箐 [不通车] 梅子箐" said one name twice)."""
        if set(self.no_road_places) == set(self.villages_out):
            return []
        return self.no_road_places

    @property
    def villages_words(self) -> str:
        """An outage's villages out: all of them, or the first few and how many in all."""
        villages = self.villages_out
        shown = pgettext("list separator", ", ").join(villages[:VILLAGES_SHOWN])
        if len(villages) <= VILLAGES_SHOWN:
            return shown
        return gettext("%(villages)s, %(n)d villages in all") % {
            "villages": shown,
            "n": len(villages),
        }

    @property
    def back_words(self) -> str:
        """When power should be back, with its day when that is not today ("about 02:25" alone
        read at 23:00 means the night to come; the next day's is "about 12-02 02:25")."""
        told = self.restoration
        if told is None:
            return gettext("not said yet")
        time = day_and_time(told.at)
        return gettext("about %(time)s") % {"time": time} if told.about else time

    @property
    def called_words(self) -> str:
        """How many households called about it, as the calls listed below it are counted
        ("2 户来电，共 3 次"): ``crew_called``."""
        from powerdesk.servicedesk.crew_called import called_words

        return called_words(self.households_called, self.calls_total)

    @property
    def patrol_first(self) -> list[PatrolStop]:
        return self.patrol[:PATROL_SHOWN]

    @property
    def patrol_rest(self) -> list[PatrolStop]:
        return self.patrol[PATROL_SHOWN:]

    @property
    def no_road_access(self) -> bool:
        if self.outage is not None and not self.planned:
            return bool(self.no_road_places)
        order = self.order
        return bool(
            (order.group is not None and order.group.no_road_access)
            or (order.village is not None and order.village.no_road_access)
        )

    @property
    def confirm_words(self) -> str:
        """The box to tick when a device off the order's line is where the fault is."""
        from powerdesk.servicedesk.crew_device_path import confirm_words

        return confirm_words(self.order)

    @property
    def field_work(self) -> bool:
        return self.order.category in FIELD_CATEGORIES

    @property
    def danger_only(self) -> bool:
        """A hazard with no outage (a leaning pole, a line low): a danger, nobody off. Its card
        asks no time power is expected back and no fault inside a customer's house, which fit
        a household or an area without power (walkthrough 46, finding 4); the services refuse
        them (``workflow.danger_only``, the one rule: the card's outage is the order's active
        joined one; planned work is no hazard)."""
        return danger_only(self.order, outage=self.outage)

    @property
    def asks_power_back(self) -> bool:
        """Whether arriving asks when power is expected back: an outage's job (not planned
        work: its window is said), or a fault's; never a danger with nobody off."""
        if self.outage is not None:
            return not self.planned
        return self.field_work and not self.danger_only

    @property
    def finds(self) -> bool:
        """Whether the card offers "found here": on patrol, that is on the way or on site (the
        page's script shows and hides it with the stage, as the steps: crew.js)."""
        if self.planned:
            return False
        return self.stage in FINDING_STAGES and (self.outage is not None or self.field_work)

    @property
    def cause_asked(self) -> bool:
        """Whether the card has the cause's form: an outage's job and other work always; an
        order's own job until its cause is recorded (then the job is resolved without it being
        asked again, the device where it was asked at the resolve form when still missing)."""
        if self.outage is not None or self.planned or not self.field_work:
            return True
        return not (self.order.cause or self.order.cause_kind)

    @property
    def device_asked_at_resolve(self) -> bool:
        """Whether the resolve form asks the device where the fault was: an order's own job
        whose cause was recorded without it (the office's "cause found"), not inside the
        customer's house; while the cause is not recorded, the cause's form asks it."""
        from powerdesk.servicedesk.models.core import CAUSE_IN_HOUSE

        order = self.order
        return (
            not self.cause_asked
            and order.device_found_id is None
            and order.cause_kind != CAUSE_IN_HOUSE
        )

    @property
    def offers(self) -> tuple[str, ...]:
        """The steps whose forms the card shows now (the page's script moves the stage on as
        steps are recorded without signal, by the same table: crew.js)."""
        table = STEP_AFTER if self.field_work else OFFICE_STEP_AFTER
        offers = table.get(self.stage, ())
        if self.before_window:
            offers = tuple(s for s in offers if s != CrewStep.RESTORED)
        return offers

    @property
    def before_window(self) -> bool:
        """Planned work whose power is not off yet: the work is done (and recorded) after."""
        return bool(
            self.planned
            and self.outage is not None
            and self.outage.status == self.outage.Status.ANNOUNCED
        )


# Which steps each stage offers: work on the grid finds a cause before it is restored.
STEP_AFTER: dict[str, tuple[str, ...]] = {
    "dispatched": (CrewStep.ACCEPT, CrewStep.ON_THE_WAY),
    "accepted": (CrewStep.ON_THE_WAY,),
    "on_the_way": (CrewStep.ON_SITE,),
    "on_site": (CrewStep.CAUSE_FOUND, CrewStep.NOTHING_FOUND),
    "cause_found": (CrewStep.RESTORED,),
}
# The stages in which a crew on patrol may say where the fault was.
FINDING_STAGES = ("on_the_way", "on_site", "cause_found")
# Other work a crew is sent to (a meter, a new connection) is done, with a note, once there.
OFFICE_STEP_AFTER = STEP_AFTER | {"on_site": (CrewStep.RESTORED,)}
