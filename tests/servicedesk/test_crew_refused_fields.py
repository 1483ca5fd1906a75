"""What the station refuses of a crew's step is named by its field, for the phone to say it there
with what was typed kept: a device unknown, a time power is expected back already past. An order
with no customer is checked by its place; a caller with no account is on the card to ring; the
crew's text for an outage names the job as its phone lists it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from powerdesk.notifications.models import Channel, Delivery, Event
from powerdesk.notifications.texts import render
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.crew_device_path import DeviceOffPathError
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase, zh
from tests.servicedesk.crew_cast import (
    CrewSyncTestCase,
    add_crews,
    on_site,
    other_branch_fuse,
    outage_job,
    plain_job,
)


class FieldsNamedTests(CrewSyncTestCase):
    def test_an_unknown_device_is_refused_at_the_device_field(self) -> None:
        order = plain_job(self)
        on_site(self, order)
        answer = self.sync(order, "cause_found", cause="表箱内空开接触不良", device="XYZ-404")
        self.assertEqual(answer["status"], "conflict")
        self.assertEqual(answer["field"], "device")
        self.assertIn("XYZ-404", answer["reason"])
        self.assertEqual(answer["confirm"], "")  # nothing to tick: no such device at all

    def test_an_outage_s_power_back_already_past_is_refused_at_its_field(self) -> None:
        outage, order = outage_job(self)
        on_site(self, order)
        past = timezone.localtime(timezone.now() - dt.timedelta(minutes=10))
        answer = self.sync(
            order,
            "cause_found",
            cause="lightning",
            note="02号杆绝缘子雷击击穿",
            expected_back=f"{past:%Y-%m-%dT%H:%M}",
        )
        self.assertEqual((answer["status"], answer["field"]), ("conflict", "expected_back"))
        outage.refresh_from_db()
        self.assertEqual(outage.cause_kind, "")  # the step is refused whole

    def test_an_order_s_power_back_already_past_is_refused_at_its_field(self) -> None:
        order = plain_job(self)
        crew_step_take(work_order=order, step="on_the_way", user=self.member, fields={})
        past = timezone.localtime(timezone.now() - dt.timedelta(hours=2))
        answer = self.sync(order, "on_site", expected_back=f"{past:%Y-%m-%dT%H:%M}")
        self.assertEqual((answer["status"], answer["field"]), ("conflict", "expected_back"))
        answer = self.sync(order, "on_site", expected_back="昨天下午")
        self.assertEqual((answer["status"], answer["field"]), ("conflict", "expected_back"))

    def test_an_order_s_power_back_years_ahead_is_refused_with_the_range_at_its_field(
        self,
    ) -> None:
        order = plain_job(self)
        crew_step_take(work_order=order, step="on_the_way", user=self.member, fields={})
        answer = self.sync(order, "on_site", expected_back="2099-12-31T23:59")
        self.assertEqual((answer["status"], answer["field"]), ("conflict", "expected_back"))
        week = timezone.localtime() + dt.timedelta(days=7)
        self.assertIn(f"{week:%Y-%m-%d}", answer["reason"])
        self.assertFalse(order.events.filter(note_code="expected_back").exists())
        later = timezone.localtime() + dt.timedelta(days=2)
        answer = self.sync(order, "on_site", expected_back=f"{later:%Y-%m-%dT%H:%M}")
        self.assertEqual(answer["status"], "ok", answer)

    def test_an_outage_s_cause_not_on_the_list_is_refused_at_the_cause_field(self) -> None:
        outage, order = outage_job(self)
        on_site(self, order)
        # A step kept on the phone from a list of causes the station no longer has.
        answer = self.sync(order, "cause_found", cause="鸟窝", note="02号杆")
        self.assertEqual((answer["status"], answer["field"]), ("conflict", "cause"))
        self.assertIn(zh("Cause found: choose what caused it from the list."), answer["reason"])
        outage.refresh_from_db()
        self.assertEqual(outage.cause_kind, "")
        # Without the script too: said at the list on the card, what was typed kept.
        page = self.client.post(
            reverse("servicedesk:crew_step", args=[order.pk]),
            {"step": "cause_found", "cause": "鸟窝", "note": "02号杆鸟窝"},
            follow=True,
        ).content.decode()
        form = page[page.index('data-crew-step="cause_found"') :]
        form = form[: form.index("</form>")]
        error = form[form.index('data-field-error="cause"') :]
        self.assertNotIn("hidden", error[: error.index(">")])
        self.assertIn(
            zh("Cause found: choose what caused it from the list."), error[: error.index("</p>")]
        )
        self.assertIn('value="02号杆鸟窝"', form)

    def test_an_order_s_cause_left_empty_is_refused_at_the_cause_field(self) -> None:
        order = plain_job(self)
        on_site(self, order)
        answer = self.sync(order, "cause_found", cause="", device=self.fuse.code)
        self.assertEqual((answer["status"], answer["field"]), ("conflict", "cause"))

    def test_the_form_without_the_script_says_a_past_time_at_its_field(self) -> None:
        _outage, order = outage_job(self)
        on_site(self, order)
        self.login(self.member)
        past = timezone.localtime(timezone.now() - dt.timedelta(minutes=10))
        typed = f"{past:%Y-%m-%dT%H:%M}"
        page = self.client.post(
            reverse("servicedesk:crew_step", args=[order.pk]),
            {
                "step": "cause_found",
                "cause": "lightning",
                "note": "绝缘子击穿",
                "expected_back": typed,
            },
            follow=True,
        ).content.decode()
        form = page[page.index('data-crew-step="cause_found"') :]
        form = form[: form.index("</form>")]
        self.assertIn('value="lightning" selected', form)
        self.assertIn('value="绝缘子击穿"', form)
        self.assertIn(f'value="{typed}"', form)
        error = form[form.index('data-field-error="expected_back"') :]
        self.assertNotIn("hidden", error[: error.index(">")])
        # The range allowed is said (from now to 7 days ahead), not other words.
        self.assertIn(
            f"{timezone.localtime() + dt.timedelta(days=7):%Y-%m-%d}", error[: error.index("</p>")]
        )


class PlaceCheckedTests(BaseTestCase):
    """A liaison's report has no customer: the device is checked against its village group."""

    def setUp(self) -> None:
        add_crews(self)
        self.other_fuse = other_branch_fuse(self)

    def report(self, **place: Any) -> WorkOrder:
        call = Call.objects.create(
            station=self.station_a,
            received_at=timezone.now() - dt.timedelta(minutes=20),
            caller_number="139 8765 4321",
            caller_e164="+8613987654321",
            caller_name="王大妈",
            text="王家门口的电线杆被大水冲歪了，电线很低",
            **place,
        )
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="电杆歪斜",
            call=call,
            **place,
        )
        order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        on_site(self, order)
        return order

    def cause(self, order: WorkOrder, device: str) -> None:
        crew_step_take(
            work_order=order,
            step="cause_found",
            user=self.member,
            fields={"cause": "电杆倾斜", "device": device},
        )

    def test_a_device_off_the_group_s_line_is_refused(self) -> None:
        order = self.report(village=self.village, group=self.group)
        with self.assertRaises(DeviceOffPathError) as refused:
            self.cause(order, "ZM-B09-F")
        self.assertEqual(refused.exception.field, "device")
        self.assertIn("哔叭", str(refused.exception))
        self.cause(order, "ZM-B01-F")  # on the group's line: taken
        order.refresh_from_db()
        self.assertEqual(order.device_found, self.fuse)

    def test_a_village_alone_is_checked_by_its_transformers(self) -> None:
        order = self.report(village=self.village)
        with self.assertRaises(DeviceOffPathError):
            self.cause(order, "ZM-B09-F")

    def test_an_order_placed_nowhere_takes_any_device(self) -> None:
        order = self.report()
        self.cause(order, "ZM-B09-F")
        order.refresh_from_db()
        self.assertEqual(order.device_found, self.other_fuse)

    def test_the_card_names_the_caller_with_a_number_to_ring(self) -> None:
        self.report(village=self.village, group=self.group)
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        caller = page[page.index('data-testid="job-caller"') :]
        caller = caller[: caller.index("</dd>")]
        self.assertIn("王大妈", caller)
        self.assertIn('href="tel:+8613987654321"', caller)
        self.assertIn("139 8765 4321", caller)


class DispatchTextTests(BaseTestCase):
    def test_the_crew_s_text_for_an_outage_names_its_job_as_the_phone_lists_it(self) -> None:
        add_crews(self)
        self.crew.phone = "13800001111"
        self.crew.save()
        outage = outage_declare(
            station=self.station_a, user=None, device=self.fuse, kind="unplanned"
        )
        outage_dispatch(outage=outage, crew=self.crew, user=self.clerk)
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        number = page[page.index('data-number="') + len('data-number="') :].split('"')[0]
        # The crew's text (each member is told in the app too, under the same notice).
        text = render(
            Delivery.objects.get(notice__event=Event.CREW_DISPATCHED, channel=Channel.SMS)
        )
        # The job's number as the phone lists it, after whether it is urgent and why (the
        # outage and its households: walk39, 2); the device by its name, not its code (the
        # dispatch text's composer: ``dispatch_texts``).
        from django.utils.translation import override

        from powerdesk.notifications.reach import households_below_count
        from powerdesk.servicedesk.urgent_why import outage_why

        with override("zh-hans"):
            why = outage_why(households_below_count(self.fuse))
        opening = zh("[%(station)s][URGENT: %(why)s] Job %(number)s") % {
            "station": self.station_a.name,
            "why": why,
            "number": number,
        }
        self.assertTrue(text.startswith(opening), text)
        self.assertIn(self.fuse.name, text)
        self.assertNotIn("ZM-B01-F", text)
