"""The time power is expected back, given on arriving and sent again unchanged with the cause
(the cause's form fills it in: walkthrough 34, 3) is one line of the order's history, not two
(walk71, L8: "预计复电：12-07 13:00" twice); a time changed at the cause is written."""

from __future__ import annotations

from powerdesk.servicedesk.crew_steps import crew_step_take
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, plain_job
from tests.servicedesk.test_danger_only_refused import back_in


class BackGivenOnceTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.order = plain_job(self)
        crew_step_take(work_order=self.order, step="on_the_way", user=self.member, fields={})

    def lines(self) -> list[str]:
        return list(
            self.order.events.filter(note_code="expected_back").values_list("note", flat=True)
        )

    def test_the_same_time_sent_again_with_the_cause_is_written_once(self) -> None:
        back = back_in(2)
        crew_step_take(
            work_order=self.order, step="on_site", user=self.member, fields={"expected_back": back}
        )
        saved = crew_step_take(
            work_order=self.order,
            step="cause_found",
            user=self.member,
            fields={"cause": "户内空开损坏", "in_house": "1", "expected_back": back},
        )
        self.assertEqual(len(self.lines()), 1, self.lines())
        # The phone is still told the time it has.
        self.assertTrue(any("预计复电" in line for line in saved.lines), saved.lines)

    def test_a_time_changed_at_the_cause_is_written(self) -> None:
        crew_step_take(
            work_order=self.order,
            step="on_site",
            user=self.member,
            fields={"expected_back": back_in(2)},
        )
        crew_step_take(
            work_order=self.order,
            step="cause_found",
            user=self.member,
            fields={"cause": "户内空开损坏", "in_house": "1", "expected_back": back_in(3)},
        )
        self.assertEqual(len(self.lines()), 2, self.lines())
