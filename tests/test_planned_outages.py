"""Planned outages: a window with a week's notice, moved by the clock, cancelled or moved with
a reason, and counted apart from faults."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import time_machine
from django.core.management import call_command
from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.community.selectors import village_reliability
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.planned import (
    planned_outage_cancel,
    planned_outage_reach,
    planned_outage_reschedule,
    planned_outages_advance,
)
from powerdesk.outages.services import OutageError, outage_declare, outage_restore
from tests.base import BaseTestCase, make_user
from tests.planned_ask_cast import press_twice
from tests.planned_cast import planned_on_fuse

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 5, 4, 9, 0, tzinfo=TZ)
START = NOW + dt.timedelta(days=8)
END = START + dt.timedelta(hours=8)


class PlannedOutageTests(BaseTestCase):
    def plan(self, start: dt.datetime = START, end: dt.datetime = END) -> Outage:
        with time_machine.travel(NOW, tick=False):
            return planned_on_fuse(self, start, end)

    def history(self, outage: Outage) -> list[str]:
        return list(OutageEvent.objects.filter(outage=outage).values_list("what", flat=True))

    def test_a_planned_outage_needs_a_weeks_notice_and_a_window(self) -> None:
        with time_machine.travel(NOW, tick=False):
            with self.assertRaisesMessage(OutageError, "至少提前7天"):
                outage_declare(
                    station=self.station_a,
                    user=self.chief,
                    device=self.fuse,
                    kind=Outage.Kind.PLANNED,
                    starts_at=NOW + dt.timedelta(days=6),
                    expected_restore_at=NOW + dt.timedelta(days=6, hours=4),
                )
            with self.assertRaisesMessage(OutageError, "恢复供电的时间"):
                outage_declare(
                    station=self.station_a,
                    user=self.chief,
                    device=self.fuse,
                    kind=Outage.Kind.PLANNED,
                    cause="更换绝缘子",
                    starts_at=START,
                )
        self.assertFalse(Outage.objects.exists())

    def test_the_notice_period_is_the_stations_own_commitment(self) -> None:
        from powerdesk.servicedesk.deadlines import policy_for

        policy = policy_for(self.station_a.pk)
        policy.planned_notice_days = 3
        policy.save()
        with time_machine.travel(NOW, tick=False):
            outage = planned_on_fuse(
                self, NOW + dt.timedelta(days=4), NOW + dt.timedelta(days=4, hours=4)
            )
            self.assertEqual(outage.status, Outage.Status.ANNOUNCED)
            with self.assertRaisesMessage(OutageError, "至少提前3天"):
                outage_declare(
                    station=self.station_a,
                    user=self.chief,
                    device=self.breaker,
                    kind=Outage.Kind.PLANNED,
                    starts_at=NOW + dt.timedelta(days=2),
                    expected_restore_at=NOW + dt.timedelta(days=2, hours=4),
                )

    def test_the_households_and_villages_below_the_device_are_found_from_the_grid(self) -> None:
        outage = self.plan()
        reach = planned_outage_reach(outage)
        self.assertEqual(outage.customers, 1)
        self.assertEqual(reach.households, 1)
        self.assertEqual(reach.villages, [("左门", 1)])
        self.assertEqual((reach.elderly_alone, reach.medical_need), (1, 0))

    def test_it_goes_off_at_its_start_and_comes_back_at_its_end_by_itself(self) -> None:
        outage = self.plan()
        with time_machine.travel(START - dt.timedelta(minutes=1), tick=False):
            self.assertEqual(planned_outages_advance(), 0)
        with time_machine.travel(START + dt.timedelta(minutes=1), tick=False):
            self.assertEqual(planned_outages_advance(), 1)
            self.assertEqual(planned_outages_advance(), 0)  # run again: nothing moves twice
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.ACTIVE)
        with time_machine.travel(END + dt.timedelta(minutes=1), tick=False):
            self.assertEqual(planned_outages_advance(), 1)
            self.assertEqual(planned_outages_advance(), 0)
        outage.refresh_from_db()
        self.assertEqual((outage.status, outage.restored_at), (Outage.Status.RESTORED, END))
        self.assertEqual(self.history(outage), ["announced", "active", "restored"])

    def test_one_missed_wholly_while_the_service_was_down_starts_and_ends_at_its_times(
        self,
    ) -> None:
        outage = self.plan()
        with time_machine.travel(END + dt.timedelta(days=1), tick=False):
            call_command("outage_service", "--once", stderr=StringIO())
        outage.refresh_from_db()
        self.assertEqual((outage.status, outage.restored_at), (Outage.Status.RESTORED, END))
        events = list(OutageEvent.objects.filter(outage=outage).values_list("what", "at", "by"))
        self.assertEqual(events[1:], [("active", START, None), ("restored", END, None)])

    def test_restored_early_it_stays_restored_at_that_time(self) -> None:
        outage = self.plan()
        with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
            planned_outages_advance()
        early = START + dt.timedelta(hours=3)
        with time_machine.travel(early, tick=False):
            outage_restore(outage=outage, user=self.chief, how="remote")
        with time_machine.travel(END + dt.timedelta(hours=1), tick=False):
            self.assertEqual(planned_outages_advance(), 0)
        outage.refresh_from_db()
        self.assertEqual(outage.restored_at, early)

    def test_cancelled_with_a_reason_it_never_goes_off(self) -> None:
        outage = self.plan()
        with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
            with self.assertRaisesMessage(OutageError, "原因"):
                planned_outage_cancel(outage=outage, user=self.chief, reason="  ")
            planned_outage_cancel(outage=outage, user=self.chief, reason="天气预报有雷雨")
        with time_machine.travel(END + dt.timedelta(days=1), tick=False):
            self.assertEqual(planned_outages_advance(), 0)
            with self.assertRaises(OutageError):
                outage_restore(outage=outage, user=self.chief, how="remote")
            reliability = village_reliability(self.village)
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.CANCELLED)
        self.assertEqual(reliability.all.interruptions, 0)
        event = OutageEvent.objects.filter(outage=outage).last()
        assert event is not None
        self.assertEqual(
            (event.what, event.note, event.by), ("cancelled", "天气预报有雷雨", self.chief)
        )

    def test_one_in_progress_is_neither_cancelled_nor_moved(self) -> None:
        outage = self.plan()
        # Its start has come, though the clock's step has not run yet.
        with (
            time_machine.travel(START + dt.timedelta(seconds=5), tick=False),
            self.assertRaisesMessage(OutageError, "已开始"),
        ):
            planned_outage_cancel(outage=outage, user=self.chief, reason="取消")
        with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
            planned_outages_advance()
            with self.assertRaisesMessage(OutageError, "停电中"):
                planned_outage_cancel(outage=outage, user=self.chief, reason="取消")
            with self.assertRaises(OutageError):
                planned_outage_reschedule(
                    outage=outage,
                    user=self.chief,
                    starts_at=END + dt.timedelta(days=9),
                    ends_at=END + dt.timedelta(days=9, hours=2),
                    reason="改期",
                )

    def test_rescheduling_needs_the_notice_again_unless_the_chief_accepts_less(self) -> None:
        outage = self.plan()
        dispatcher = make_user("dispatcher", self.station_a, Role.DISPATCHER)
        soon = NOW + dt.timedelta(days=3)
        with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
            with self.assertRaisesMessage(OutageError, "所长"):
                planned_outage_reschedule(
                    outage=outage,
                    user=dispatcher,
                    starts_at=soon,
                    ends_at=soon + dt.timedelta(hours=4),
                    reason="配合线路改造",
                )
            with self.assertRaises(NotAllowed):
                planned_outage_reschedule(
                    outage=outage,
                    user=dispatcher,
                    starts_at=soon,
                    ends_at=soon + dt.timedelta(hours=4),
                    reason="配合线路改造",
                    short_notice=True,
                )
            later = NOW + dt.timedelta(days=12)
            planned_outage_reschedule(
                outage=outage,
                user=dispatcher,
                starts_at=later,
                ends_at=later + dt.timedelta(hours=6),
                reason="材料未到",
            )
            planned_outage_reschedule(
                outage=outage,
                user=self.chief,
                starts_at=soon,
                ends_at=soon + dt.timedelta(hours=4),
                reason="配合线路改造，已逐户通知",
                short_notice=True,
            )
        outage.refresh_from_db()
        self.assertEqual(
            (outage.starts_at, outage.expected_restore_at), (soon, soon + dt.timedelta(hours=4))
        )
        events = list(OutageEvent.objects.filter(outage=outage).values_list("what", "note", "by"))
        self.assertEqual([e[0] for e in events], ["announced", "rescheduled", "short_notice"])
        self.assertIn("材料未到", events[1][1])
        self.assertIn("配合线路改造，已逐户通知", events[2][1])
        self.assertEqual(events[2][2], self.chief.pk)

    def test_planned_and_fault_interruptions_are_counted_apart(self) -> None:
        planned = self.plan()
        with time_machine.travel(END + dt.timedelta(minutes=1), tick=False):
            planned_outages_advance()
        fault_at = END + dt.timedelta(days=1)
        with time_machine.travel(fault_at, tick=False):
            fault = outage_declare(
                station=self.station_a,
                user=self.chief,
                device=self.fuse,
                kind=Outage.Kind.UNPLANNED,
            )
        with time_machine.travel(fault_at + dt.timedelta(hours=2), tick=False):
            outage_restore(outage=fault, user=self.chief, cause="unknown", how="remote")
            reliability = village_reliability(self.village)
            self.login(self.chief)
            page = self.client.get(reverse("community:village", args=[self.village.pk]))
        self.assertEqual(planned.customers, 1)
        self.assertEqual(reliability.all.interruptions, 2)
        self.assertAlmostEqual(reliability.planned.aihc1, 8.0, places=4)
        self.assertAlmostEqual(reliability.planned.saidi, 480.0, places=3)
        self.assertAlmostEqual(reliability.unplanned.saidi, 120.0, places=3)
        self.assertEqual((reliability.planned.saifi, reliability.unplanned.saifi), (1.0, 1.0))
        self.assertContains(page, 'data-testid="village-reliability-split"')
        self.assertContains(page, "8.00 h")
        self.assertContains(page, "2.00 h")


class HomePanelTests(BaseTestCase):
    def test_the_home_page_lists_announced_outages_apart_from_those_in_progress(self) -> None:
        with time_machine.travel(NOW, tick=False):
            planned = planned_on_fuse(self, START, END)
        self.login(self.chief)
        with time_machine.travel(START - dt.timedelta(hours=3), tick=False):
            page = self.client.get(reverse("web:home")).content.decode()
        self.assertIn('data-testid="outages-announced"', page)
        self.assertNotIn('data-testid="outages-current"', page)
        with time_machine.travel(START + dt.timedelta(minutes=1), tick=False):
            planned_outages_advance()
            page = self.client.get(reverse("web:home")).content.decode()
        current = page.split('data-testid="outages-current"')[1].split("</ul>")[0]
        self.assertIn(planned.device.name, current)
        self.assertNotIn('data-testid="outages-announced"', page)


class PlannedPageTests(BaseTestCase):
    def local(self, at: dt.datetime) -> str:
        return at.astimezone(TZ).strftime("%Y-%m-%dT%H:%M")

    def test_announced_by_the_devices_name_it_shows_whom_it_reaches(self) -> None:
        self.login(self.clerk)
        url = reverse("outages:planned")
        with time_machine.travel(NOW, tick=False):
            response = press_twice(
                self.client,
                url,
                {
                    "action": "announce",
                    "device": self.fuse.name,
                    "starts_at": self.local(START),
                    "ends_at": self.local(END),
                    "cause": "更换绝缘子",
                },
                follow=True,
            )
            outage = Outage.objects.get()
            self.assertEqual((outage.kind, outage.status), ("planned", "announced"))
            self.assertEqual((outage.starts_at, outage.expected_restore_at), (START, END))
            self.assertContains(response, f'data-testid="planned-villages-{outage.pk}">左门 1')
            # Who needs care: the one elderly person alone; no "0 medical need".
            self.assertContains(
                response, f'data-testid="planned-care-{outage.pk}">独居老人 1 户</span>'
            )
            self.assertNotContains(response, "医疗")
            # Too soon: refused, and what was typed is shown again.
            soon = NOW + dt.timedelta(days=2)
            response = self.client.post(
                url,
                {
                    "action": "announce",
                    "device": self.fuse.code,
                    "starts_at": self.local(soon),
                    "ends_at": self.local(soon + dt.timedelta(hours=2)),
                    "cause": "抢修后复查",
                },
            )
        self.assertContains(response, "至少提前7天", status_code=400)
        self.assertIn("至少提前7天", " ".join(response.context["form"].errors["starts_at"]))
        self.assertContains(response, 'value="抢修后复查"', status_code=400)
        self.assertEqual(Outage.objects.count(), 1)

    def test_moved_and_cancelled_from_the_page_with_the_reason(self) -> None:
        with time_machine.travel(NOW, tick=False):
            outage = planned_on_fuse(self, START, END)
        self.login(self.clerk)
        url = reverse("outages:planned")
        soon = NOW + dt.timedelta(days=3)
        move = {
            "action": "reschedule",
            "outage": outage.pk,
            "starts_at": self.local(soon),
            "ends_at": self.local(soon + dt.timedelta(hours=4)),
            "reason": "配合线路改造",
        }
        with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
            response = self.client.post(url, move, follow=True)
            self.assertContains(response, "只有所长", status_code=400)  # at the start, as typed
            self.assertEqual(response.context["mend"]["typed"]["reason"], "配合线路改造")
            self.assertNotContains(response, "接受更短的提前期（所长）", status_code=400)
            outage.refresh_from_db()
            self.assertEqual(outage.starts_at, START)
            self.login(self.chief)
            press_twice(self.client, url, {**move, "short_notice": "1"})
            outage.refresh_from_db()
            self.assertEqual(outage.starts_at, soon)
            response = press_twice(
                self.client,
                url,
                {"action": "cancel", "outage": outage.pk, "reason": "天气预报有雷雨"},
                follow=True,
            )
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.CANCELLED)
        past = response.content.decode().split('data-testid="planned-past"')[1]
        self.assertIn("天气预报有雷雨", past)

    def test_another_stations_outage_cannot_be_touched(self) -> None:
        with time_machine.travel(NOW, tick=False):
            outage = planned_on_fuse(self, START, END)
            b_chief = make_user("b_chief", self.station_b, Role.CHIEF)
            self.login(b_chief)
            response = self.client.post(
                reverse("outages:planned"),
                {"action": "cancel", "outage": outage.pk, "reason": "x"},
            )
        self.assertEqual(response.status_code, 404)
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.ANNOUNCED)
