"""A time texted to households is the one staff see at that moment: the board's row and the
crew's card say the same time as the revision the crew's step texted (walk38, 12: the crew's
cause with its own 13:30 first texted the model's "12:50", revised by the cause alone a moment
before the crew's time, which was then held back by the quiet time; no page ever showed 12:50).
"""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from powerdesk.notifications.estimate_texts import told_restorations
from powerdesk.notifications.models import Event, Notice
from powerdesk.outages.board import board_rows
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_steps import crew_step_take
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job


class TextedTimeIsTheShownTimeTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.start = timezone.now().replace(second=0, microsecond=0)
        with self.at(0):
            self.outage, self.order = outage_job(self)
        self.assertTrue(Notice.objects.filter(key=f"outage_known:{self.outage.pk}").exists())

    def at(self, minutes: float) -> time_machine.travel:
        return time_machine.travel(self.start + dt.timedelta(minutes=minutes), tick=False)

    def step(self, step: str, **fields: str) -> None:
        crew_step_take(work_order=self.order, step=step, user=self.member, fields=fields)
        self.order.refresh_from_db()

    def texted(self) -> list[dt.datetime]:
        """The times of the revisions texted, oldest first."""
        return [
            dt.datetime.fromisoformat(facts["etr"])
            for facts in Notice.objects.filter(event=Event.ETR_MOVED, subject_id=self.outage.pk)
            .order_by("created_at", "pk")
            .values_list("facts", flat=True)
        ]

    def shown(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        """The time the board's row and the crew's card say, now."""
        [row] = [r for r in board_rows(self.station_a) if r.outage == self.outage]
        [job] = [j for j in crew_jobs_for(self.member, self.station_a) if j.outage is not None]
        card = job.restoration.at if job.restoration is not None else None
        return (row.etr.best if row.etr is not None else None), card

    def test_after_arrival_the_text_says_the_time_the_board_and_the_card_show(self) -> None:
        with self.at(2):
            self.step("on_the_way")
        with self.at(110):  # the quiet time after the first text is long over
            self.step("on_site")
            board, card = self.shown()
        self.assertEqual(board, card)
        # Revised by half an hour or more, out of the quiet time: told at once, as shown.
        self.assertEqual(self.texted(), [board])
        self.assertEqual(told_restorations([self.outage])[self.outage.pk].at, board)

    def test_the_crew_s_time_with_the_cause_is_the_one_texted(self) -> None:
        """The exact path of walk38, 12: on site, then the cause with the crew's own time, in
        one step; the model's estimate revised by the cause alone is never texted."""
        with self.at(2):
            self.step("on_the_way")
            self.step("on_site")
        crew_time = timezone.localtime(self.start + dt.timedelta(hours=5, minutes=30))
        with self.at(45):  # past the quiet time of the first text: a revision goes at once
            self.step(
                "cause_found",
                cause="lightning",
                note="02号杆熔断器底座雷击击穿，更换中",
                expected_back=f"{crew_time:%Y-%m-%dT%H:%M}",
            )
            board, card = self.shown()
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.expected_restore_at, crew_time)
        self.assertEqual((board, card), (crew_time, crew_time))
        self.assertEqual(self.texted(), [crew_time])  # one text, the crew's time
        self.assertFalse(self.outage.events.filter(what="estimate_held").exists())
        self.assertEqual(told_restorations([self.outage])[self.outage.pk].at, crew_time)

    def test_the_cause_alone_still_texts_the_model_s_revised_time_as_shown(self) -> None:
        with self.at(2):
            self.step("on_the_way")
            self.step("on_site")
        with self.at(45):
            self.step("cause_found", cause="lightning", note="雷击")
            board, card = self.shown()
        self.assertEqual(board, card)
        self.assertIn(self.texted(), ([], [board]))
