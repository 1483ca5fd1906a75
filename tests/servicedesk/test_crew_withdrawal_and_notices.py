"""A crew told of a job by text is told by text when it is taken off it (walk40, 6); a crew's
notices have their own kinds and are put away when the job is finished, and the phone's notices
box is drawn again with its job list (walk40, 12); the card says whose time to arrive by it
shows, and an outage's dispatch text says the same time (walk40, 10); the home page's notices
say a count once (walk40)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.lib.days import day_and_time
from powerdesk.notifications.models import Channel, Delivery
from powerdesk.notifications.texts import render
from powerdesk.outages.models import OutageEvent
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.models import (
    Category,
    Notification,
    NotificationsRead,
    WorkOrder,
    WorkOrderStatus,
)
from powerdesk.servicedesk.services import (
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from tests.base import BaseTestCase, zh
from tests.servicedesk.crew_cast import add_crews, neighbour

CREW_PHONE = "+8613700001111"
K = Notification.Kind


class CastMixin:
    def order(self) -> WorkOrder:
        return work_order_create(
            station=self.station_a,  # type: ignore[attr-defined]
            user=self.clerk,  # type: ignore[attr-defined]
            category=Category.FAULT_REPAIR,
            summary="表箱没电",
            customer=self.customer,  # type: ignore[attr-defined]
        )

    def sms_to_crew(self, template: str) -> list[Delivery]:
        return list(
            Delivery.objects.filter(channel=Channel.SMS, address=CREW_PHONE, template=template)
        )


class WithdrawalTextedTests(CastMixin, BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)

    def test_a_texted_dispatch_withdrawn_is_texted_once_and_recorded(self) -> None:
        self.crew.phone = CREW_PHONE
        self.crew.save(update_fields=["phone"])
        order = work_order_dispatch(work_order=self.order(), crew=self.crew, user=self.chief)
        self.assertEqual(len(self.sms_to_crew("crew_dispatched")), 1)
        work_order_transition(work_order=order, to_status=WorkOrderStatus.RECEIVED, user=self.chief)
        (sms,) = self.sms_to_crew("crew_taken_off_sms")
        self.assertEqual(sms.notice.key.split(":")[0], "taken_off")  # the dispatch's path
        text = render(sms)
        self.assertEqual(
            text,
            zh(
                "[%(station)s] Job %(number)s is withdrawn: the office called your crew back. "
                "Do not go there."
            )
            % {"station": "光禄供电所", "number": order.number},
        )
        (line,) = order.events.filter(note_code="crew_told_taken_off")
        self.assertEqual(line.by, self.chief)
        self.assertIn(self.crew.name, line.note)
        # The in-app notice has its own kind (walk40, 12).
        kinds = set(
            Notification.objects.filter(recipient=self.member).values_list("kind", flat=True)
        )
        self.assertEqual(kinds, {K.CREW_JOB, K.CREW_TAKEN_OFF})

    def test_sent_to_another_crew_the_first_is_texted_who_has_it(self) -> None:
        self.crew.phone = CREW_PHONE
        self.crew.save(update_fields=["phone"])
        order = work_order_dispatch(work_order=self.order(), crew=self.crew, user=self.chief)
        work_order_dispatch(work_order=order, crew=self.other_crew, user=self.chief)
        (sms,) = self.sms_to_crew("crew_taken_off_sms")
        self.assertIn(self.other_crew.name, render(sms))
        self.assertTrue(order.events.filter(note_code="crew_told_taken_off").exists())

    def test_a_dispatch_not_texted_is_not_texted_withdrawn(self) -> None:
        order = work_order_dispatch(work_order=self.order(), crew=self.crew, user=self.chief)
        self.crew.phone = CREW_PHONE  # a phone given after the dispatch: it was not texted
        self.crew.save(update_fields=["phone"])
        work_order_transition(work_order=order, to_status=WorkOrderStatus.RECEIVED, user=self.chief)
        self.assertEqual(self.sms_to_crew("crew_taken_off_sms"), [])
        self.assertFalse(order.events.filter(note_code="crew_told_taken_off").exists())
        # Told in PowerDesk all the same.
        self.assertTrue(
            Notification.objects.filter(recipient=self.member, kind=K.CREW_TAKEN_OFF).exists()
        )

    def test_an_outage_given_to_another_crew_texts_the_first_and_says_so(self) -> None:
        from powerdesk.outages.life import outage_dispatch
        from powerdesk.outages.services import outage_declare

        self.crew.phone = CREW_PHONE
        self.crew.save(update_fields=["phone"])
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        outage_dispatch(outage=outage, crew=self.other_crew, user=self.chief)
        (sms,) = self.sms_to_crew("crew_taken_off_sms")
        self.assertIn(self.other_crew.name, render(sms))
        self.assertTrue(OutageEvent.objects.filter(outage=outage, what="crew_told_off").exists())


class CrewNoticesPutAwayTests(CastMixin, BaseTestCase):
    def test_a_finished_job_s_crew_notices_are_put_away_and_recorded(self) -> None:
        add_crews(self)
        order = work_order_dispatch(work_order=self.order(), crew=self.crew, user=self.chief)
        work_order_transition(work_order=order, to_status=WorkOrderStatus.RECEIVED, user=self.chief)
        work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        unread = Notification.objects.filter(recipient=self.member, read_at=None)
        self.assertTrue(unread.exists())
        work_order_transition(
            work_order=order, to_status=WorkOrderStatus.ON_THE_WAY, user=self.chief
        )
        work_order_transition(work_order=order, to_status=WorkOrderStatus.ON_SITE, user=self.chief)
        work_order_transition(
            work_order=order,
            to_status=WorkOrderStatus.RESOLVED,
            user=self.chief,
            cause="表箱进线松脱",
            in_house=True,
        )
        self.assertFalse(unread.exists())
        reasons = set(
            Notification.objects.filter(recipient=self.member).values_list("read_reason", flat=True)
        )
        self.assertIn(Notification.ReadReason.ORDER_FINISHED, reasons)
        self.assertTrue(
            NotificationsRead.objects.filter(
                work_order=order, reason=Notification.ReadReason.ORDER_FINISHED, user=None
            ).exists()
        )

    def test_the_phone_s_refresh_draws_the_notices_box_again(self) -> None:
        add_crews(self)
        self.login(self.member)
        part = reverse("servicedesk:crew_jobs_part")
        first = self.client.get(part).content.decode()
        self.assertIn('<section id="crew-notices"', first)
        self.assertNotIn('data-testid="crew-notices"', first)  # none yet: an empty box
        work_order_dispatch(work_order=self.order(), crew=self.crew, user=self.chief)
        later = self.client.get(part).content.decode()
        box = later.split('<section id="crew-notices"', 1)[1].split("</section>", 1)[0]
        self.assertIn('hx-swap-oob="true"', box)
        self.assertIn(f'data-kind="{K.CREW_JOB}"', box)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        self.assertEqual(page.count('<section id="crew-notices"'), 1)


class ArriveByTests(BaseTestCase):
    def test_an_outage_s_card_and_text_say_the_soonest_time_and_whose(self) -> None:
        from powerdesk.outages.joined import outage_join_open_orders
        from powerdesk.outages.life import outage_dispatch
        from powerdesk.outages.services import outage_declare

        add_crews(self)
        self.crew.phone = CREW_PHONE
        self.crew.save(update_fields=["phone"])
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        orders = [
            work_order_create(
                station=self.station_a,
                user=self.clerk,
                category="fault_repair",
                summary="停电",
                customer=customer,
                received_at=timezone.now() - dt.timedelta(minutes=minutes),
            )
            for customer, minutes in ((self.customer, 1), (neighbour(self), 2))
        ]
        outage_join_open_orders(outage=outage)
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        later, sooner = (WorkOrder.objects.get(pk=o.pk) for o in orders)
        assert sooner.arrive_due_at is not None and later.arrive_due_at is not None
        self.assertLess(sooner.arrive_due_at, later.arrive_due_at)
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.due, sooner)
        (sms,) = Delivery.objects.filter(
            channel=Channel.SMS, address=CREW_PHONE, template="crew_dispatched"
        )
        said = zh("on site by %(deadline_when)s") % {
            "deadline_when": day_and_time(sooner.arrive_due_at)
        }
        self.assertIn(said, render(sms))
        if job.order != sooner:
            self.login(self.member)
            page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
            label = page.split('data-testid="job-due-order">', 1)[1].split("</span>", 1)[0]
            self.assertIn(sooner.number, label)


class HomeNoticesTests(CastMixin, BaseTestCase):
    def test_several_crew_notices_say_their_count_once(self) -> None:
        add_crews(self)
        for _ in range(3):
            work_order_dispatch(work_order=self.order(), crew=self.crew, user=self.chief)
        self.login(self.member)
        page = self.client.get(reverse("web:home")).content.decode()
        line = page.split(f'data-kind="{K.CREW_JOB}"', 1)[1].split("</li>", 1)[0]
        self.assertIn("3", line)
        self.assertNotIn('data-testid="notice-group-list"', line)
        self.assertEqual(line.count(reverse("servicedesk:notices") + "?kind="), 1)
