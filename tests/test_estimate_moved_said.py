"""When the estimated restoration moves at a step (the crew on site, the cause recorded), the
history says from when to when, why, who and when; the dispatcher's board and the crew's card
say it in short beside the time they show (fix72c's leftover of walk72, 1: "about 16:20", then
"about 20:05", nothing saying why). A time set by hand says who set it, when, and the reason."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.lib.days import day_and_time
from powerdesk.outages import etr_store
from powerdesk.outages.estimates import outage_estimate
from powerdesk.outages.etr import etr_for, etr_train
from powerdesk.outages.models import OutageEvent
from powerdesk.servicedesk.crew_steps import crew_step_take
from tests.base import BaseTestCase, make_user
from tests.servicedesk.crew_cast import add_crews, outage_job
from tests.test_etr import history


def said_at(html: str, testid: str) -> str:
    return html.split(f'data-testid="{testid}">', 1)[1].split("</span>", 1)[0]


class EstimateMovedSaidTests(BaseTestCase):
    def setUp(self) -> None:
        etr_store.forget()
        self.addCleanup(etr_store.forget)
        history(self.station_a, self.fuse, 80)
        etr_train(self.station_a)
        add_crews(self)
        self.dispatcher = make_user("dispatch", self.station_a, Role.DISPATCHER)
        self.outage, self.order = outage_job(self)
        for step in ("on_the_way", "on_site"):
            crew_step_take(work_order=self.order, step=step, user=self.member, fields={})
        self.before = etr_for(self.outage).at
        # A slow cause still to mend moves the estimate out (test_etr.MendedCauseTests).
        crew_step_take(
            work_order=self.order,
            step="cause_found",
            user=self.member,
            fields={"cause": "external", "note": "线路被挖断，需更换", "expected_back": ""},
        )
        self.after = etr_for(self.outage).at
        self.assertGreater(self.after, self.before)

    def test_the_history_says_both_times_why_who_and_when(self) -> None:
        line = OutageEvent.objects.filter(outage=self.outage, what="estimate_moved").last()
        assert line is not None
        self.assertEqual(line.by, self.member)
        args = line.note_args
        self.assertEqual(args["was"], f"{timezone.localtime(self.before):%m-%d %H:%M}")
        self.assertEqual(args["now"], f"{timezone.localtime(self.after):%m-%d %H:%M}")
        self.assertEqual(args["why"]["code"], "moved_cause")
        self.assertEqual(args["why"]["args"]["cause"]["args"]["kind"], "external")
        self.assertIn(args["was"], line.note)
        self.assertIn("线路被挖断", line.note)
        # Drawn in the board's history list with its step.
        self.login(self.dispatcher)
        board = self.client.get(reverse("outages:board")).content.decode()
        history_list = board.split(f'data-testid="history-outage-{self.outage.pk}"', 1)[1]
        self.assertIn(args["was"], history_list.split("</details>", 1)[0])

    def test_the_board_says_why_beside_the_model_s_time(self) -> None:
        self.login(self.dispatcher)
        board = self.client.get(reverse("outages:board")).content.decode()
        said = said_at(board, "etr-moved")
        self.assertIn(day_and_time(self.before), said)
        self.assertIn("线路被挖断", said)
        self.assertIn(str(self.member), said)

    def test_the_crew_s_card_says_why_beside_its_time(self) -> None:
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        said = said_at(page, "job-back-why")
        self.assertIn(day_and_time(self.before), said)
        self.assertIn("线路被挖断", said)

    def test_a_time_set_by_hand_says_who_when_and_why_on_both(self) -> None:
        back = timezone.now() + dt.timedelta(hours=5)
        outage_estimate(
            outage=self.outage,
            user=self.dispatcher,
            expected_restore_at=back,
            note="县调通知线路检修",
        )
        self.login(self.dispatcher)
        board = self.client.get(reverse("outages:board")).content.decode()
        said = said_at(board, "etr-staff-why")
        self.assertIn("县调通知线路检修", said)
        self.assertIn(str(self.dispatcher), said)
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        said = said_at(page, "job-back-why")
        self.assertIn("县调通知线路检修", said)
        self.assertIn(str(self.dispatcher), said)
