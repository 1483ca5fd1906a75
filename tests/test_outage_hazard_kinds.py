"""walk42, 7: every danger in an outage's area was said as "线路断落报告" on the board, the
outages page, the crew's card and patrol list, and the crew was told to keep clear of a wire
down, though the caller said sparks and smoke. Each line says the dangers its calls named, as
its "urgent" badge does, a danger of no named kind as a danger reported; the crew's lead line
says what to keep clear of for those dangers."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override, pgettext

from powerdesk.outages.board import board_rows
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.safety import DANGER_LABELS
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from powerdesk.servicedesk.urgent_why import order_urgent_why
from tests.base import zh
from tests.hazard_cast import HazardCase
from tests.servicedesk.crew_cast import outage_job

SPARKS = "门口电线打火了，在冒烟"
LINE_DOWN_CARE = (
    "A danger is reported in this area: go there first, and keep clear of any wire down."
)


class HazardKindsTests(HazardCase):
    def setUp(self) -> None:
        super().setUp()
        self.outage, _order = outage_job(self)
        self.sparks = self.sparks_called()

    def sparks_called(self) -> WorkOrder:
        """A caller in the outage's area says a wire sparks and smokes at their door."""
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number="13900001111",
            text=SPARKS,
            category="hazard",
            village=self.village,
            group=self.group,
        )
        assert taken.work_order is not None
        return taken.work_order

    def opened_by_hand(self, summary: str) -> WorkOrder:
        """A hazard order staff opened by hand in the outage's area (no call)."""
        return work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="hazard",
            summary=summary,
            village=self.village,
            group=self.group,
        )

    def line_of(self, page: str, key: str, order_id: int) -> str:
        found = re.search(
            rf'data-testid="hazard-{key}-{order_id}">(.*?)</a>', page, flags=re.DOTALL
        )
        assert found is not None, page
        return found.group(1)

    def said_as(self, *codes: str) -> str:
        with override("zh-hans"):
            dangers = pgettext("list separator", ", ").join(zh(c) for c in codes)
        return self.said(self.sparks, dangers)

    def said(self, order: WorkOrder, dangers: str | None) -> str:
        """``order``'s hazard line as the pages say it in Chinese: its ``dangers`` (None: a
        danger of no named kind), its number, place and time."""
        where = {
            "number": order.number,
            "place": "左门 · 哔叭",
            "time": timezone.localtime(order.created_at).strftime("%m-%d %H:%M"),
        }
        if dangers is None:
            return zh("Danger reported: work order %(number)s, %(place)s, %(time)s") % where
        return zh("%(dangers)s reported: work order %(number)s, %(place)s, %(time)s") % {
            "dangers": dangers,
            **where,
        }

    def test_the_line_says_the_dangers_told_as_the_badge_does(self) -> None:
        (row,) = [r for r in board_rows(self.station_a) if r.outage == self.outage]
        (line,) = row.hazards
        self.assertEqual(line.dangers, ("arcing or sparks", "smoke"))
        with override("zh-hans"):
            badge = order_urgent_why(self.sparks)
        for words in (zh("arcing or sparks"), zh("smoke")):
            self.assertIn(words, badge)
        said = self.said_as("arcing or sparks", "smoke")

        self.login(self.chief)
        page = self.client.get(reverse("outages:list")).content.decode()
        self.assertIn(said, self.line_of(page, "list", self.sparks.pk))

        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        self.assertIn(said, self.line_of(page, "job", self.sparks.pk))
        self.assertNotIn("Line down reported", page)
        self.assertNotIn(zh(LINE_DOWN_CARE), page)
        with override("zh-hans"):
            care = zh("A danger is reported in this area: go there first; %(care)s.") % {
                "care": pgettext("list separator", ", ").join(
                    [zh("keep clear of where it sparks"), zh("keep clear of the smoking equipment")]
                )
            }
        self.assertIn(care, page)

        patrol = self.client.get(reverse("outages:patrol", args=[self.outage.pk])).content
        self.assertIn(care, patrol.decode())
        self.assertIn(said, self.line_of(patrol.decode(), "patrol", self.sparks.pk))

    def test_a_danger_of_no_named_kind_is_said_as_a_danger(self) -> None:
        self.sparks.delete()
        unknown = self.opened_by_hand("村口那边有危险，快来看看")
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        self.assertIn(self.said(unknown, None), self.line_of(page, "job", unknown.pk))
        self.assertIn(
            zh(
                "A danger is reported in this area: go there first, and keep clear of it until "
                "it is made safe."
            ),
            page,
        )
        self.assertNotIn(zh(LINE_DOWN_CARE), page)

    def test_its_own_words_say_the_danger_as_a_caller_s_would(self) -> None:
        """fix44a's leftover: a hazard order staff opened by hand (no call) said "险情报告" on
        the board and the crew's card whatever its words named."""
        self.sparks.delete()
        by_hand = self.opened_by_hand("村民来所里说，村口电线断了掉在地上")
        self.assertFalse(by_hand.calls.exists())
        (row,) = [r for r in board_rows(self.station_a) if r.outage == self.outage]
        (line,) = row.hazards
        self.assertEqual(line.dangers, ("line down or low",))
        said = self.said(by_hand, self.label("line down or low"))
        self.login(self.chief)
        page = self.client.get(reverse("outages:list")).content.decode()
        self.assertIn(said, self.line_of(page, "list", by_hand.pk))
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        self.assertIn(said, self.line_of(page, "job", by_hand.pk))
        with override("zh-hans"):
            care = zh("A danger is reported in this area: go there first; %(care)s.") % {
                "care": zh("keep clear of any wire down")
            }
        self.assertIn(care, page)  # 该区域有险情报告：请先去险情处，远离断落导线。
        # Its badge says the same danger (not the category alone), on its page and on the card
        # of the crew it is sent to.
        with override("zh-hans"):
            self.assertEqual(order_urgent_why(by_hand), self.label("line down or low"))
        work_order_dispatch(work_order=by_hand, crew=self.crew, user=self.chief)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        badge = re.search(
            rf'data-order="{by_hand.pk}".*?data-testid="job-urgent">(.*?)<', page, re.S
        )
        assert badge is not None, page
        self.assertIn(self.label("line down or low"), badge.group(1))

    def test_a_drawing_asks_as_often_with_hazard_orders_as_without(self) -> None:
        """fix44a's leftover: a drawing with hazard orders asked once more (for their calls'
        dangers) than one without."""
        self.sparks.delete()
        drawing = self.drawing_queries()
        # A caller's danger, and one opened by hand.
        self.sparks_called()
        self.opened_by_hand("村口电线断了掉在地上")
        with_hazards = self.drawing_queries()
        self.assertEqual(len(with_hazards), len(drawing), "\n".join(with_hazards))
        (row,) = [r for r in board_rows(self.station_a) if r.outage == self.outage]
        self.assertEqual(
            [line.dangers for line in row.hazards],
            [("arcing or sparks", "smoke"), ("line down or low",)],
        )

    def label(self, code: str) -> str:
        with override("zh-hans"):
            return str(DANGER_LABELS[code])  # 导线断落或过低

    def drawing_queries(self) -> list[str]:
        board_rows(self.station_a)  # (the grid read once, kept in this process)
        with CaptureQueriesContext(connection) as queries:
            board_rows(self.station_a)
        return [q["sql"] for q in queries.captured_queries]
