"""A new urgent reason on a job that was urgent already (walk40, 3, 4, 11): an outage's order
is born urgent, and a caller under it says "家里老人用制氧机". The crew's text, its notice and the
order's history say a new urgent reason was added, not that the job "turned urgent", and the
text does not open as a dispatch. The crew's card badge says what the order page's heading
says, and the card's urgent key changes so that the phone announces it."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from powerdesk.notifications.dispatch_shown import made_urgent_said
from powerdesk.notifications.models import Channel, Delivery
from powerdesk.notifications.reach import households_below_count
from powerdesk.notifications.texts import render
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.models import Notification
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from powerdesk.servicedesk.urgent_why import order_urgent_why, outage_why
from tests.base import BaseTestCase, zh
from tests.outage_cast_sent import outage_sent
from tests.servicedesk.crew_cast import add_crews, neighbour

CREW_PHONE = "+8613700001111"
MEDICAL = "停电了，家里老人用制氧机，快没电了"


class NewUrgentReasonTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.crew.phone = CREW_PHONE
        self.crew.save(update_fields=["phone"])
        # An outage sent to the crew before anyone called: its own order, born urgent.
        self.outage, (self.order,) = outage_sent(self)
        self.assertTrue(self.order.urgent)
        self.caller = neighbour(self)

    def medical_call(self) -> None:
        call_take(
            station=self.station_a,
            user=self.clerk,
            customer=self.caller,
            caller_number="13812345678",
            text=MEDICAL,
            category="fault_repair",
            urgent=True,
            join_outage=self.outage,
        )

    def urgent_texts(self) -> list[Delivery]:
        return list(
            Delivery.objects.filter(
                channel=Channel.SMS, address=CREW_PHONE, template="crew_made_urgent"
            )
        )

    def test_the_crew_is_told_of_a_new_reason_not_that_the_job_turned_urgent(self) -> None:
        self.medical_call()
        (sms,) = self.urgent_texts()
        text = render(sms)
        # Every reason in the tag (the outage's too), the new one after the number (fix43a).
        with translation.override("zh-hans"):
            outage = outage_why(households_below_count(self.fuse))
        added = zh(
            "[%(station)s][URGENT: %(why)s] New urgent reason on job %(number)s: %(new)s"
        ) % {
            "station": "光禄供电所",
            "why": zh("、").join([zh("medical need"), outage]),
            "number": self.order.number,
            "new": zh("medical need"),
        }
        self.assertTrue(text.startswith(added), text)
        facts = {"station": "光禄供电所", "why": zh("medical need"), "number": self.order.number}
        # Neither "now urgent" nor a dispatch's opening ("派工 …"): walk40, 3.
        self.assertNotIn(
            zh("[%(station)s][URGENT: %(why)s] Job %(number)s is now urgent") % facts, text
        )
        self.assertFalse(
            text.startswith(zh("[%(station)s][URGENT: %(why)s] Job %(number)s") % facts)
        )
        # The notice in PowerDesk says so too, and is of its own kind (walk40, 12).
        (notice,) = Notification.objects.filter(recipient=self.member, key__startswith="urgent:")
        self.assertEqual(notice.kind, Notification.Kind.CREW_URGENT)
        with translation.override("zh-hans"):
            said = made_urgent_said(self.order.number, zh("a medical need at home"), added=True)
        self.assertEqual(notice.text, said)
        # The history: a new reason told, not "now urgent".
        codes = list(self.order.events.values_list("note_code", flat=True))
        self.assertIn("crew_told_urgent_added", codes)
        self.assertNotIn("crew_told_urgent", codes)

    def test_the_card_badge_says_the_new_reason_and_its_key_changes(self) -> None:
        (job,) = crew_jobs_for(self.member, self.station_a)
        key_before, why_before = job.urgent_key, job.urgent_why
        self.medical_call()
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.order, self.order)
        # What the order page's heading says (walk40, 4: the card said the outage only).
        self.assertEqual(job.urgent_why, order_urgent_why(self.order))
        self.assertIn(why_before, job.urgent_why)
        self.assertNotEqual(job.urgent_why, why_before)
        self.assertNotEqual(job.urgent_key, key_before)
        # Each part of the old key is kept: the phone sees a part it did not have.
        self.assertTrue(set(key_before.split(".")) < set(job.urgent_key.split(".")))
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        self.assertIn(f'data-urgent-why="{job.urgent_why}"', page)


class TurnedUrgentTests(BaseTestCase):
    def test_a_plain_job_turned_urgent_is_still_told_so(self) -> None:
        add_crews(self)
        self.crew.phone = CREW_PHONE
        self.crew.save(update_fields=["phone"])
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number="0878-1234567",
            text="家里停电了",
            category="fault_repair",
        )
        assert taken.work_order is not None
        order = work_order_dispatch(work_order=taken.work_order, crew=self.crew, user=self.chief)
        call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number="0878-1234567",
            text=MEDICAL,
            category="fault_repair",
            urgent=True,
            repeat_of=order,
        )
        texts = [
            render(d)
            for d in list(
                Delivery.objects.filter(
                    channel=Channel.SMS, address=CREW_PHONE, template="crew_made_urgent"
                )
            )
        ]
        now = zh("[%(station)s][URGENT: %(why)s] Job %(number)s is now urgent") % {
            "station": "光禄供电所",
            "why": zh("medical need"),
            "number": order.number,
        }
        self.assertTrue(any(t.startswith(now) for t in texts), texts)
        self.assertTrue(order.events.filter(note_code="crew_told_urgent").exists())


class CallOrderBadgeTests(BaseTestCase):
    """A call's order made urgent by a danger: its card's badge says why ("紧急：冒烟"), as
    the order page's heading (walk40, 11: the badge said "紧急" alone)."""

    def test_a_hazard_order_s_badge_says_its_danger(self) -> None:
        add_crews(self)
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            caller_number="13812345678",
            text="电杆上冒烟了，还有火花",
            category="hazard",
            urgent=True,
        )
        assert taken.work_order is not None
        order = work_order_dispatch(work_order=taken.work_order, crew=self.crew, user=self.chief)
        why = order_urgent_why(order)
        self.assertTrue(why)
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.urgent_why, why)
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        badge = page.split('data-testid="job-urgent">', 1)[1].split("</span>", 1)[0]
        self.assertIn(why, badge)

    def test_an_order_opened_urgent_without_a_reason_keeps_a_bare_badge(self) -> None:
        add_crews(self)
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="停电",
            customer=self.customer,
            urgent=True,
        )
        work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.urgent_why, "")
        self.assertEqual(job.urgent_key, "u")
