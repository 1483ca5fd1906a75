"""What the crew wrote when power came back is on each joined order's history, naming the crew
(walkthrough 37, #14: "更换熔丝，已恢复送电" was kept on the outage only; the order's history said
"已复电（停电事件已恢复）" and showed the photo, not the crew's words)."""

from __future__ import annotations

from powerdesk.accounts.models import Role
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.services import outage_restore
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import WorkOrderEvent
from tests.base import BaseTestCase, make_user
from tests.outage_cast import joined_outage
from tests.servicedesk.crew_cast import add_crews


class RestoreNoteOnOrdersTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.separate, self.outage, self.order = joined_outage(self)
        self.joined = [self.separate, self.order]

    def lines(self, order: object) -> list[str]:
        return list(
            WorkOrderEvent.objects.filter(work_order=order, kind="note").values_list(
                "note", flat=True
            )
        )

    def test_the_crew_s_note_at_the_restore_is_on_each_joined_order(self) -> None:
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        (job,) = crew_jobs_for(self.member, self.station_a)
        for step in ("accept", "on_the_way", "on_site"):
            crew_step_take(work_order=job.order, step=step, user=self.member, fields={})
        crew_step_take(
            work_order=job.order,
            step="restored",
            user=self.member,
            fields={"cause": "lightning", "note": "更换熔丝，已恢复送电"},
        )
        said = note_said("crew_restore_note", crew=self.crew.name, note="更换熔丝，已恢复送电")
        for order in self.joined:
            order.refresh_from_db()
            self.assertEqual(order.status, "resolved")
            self.assertIn(said["note"], self.lines(order))
            self.assertIn(self.crew.name, said["note"])
            self.assertIn("更换熔丝，已恢复送电", said["note"])
        # The order's page shows it.
        self.login(self.clerk)
        page = self.client.get(self.order.get_absolute_url()).content.decode()
        self.assertIn("更换熔丝，已恢复送电", page)

    def test_a_dispatcher_s_note_is_not_given_to_the_crew_sent(self) -> None:
        # The crew was sent; the dispatcher restored from the outage page and wrote the words
        # (walk69, L4: the orders said "抢修一班复电时记录：…").
        dispatcher = make_user("disp", self.station_a, Role.DISPATCHER, full_name="张调度")
        outage_dispatch(outage=self.outage, crew=self.crew, user=dispatcher)
        outage_restore(
            outage=self.outage, user=dispatcher, cause="unknown", how="remote",
            note="调度远方合闸，线路送电正常",
        )  # fmt: skip
        said = note_said("crew_restore_note", crew="张调度", note="调度远方合闸，线路送电正常")
        for order in self.joined:
            lines = self.lines(order)
            self.assertIn(said["note"], lines)
            self.assertFalse([line for line in lines if line.startswith(self.crew.name)])

    def test_nothing_written_adds_no_line(self) -> None:
        outage_restore(outage=self.outage, user=self.chief, cause="unknown", how="remote")
        for order in self.joined:
            self.assertFalse(
                WorkOrderEvent.objects.filter(
                    work_order=order, note_code__in=("crew_restore_note", "restore_note")
                )
            )
