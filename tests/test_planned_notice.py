"""Planned outages: the chief announcing at short notice, and what to tell callers following
the window when the outage is moved."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import translation

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.outages.models import NoticeSource, Outage, OutageEvent
from powerdesk.outages.planned import (
    planned_outage_cancel,
    planned_outage_notice,
    planned_outage_reschedule,
)
from powerdesk.outages.services import OutageError
from tests.base import BaseTestCase, make_user
from tests.planned_ask_cast import press_twice
from tests.planned_cast import planned_on_fuse

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 5, 4, 9, 0, tzinfo=TZ)
SOON = NOW + dt.timedelta(days=3)  # 05-07: inside the week's notice
START = NOW + dt.timedelta(days=8)  # 05-12 09:00
END = START + dt.timedelta(hours=8)
LATER = NOW + dt.timedelta(days=12)  # 05-16 09:00


def local(at: dt.datetime) -> str:
    return at.astimezone(TZ).strftime("%Y-%m-%dT%H:%M")


class ShortNoticeAnnouncementTests(BaseTestCase):
    def announce(self, user: object, start: dt.datetime = SOON, reason: str = "") -> Outage:
        return planned_on_fuse(
            self,
            start,
            start + dt.timedelta(hours=4),
            user=user,  # type: ignore[arg-type]
            cause="抢修后复查",
            short_notice_reason=reason,
        )

    def test_only_the_chief_announces_at_short_notice_and_only_with_the_reason(self) -> None:
        dispatcher = make_user("dispatcher", self.station_a, Role.DISPATCHER)
        with time_machine.travel(NOW, tick=False):
            with self.assertRaisesMessage(OutageError, "只有所长可以接受更短的提前期"):
                self.announce(self.chief)  # no reason
            with self.assertRaises(NotAllowed):
                self.announce(dispatcher, reason="配合县局检修")
            with self.assertRaises(NotAllowed):
                self.announce(self.clerk, reason="配合县局检修")
            with self.assertRaisesMessage(OutageError, "晚于现在"):
                self.announce(self.chief, start=NOW - dt.timedelta(hours=1), reason="补录")
            self.assertFalse(Outage.objects.exists())
            outage = self.announce(self.chief, reason="配合县局检修，已逐户通知")
        self.assertEqual((outage.status, outage.starts_at), (Outage.Status.ANNOUNCED, SOON))
        events = list(OutageEvent.objects.filter(outage=outage).values_list("what", "note", "by"))
        self.assertEqual([e[0] for e in events], ["announced", "short_announce"])
        self.assertIn("配合县局检修，已逐户通知", events[1][1])
        self.assertIn("3.0", events[1][1])  # how far ahead it was announced
        self.assertEqual(events[1][2], self.chief.pk)

    def test_with_the_full_notice_no_reason_is_asked_and_none_recorded(self) -> None:
        with time_machine.travel(NOW, tick=False):
            outage = self.announce(self.clerk, start=START)
        self.assertEqual(
            list(OutageEvent.objects.filter(outage=outage).values_list("what", flat=True)),
            ["announced"],
        )

    def test_the_chief_announces_at_short_notice_from_the_page(self) -> None:
        url = reverse("outages:planned")
        typed = {
            "action": "announce",
            "device": self.fuse.code,
            "starts_at": local(SOON),
            "ends_at": local(SOON + dt.timedelta(hours=4)),
            "cause": "抢修后复查",
        }
        with time_machine.travel(NOW, tick=False):
            self.login(self.clerk)
            page = self.client.get(url)
            self.assertNotContains(page, 'name="short_notice_reason"')
            # A clerk's form has no reason; the refusal says who may.
            page = self.client.post(url, typed, follow=True)
            self.assertContains(page, "只有所长", status_code=400)  # at the start, as typed
            response = self.client.post(url, {**typed, "short_notice_reason": "想提前"})
            self.assertEqual(response.status_code, 403)  # the role, checked in the service
            self.assertFalse(Outage.objects.exists())
            self.login(self.chief)
            self.assertContains(self.client.get(url), 'name="short_notice_reason"')
            page = self.client.post(url, typed, follow=True)
            self.assertContains(page, "只有所长可以接受更短的提前期", status_code=400)
            self.assertContains(page, 'value="抢修后复查"', status_code=400)  # kept to be corrected
            page = press_twice(
                self.client,
                url,
                {**typed, "short_notice_reason": "线路隐患须尽快处理"},
                follow=True,
            )
        outage = Outage.objects.get()
        self.assertEqual(outage.starts_at, SOON)
        self.assertContains(page, "临时公告（所长已接受）")
        self.assertContains(page, "线路隐患须尽快处理")


class NoticeFollowsTheWindowTests(BaseTestCase):
    def plan(self, notice: str = "") -> Outage:
        with time_machine.travel(NOW, tick=False):
            return planned_on_fuse(self, START, END, notice=notice)

    def move(self, outage: Outage, notice: str | None = None) -> Outage:
        with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
            return planned_outage_reschedule(
                outage=outage,
                user=self.chief,
                starts_at=LATER,
                ends_at=LATER + dt.timedelta(hours=6),
                reason="材料未到",
                notice=notice,
            )

    def test_the_move_s_history_line_puts_the_reason_after_the_language_s_colon(self) -> None:
        outage = self.move(self.plan())
        event = OutageEvent.objects.get(outage=outage, what="rescheduled")
        windows = "2026-05-12 09:00–2026-05-12 17:00 → 2026-05-16 09:00–2026-05-16 15:00"
        self.assertEqual((event.note, event.shown_note), (f"{windows}：材料未到",) * 2)
        with translation.override("en"):
            self.assertEqual(event.shown_note, f"{windows}: 材料未到")

    def test_left_empty_it_is_written_from_the_window_and_again_when_moved(self) -> None:
        outage = self.plan()
        self.assertEqual(
            outage.notice, "计划停电：05月12日 09:00–17:00（更换绝缘子），请提前做好准备。"
        )
        self.assertEqual(outage.notice_source, NoticeSource.WINDOW)
        outage = self.move(outage)
        self.assertEqual(
            outage.notice, "计划停电：05月16日 09:00–15:00（更换绝缘子），请提前做好准备。"
        )
        self.assertEqual(outage.notice_source, NoticeSource.WINDOW)

    def test_staffs_own_text_is_kept_when_moved_but_marked_as_naming_the_old_date(self) -> None:
        own = "更换老旧绝缘子，05月12日 8:30-16:30 停电"
        outage = self.move(self.plan(own))
        self.assertEqual((outage.notice, outage.notice_source), (own, NoticeSource.BEFORE_MOVE))
        note = OutageEvent.objects.filter(outage=outage, what="rescheduled").get().note
        self.assertIn("核对", note)
        # Written again by staff: theirs, no longer marked; the history keeps the old text.
        with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
            outage = planned_outage_notice(
                outage=outage, user=self.clerk, notice="更换老旧绝缘子，05月16日 9:00-15:00 停电"
            )
        self.assertEqual(outage.notice_source, NoticeSource.STAFF)
        event = OutageEvent.objects.filter(outage=outage, what="notice").get()
        self.assertIn(own, event.note)
        self.assertEqual(event.by, self.clerk)

    def test_a_new_text_given_with_the_move_is_staffs_and_an_empty_one_is_written(self) -> None:
        outage = self.move(self.plan("5月12日停电"), notice="5月16日停电，请备水")
        self.assertEqual((outage.notice, outage.notice_source), ("5月16日停电，请备水", "staff"))
        # The same work is planned once on a device: the first is called off before the next.
        with time_machine.travel(NOW, tick=False):
            planned_outage_cancel(outage=outage, user=self.chief, reason="改为另一次")
        outage = self.move(self.plan("5月12日停电"), notice="")
        self.assertIn("05月16日 09:00–15:00", outage.notice)
        self.assertEqual(outage.notice_source, NoticeSource.WINDOW)

    def test_the_page_and_the_intake_warn_of_a_text_that_may_name_the_old_date(self) -> None:
        own = "更换老旧绝缘子，05月12日 8:30-16:30 停电"
        outage = self.plan(own)
        url = reverse("outages:planned")
        self.login(self.chief)
        move = {
            "action": "reschedule",
            "outage": outage.pk,
            "starts_at": local(LATER),
            "ends_at": local(LATER + dt.timedelta(hours=6)),
            "reason": "材料未到",
            "notice": own,  # sent back as it was
        }
        with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
            page = press_twice(self.client, url, move, follow=True)
            self.assertContains(page, "可能仍写着原来的日期")
            self.assertContains(page, f'data-testid="planned-notice-stale-{outage.pk}"')
            # The clerk reading it out to a caller below it is warned too.
            caller = self.client.get(
                reverse("servicedesk:caller"), {"caller_number": "0878-1234567"}
            )
            self.assertContains(caller, own)
            self.assertContains(caller, 'data-testid="notice-stale"')
            page = self.client.post(
                url,
                {"action": "notice", "outage": outage.pk, "notice": "05月16日 9:00-15:00 停电"},
                follow=True,
            )
        self.assertContains(page, "05月16日 9:00-15:00 停电")
        self.assertNotContains(page, f'data-testid="planned-notice-stale-{outage.pk}"')
        self.assertContains(page, "告知来电内容已修改")

    def test_another_station_cannot_change_the_text(self) -> None:
        outage = self.plan("05月12日停电")
        b_chief = make_user("b_chief", self.station_b, Role.CHIEF)
        self.login(b_chief)
        response = self.client.post(
            reverse("outages:planned"), {"action": "notice", "outage": outage.pk, "notice": "x"}
        )
        self.assertEqual(response.status_code, 404)
        outage.refresh_from_db()
        self.assertEqual(outage.notice, "05月12日停电")
