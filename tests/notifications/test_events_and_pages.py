"""Who is told of what, the station's settings, and the staff's pages."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.community.models import Liaison, Village
from powerdesk.notifications.models import (
    Delivery,
    DeliveryEvent,
    DeliveryState,
    Event,
    NotifySettingsChange,
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


class PagesTests(BaseTestCase):
    def test_the_chief_chooses_who_is_told_and_the_change_is_kept(self) -> None:
        self.login(self.chief)
        url = reverse("notifications:settings")
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(url, {"settings_form": "1", "rule_outage_known": ["liaisons"]})
        self.assertEqual(response.status_code, 302)
        change = NotifySettingsChange.objects.get()
        self.assertEqual(change.by, self.chief)
        self.assertIn("outage_known", change.note)
        # The page words the change in its language, not in codes.
        page = self.client.get(url).content.decode()
        changes = page[page.index("<h2") :]
        self.assertIn("停电告知：", changes)
        self.assertIn("村联络员和村民小组长", changes)
        for code in ("outage_known", "households", "liaisons", "webhook"):
            self.assertNotIn(code, changes)
        outage_declare(station=self.station_a, user=None, device=self.fuse, kind="unplanned")
        self.assertFalse(Delivery.objects.filter(customer=self.customer).exists())

    def test_the_webhook_secret_is_never_sent_back_to_the_page_and_kept_when_left_empty(
        self,
    ) -> None:
        from powerdesk.notifications.services import settings_for

        self.login(self.chief)
        url = reverse("notifications:settings")
        form = {"settings_form": "1", "webhook_url": "https://example.org/hook"}
        self.client.post(url, {**form, "webhook_secret": "s3cr3t-value"})
        self.assertNotContains(self.client.get(url), "s3cr3t-value")
        self.client.post(url, {**form, "webhook_secret": ""})  # saved again, secret left empty
        self.assertEqual(settings_for(self.station_a).webhook_secret, "s3cr3t-value")

    def test_a_refused_save_is_said_in_its_section_and_keeps_what_was_typed(self) -> None:
        # Walkthrough: the error was a banner far from the field, and the typed values reverted.
        self.login(self.chief)
        url = reverse("notifications:settings")
        response = self.client.post(
            url,
            {
                "settings_form": "1",
                "webhook_url": "javascript:alert(1)",
                "webhook_secret": "s3cret",
                "sms_staff": "1",
                "rule_outage_known": ["liaisons"],
            },
        )
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        error = html[html.index('data-testid="settings-error"') :]
        self.assertIn("http:// 或 https://", error[: error.index("</p>")])
        self.assertIn('value="javascript:alert(1)"', html)
        self.assertRegex(html, r'name="sms_staff" value="1" checked')
        self.assertFalse(NotifySettingsChange.objects.exists())
        pinged = self.client.post(
            url, {"ping_form": "1", "ping_url": "https://he.example/p", "ping_most": "999"}
        )
        self.assertEqual(pinged.status_code, 400)
        # at the field it is about, not at the top of the section (review 33)
        self.assertContains(pinged, 'data-testid="ping-most-errors"', status_code=400)
        self.assertNotContains(pinged, 'data-testid="ping-error"', status_code=400)
        self.assertContains(pinged, 'value="999"', status_code=400)
        self.assertContains(pinged, 'value="https://he.example/p"', status_code=400)

    def test_one_who_may_not_change_the_settings_sees_them_read_only(self) -> None:
        from tests.base import make_user

        admin = make_user("settings_admin", self.station_a, Role.ADMIN)
        self.login(admin)
        page = self.client.get(reverse("notifications:settings"))
        self.assertContains(page, 'data-testid="settings-read-only"')
        self.assertContains(page, '<fieldset class="plain" disabled>')
        self.assertNotContains(page, '<button type="submit">保存</button>')

    def test_a_clerk_cannot_change_the_settings(self) -> None:
        self.login(self.clerk)
        response = self.client.post(reverse("notifications:settings"), {"settings_form": "1"})
        self.assertEqual(response.status_code, 403)

    def test_a_failed_message_is_listed_counted_on_the_home_page_and_sent_again(self) -> None:
        outage_declare(station=self.station_a, user=None, device=self.fuse, kind="unplanned")
        delivery = Delivery.objects.get(customer=self.customer)
        Delivery.objects.filter(pk=delivery.pk).update(
            state=DeliveryState.FAILED_PERMANENT, attempts=1, last_error="HTTP 400 bad number"
        )
        self.login(self.clerk)
        page = self.client.get(reverse("notifications:deliveries"), {"state": "failed"})
        self.assertContains(page, "HTTP 400 bad number")
        self.assertContains(self.client.get(reverse("web:home")), "1条消息发送失败")
        old_id = delivery.message_id
        self.client.post(reverse("notifications:retry", args=[delivery.pk]))
        delivery.refresh_from_db()
        self.assertEqual(delivery.state, DeliveryState.QUEUED)
        self.assertNotEqual(delivery.message_id, old_id)
        self.assertEqual(DeliveryEvent.objects.get().by, self.clerk)
        # Not failed any more: a second retry changes nothing.
        self.client.post(reverse("notifications:retry", args=[delivery.pk]))
        self.assertEqual(DeliveryEvent.objects.count(), 1)

    def test_all_failed_messages_shown_are_sent_again_once_and_the_filter_is_kept(self) -> None:
        from powerdesk.notifications.services import Recipient, notice_raise

        Liaison.objects.create(
            station=self.station_a,
            village=self.village,
            group=self.group,
            name="乙",
            phone="13900000002",
            role="group_leader",
        )
        outage_declare(station=self.station_a, user=None, device=self.fuse, kind="unplanned")
        notice_raise(
            station=self.station_a,
            event=Event.ESCALATION,
            key="esc:test",
            recipients=[Recipient("email", "chief@example.org", "escalation")],
            facts={"what": "late", "about": "GD1"},
        )
        Delivery.objects.update(
            state=DeliveryState.FAILED_TEMPORARY, attempts=3, last_error="HTTP 503"
        )
        sms = Delivery.objects.filter(channel="sms")
        others = Delivery.objects.exclude(channel="sms")
        self.assertEqual((sms.count(), others.count()), (2, 1))
        self.login(self.clerk)
        url = reverse("notifications:deliveries")
        page = self.client.get(url, {"state": "failed", "channel": "sms"})
        self.assertContains(page, f"重新发送所列的{sms.count()}条失败消息")
        form = dict(
            re.findall(r'name="(state|channel|shown_at)" value="([^"]+)"', page.content.decode())
        )
        back = self.client.post(reverse("notifications:retry_failed"), form)
        self.assertRedirects(back, f"{url}?state=failed&channel=sms", fetch_redirect_response=False)
        self.assertEqual(set(sms.values_list("state", flat=True)), {DeliveryState.QUEUED})
        self.assertEqual(DeliveryEvent.objects.count(), sms.count())
        self.assertFalse(others.filter(state=DeliveryState.QUEUED).exists())
        # The worker failed them again at once; the second click of a double click sends
        # nothing more.
        sms.update(state=DeliveryState.FAILED_TEMPORARY)
        self.client.post(reverse("notifications:retry_failed"), form)
        self.assertEqual(DeliveryEvent.objects.count(), sms.count())
        # A single retry goes back to the list as it was filtered.
        one = sms.first()
        assert one is not None
        back = self.client.post(
            reverse("notifications:retry", args=[one.pk]), {"state": "failed", "channel": "sms"}
        )
        self.assertRedirects(back, f"{url}?state=failed&channel=sms", fetch_redirect_response=False)

    def test_resending_all_failed_is_bounded(self) -> None:
        from powerdesk.notifications.services import DeliveryFilter, deliveries_retry_failed

        outage_declare(station=self.station_a, user=None, device=self.fuse, kind="unplanned")
        Delivery.objects.update(state=DeliveryState.FAILED_PERMANENT)
        total = Delivery.objects.count()
        made = deliveries_retry_failed(
            station=self.station_a,
            user=self.clerk,
            shown=DeliveryFilter(state="failed"),
            shown_at=timezone.now(),
            limit=1,
        )
        self.assertEqual(made, 1)
        self.assertEqual(Delivery.objects.filter(state=DeliveryState.QUEUED).count(), 1)
        self.assertEqual(total - 1, Delivery.objects.filter(state="failed_permanent").count())

    def test_another_station_sees_none_of_the_messages(self) -> None:
        outage_declare(station=self.station_a, user=None, device=self.fuse, kind="unplanned")
        delivery = Delivery.objects.get(customer=self.customer)
        self.login(self.outsider)
        page = self.client.get(reverse("notifications:deliveries"))
        self.assertNotContains(page, "13812345678")
        response = self.client.post(reverse("notifications:retry", args=[delivery.pk]))
        self.assertEqual(response.status_code, 404)


class DispatchTextNumberTests(BaseTestCase):
    def test_a_job_without_an_account_gives_the_caller_s_number_to_ring(self) -> None:
        # A liaison's report or a call with no account: the crew rings whoever called.
        from powerdesk.notifications.texts import render
        from powerdesk.servicedesk.calls import call_log
        from powerdesk.servicedesk.services import work_order_create, work_order_dispatch

        self.crew.phone = "13800001111"
        self.crew.save()
        call = call_log(
            station=self.station_a,
            user=self.clerk,
            caller_number="13987654321",
            text="干海组王家门口的电线杆被大水冲歪了，电线很低",
        )
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="hazard",
            summary="电线杆被大水冲歪了",
            village=self.village,
            call=call,
        )
        work_order_dispatch(work_order=order, crew=self.crew, user=self.clerk)
        sms = Delivery.objects.get(notice__event=Event.CREW_DISPATCHED)
        self.assertIn("139 8765 4321", render(sms))
