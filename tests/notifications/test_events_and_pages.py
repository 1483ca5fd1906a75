"""Who is told of what: liaisons, revised times, crews, planned outages, escalations."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from powerdesk.community.models import Liaison, Village
from powerdesk.notifications.models import (
    Delivery,
    DeliveryState,
    Event,
)
from powerdesk.notifications.planned_reminder import planned_tomorrow_scan
from powerdesk.outages.estimates import outage_estimate
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase


class WhoIsToldTests(BaseTestCase):
    def test_liaisons_of_villages_without_road_access_come_first(self) -> None:
        other = Village.objects.create(station=self.station_a, name="大村")
        Liaison.objects.create(
            station=self.station_a, village=other, name="甲", phone="13900000001", role="secretary"
        )
        Liaison.objects.create(
            station=self.station_a,
            village=self.village,
            group=self.group,  # 哔叭: no road access
            name="乙",
            phone="13900000002",
            role="group_leader",
        )
        outage_declare(station=self.station_a, user=None, device=self.fuse, kind="unplanned")
        order = list(
            Delivery.objects.filter(channel="sms").order_by("pk").values_list("address", flat=True)
        )
        # The liaison of 大村 is not under the fuse; 哔叭's group leader is first.
        self.assertEqual(order, ["+8613900000002", "+8613812345678"])

    def test_the_restoration_moved_by_half_an_hour_or_more_is_told_again(self) -> None:
        outage = outage_declare(
            station=self.station_a,
            user=None,
            device=self.fuse,
            kind="unplanned",
            expected_restore_at=timezone.now() + dt.timedelta(hours=2),
        )
        assert outage.expected_restore_at is not None
        outage_estimate(
            outage=outage,
            user=self.clerk,
            expected_restore_at=outage.expected_restore_at + dt.timedelta(minutes=20),
        )
        self.assertFalse(Delivery.objects.filter(notice__event=Event.ETR_MOVED).exists())
        outage.refresh_from_db()
        assert outage.expected_restore_at is not None
        outage_estimate(
            outage=outage,
            user=self.clerk,
            expected_restore_at=outage.expected_restore_at + dt.timedelta(minutes=40),
        )
        moved = Delivery.objects.get(notice__event=Event.ETR_MOVED)
        self.assertEqual(moved.address, "+8613812345678")
        self.assertTrue(outage.events.filter(what="estimated").exists())

    def test_a_move_is_measured_from_what_households_were_last_told(self) -> None:
        now = timezone.now()
        start = now + dt.timedelta(hours=5)
        outage = outage_declare(
            station=self.station_a, user=None, device=self.fuse, kind="unplanned"
        )

        def estimate(minutes: int) -> int:
            # Each estimate after the quiet time of the last text (ETR_QUIET).
            nonlocal now
            now += dt.timedelta(minutes=31)
            with time_machine.travel(now, tick=False):
                outage_estimate(
                    outage=outage,
                    user=self.clerk,
                    expected_restore_at=start + dt.timedelta(minutes=minutes),
                )
            return Delivery.objects.filter(notice__event=Event.ETR_MOVED).count()

        self.assertEqual(estimate(0), 1)  # the first time given
        self.assertEqual(estimate(20), 1)  # 20 minutes from what they were told: not told
        self.assertEqual(estimate(40), 2)  # 40 from what they were told: told
        self.assertEqual(estimate(35), 2)  # 5 back: nothing to tell
        self.assertEqual(estimate(0), 3)  # back to the first time: 40 from the last told

    def test_without_staff_s_time_the_outage_text_gives_the_model_s_estimate_as_about(
        self,
    ) -> None:
        from powerdesk.lib.days import day_and_time
        from powerdesk.notifications.texts import render
        from powerdesk.outages.etr import etr_for

        outage = outage_declare(
            station=self.station_a, user=None, device=self.fuse, kind="unplanned"
        )
        known = Delivery.objects.get(address="+8613812345678", notice__event=Event.OUTAGE_KNOWN)
        etr = etr_for(outage)
        self.assertEqual(known.notice.facts["etr"], etr.at.isoformat())
        self.assertTrue(known.notice.facts["etr_about"])
        # Its day too when that is not today (an outage declared late in the evening).
        self.assertIn(f"预计{day_and_time(etr.at)}左右恢复", render(known))

    def test_a_staff_time_close_to_the_model_s_estimate_told_is_not_told_again(self) -> None:
        from powerdesk.outages.etr import etr_for

        outage = outage_declare(
            station=self.station_a, user=None, device=self.fuse, kind="unplanned"
        )
        told = etr_for(outage).at  # in the first text, as "about"
        outage_estimate(
            outage=outage, user=self.clerk, expected_restore_at=told + dt.timedelta(minutes=15)
        )
        self.assertFalse(Delivery.objects.filter(notice__event=Event.ETR_MOVED).exists())
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=31), tick=False):
            outage_estimate(
                outage=outage,
                user=self.clerk,
                expected_restore_at=told + dt.timedelta(minutes=45),
            )
        self.assertTrue(Delivery.objects.filter(notice__event=Event.ETR_MOVED).exists())

    def test_the_model_s_estimate_revised_when_the_cause_is_found_is_told_if_it_moved(
        self,
    ) -> None:
        from unittest import mock

        from powerdesk.outages import etr as etr_module
        from powerdesk.outages.estimates import outage_cause_found

        outage = outage_declare(
            station=self.station_a, user=None, device=self.fuse, kind="unplanned"
        )
        first = etr_module.etr_for(outage)  # in the first text, as "about"

        def revised(minutes: int) -> int:
            moved = dt.timedelta(minutes=minutes)
            later = etr_module.Etr(
                at=first.at + moved,
                low=first.low + moved,
                high=first.high + moved,
                basis=first.basis,
                stage="cause",
                trained_on=first.trained_on,
            )
            with mock.patch.object(etr_module, "etr_for", return_value=later):
                outage_cause_found(outage=outage, user=self.clerk, cause="lightning")
            return Delivery.objects.filter(
                notice__event=Event.ETR_MOVED, address="+8613812345678"
            ).count()

        self.assertEqual(revised(10), 0)  # ten minutes from what they were told: nothing
        self.assertEqual(revised(50), 0)  # fifty, within the quiet time of the first: held
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=31), tick=False):
            self.assertEqual(revised(50), 1)  # fifty, the quiet time over: told again, once
        self.assertEqual(revised(55), 1)  # five from the last told: nothing more
        # A time from staff is what households are told; the model's revisions stay quiet.
        outage_estimate(outage=outage, user=self.clerk, expected_restore_at=first.at)
        told = Delivery.objects.filter(notice__event=Event.ETR_MOVED).count()
        revised(120)
        self.assertEqual(Delivery.objects.filter(notice__event=Event.ETR_MOVED).count(), told)

    def test_a_crew_sent_to_an_outage_gets_it_by_text(self) -> None:
        self.crew.phone = "13800001111"
        self.crew.save()
        outage = outage_declare(
            station=self.station_a, user=None, device=self.fuse, kind="unplanned"
        )
        outage_dispatch(outage=outage, crew=self.crew, user=self.clerk)
        sms = Delivery.objects.get(notice__event=Event.CREW_DISPATCHED)
        self.assertEqual((sms.address, sms.crew), ("+8613800001111", self.crew))

    def test_a_planned_outage_is_reminded_on_the_day_before_once(self) -> None:
        start = timezone.localtime() + dt.timedelta(days=8)
        start = start.replace(hour=9, minute=0, second=0, microsecond=0)
        outage_declare(
            station=self.station_a,
            user=None,
            device=self.fuse,
            kind="planned",
            cause="更换绝缘子",
            starts_at=start,
            expected_restore_at=start + dt.timedelta(hours=6),
        )
        self.assertTrue(Delivery.objects.filter(notice__event=Event.PLANNED_ANNOUNCED).exists())
        day_before = start - dt.timedelta(days=1)
        with time_machine.travel(day_before.replace(hour=7), tick=False):
            self.assertEqual(planned_tomorrow_scan(), 0)  # not before 08:00
        with time_machine.travel(day_before.replace(hour=10), tick=False):
            self.assertEqual(planned_tomorrow_scan(), 1)
            self.assertEqual(planned_tomorrow_scan(), 0)
        self.assertEqual(Delivery.objects.filter(notice__event=Event.PLANNED_TOMORROW).count(), 1)

    def test_escalations_still_show_in_app_and_go_through_the_notifications(self) -> None:
        from powerdesk.servicedesk.escalation import escalate_unhappy_callback
        from powerdesk.servicedesk.models import Callback, Notification
        from powerdesk.servicedesk.services import work_order_create

        order = work_order_create(
            station=self.station_a, user=self.clerk, category="fault_repair", summary="哔叭停电"
        )
        callback = Callback.objects.create(
            work_order=order, at=timezone.now(), by=self.clerk, outcome="reached", satisfaction=1
        )
        self.assertEqual(escalate_unhappy_callback(callback=callback, reason="score 1"), 2)
        self.assertEqual(escalate_unhappy_callback(callback=callback, reason="score 1"), 0)
        self.assertEqual(
            set(Notification.objects.values_list("recipient__username", flat=True)),
            {"chief", "clerk"},
        )
        inapp = Delivery.objects.filter(channel="inapp", state=DeliveryState.DELIVERED)
        self.assertEqual(inapp.count(), 2)
