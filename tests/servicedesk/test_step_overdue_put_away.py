"""A hard problem's step told past its due is no longer told once it is done or dropped: its
"step past its due" notices, to its owner and the chief, are put away with why (walk76, 6: they
stayed on the home page and in the notices after the step was dropped)."""

from __future__ import annotations

import time_machine

from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.followup import hard_problem_step_done
from powerdesk.servicedesk.followup_drop import hard_problem_step_drop
from powerdesk.servicedesk.models import Notification
from tests.servicedesk.step_cases import LATER, ProblemStepsCase


class StepOverduePutAwayTests(ProblemStepsCase):
    def setUp(self) -> None:
        super().setUp()
        self.steps = [
            self.step_given(title, self.crew_member, due_in_days=5)
            for title in ("新增配变选址", "调整三相负荷")
        ]
        with time_machine.travel(LATER, tick=False):
            escalations_scan(station=self.station_a)

    def unread(self) -> list[tuple[str, str]]:
        return sorted(
            Notification.objects.filter(
                kind=Notification.Kind.STEP_OVERDUE, read_at=None
            ).values_list("key", "recipient__username")
        )

    def test_a_dropped_step_is_no_longer_told_overdue(self) -> None:
        dropped, kept = self.steps
        self.assertEqual(len(self.unread()), 4)  # two steps, to the crew member and the chief
        with time_machine.travel(LATER, tick=False):
            hard_problem_step_drop(step=dropped, user=self.chief, reason="县公司改了方案")
        left = self.unread()
        self.assertEqual({key.split(":")[2] for key, _who in left}, {str(kept.pk)})
        self.assertEqual({who for _key, who in left}, {"chief", "crew1"})
        put_away = Notification.objects.filter(kind=Notification.Kind.STEP_OVERDUE).exclude(
            read_at=None
        )
        self.assertEqual(
            set(put_away.values_list("read_reason", flat=True)),
            {Notification.ReadReason.WORK_DONE},
        )

    def test_a_step_said_done_is_no_longer_told_overdue(self) -> None:
        done, _kept = self.steps
        with time_machine.travel(LATER, tick=False):
            hard_problem_step_done(step=done, user=self.crew_member)
        self.assertNotIn(str(done.pk), {key.split(":")[2] for key, _who in self.unread()})
        self.assertEqual(len(self.unread()), 2)
