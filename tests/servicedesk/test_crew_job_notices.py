"""A crew sent to a job is told in PowerDesk too, each member on their own notices, not only by
the text to the crew's duty phone (walkthrough 37, #6: "没有未读提醒" on the crew's notices page
after an outage and an urgent hazard were sent to it); told again when the job is sent anew, and
told when it is taken off the crew; once per sending however often it is submitted."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.models import Category, Notification
from powerdesk.servicedesk.notices import CREW_KINDS
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, customer_order


class CrewJobNoticesTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.order = customer_order(self, Category.HAZARD, "导线断落在地上，还在打火", urgent=True)

    def notices(self, user: object) -> list[Notification]:
        return list(Notification.objects.filter(recipient=user, kind__in=CREW_KINDS).order_by("pk"))

    def test_each_member_is_told_of_an_order_sent_once(self) -> None:
        work_order_dispatch(work_order=self.order, crew=self.crew, user=self.chief)
        work_order_dispatch(work_order=self.order, crew=self.crew, user=self.chief)  # again
        (notice,) = self.notices(self.member)
        self.assertEqual(notice.work_order, self.order)
        self.assertIsNone(notice.read_at)
        self.assertIn(self.order.number, notice.text)
        self.assertEqual(self.notices(self.other_member), [])
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:notices")).content.decode()
        self.assertIn(self.order.number, page)
        self.assertIn(self.order.get_absolute_url(), page)
        # The job opened: put away, as work given is.
        self.client.get(self.order.get_absolute_url())
        notice.refresh_from_db()
        self.assertEqual((notice.read_at is not None, notice.read_reason), (True, "opened"))

    def test_sent_to_another_crew_the_first_is_told_it_is_no_longer_theirs(self) -> None:
        work_order_dispatch(work_order=self.order, crew=self.crew, user=self.chief)
        work_order_dispatch(work_order=self.order, crew=self.other_crew, user=self.chief)
        _sent, taken_off = self.notices(self.member)
        self.assertIn(self.other_crew.name, taken_off.text)
        self.assertEqual(taken_off.work_order, self.order)
        (told,) = self.notices(self.other_member)
        self.assertEqual(told.work_order, self.order)
        # Sent back: the first crew is told again, the second that it is off theirs.
        work_order_dispatch(work_order=self.order, crew=self.crew, user=self.chief)
        self.assertEqual(len(self.notices(self.other_member)), 2)
        # ... and the first crew, told it was taken off, is told the job is theirs again (the
        # first sending's key would have held it back: review37, 2); a double click, once.
        work_order_dispatch(work_order=self.order, crew=self.crew, user=self.chief)
        *_before, again = self.notices(self.member)
        self.assertEqual(len(self.notices(self.member)), 3)
        self.assertEqual(again.work_order, self.order)
        self.assertNotIn(self.other_crew.name, again.text)

    def test_an_outage_sent_is_told_with_its_job(self) -> None:
        outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
        )
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)  # a double submit
        (notice,) = self.notices(self.member)
        self.assertIsNotNone(notice.work_order)
        # Another crew sent instead: the first is told.
        outage_dispatch(outage=outage, crew=self.other_crew, user=self.chief)
        self.assertEqual(len(self.notices(self.member)), 2)
        self.assertEqual(len(self.notices(self.other_member)), 1)
        # Sent back to the first crew: told again; the second, that it is off theirs.
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)  # a double submit
        self.assertEqual(len(self.notices(self.member)), 3)
        self.assertEqual(len(self.notices(self.other_member)), 2)


class CrewCalledBackTests(BaseTestCase):
    """walk38, 3: calling a crew back (undoing the dispatch) told it nothing."""

    def test_a_crew_called_back_is_told_and_the_history_names_it(self) -> None:
        from powerdesk.servicedesk.models import WorkOrderEvent, WorkOrderStatus
        from powerdesk.servicedesk.services import work_order_transition

        add_crews(self)
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=Category.FAULT_REPAIR,
            summary="表箱没电",
            customer=self.customer,
        )
        work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        work_order_transition(work_order=order, to_status=WorkOrderStatus.RECEIVED, user=self.chief)
        sent, back = Notification.objects.filter(
            recipient=self.member, kind__in=("crew_job", "crew_taken_off")
        ).order_by("pk")
        self.assertEqual((sent.kind, back.kind), ("crew_job", "crew_taken_off"))
        self.assertEqual(back.work_order, order)
        self.assertIn(order.number, back.text)
        self.assertNotEqual(back.text, sent.text)
        line = WorkOrderEvent.objects.filter(
            work_order=order, to_status=WorkOrderStatus.RECEIVED
        ).latest("pk")
        self.assertIn(self.crew.name, line.note)


class TakenOffPutsAwayTests(BaseTestCase):
    """walk39, 6: after the dispatch was withdrawn, the crew's notice of it stayed unread and
    counted beside "no longer your crew's"; the dispatcher was told nothing; the history's line
    named the crew in its note only."""

    def setUp(self) -> None:
        add_crews(self)
        self.order = customer_order(self, Category.HAZARD, "导线断落在地上，还在打火", urgent=True)

    def unread(self, user: object) -> list[Notification]:
        return list(
            Notification.objects.filter(recipient=user, kind__in=CREW_KINDS, read_at=None).order_by(
                "pk"
            )
        )

    def test_withdrawn_from_the_order_page_the_dispatch_notice_is_put_away(self) -> None:
        from powerdesk.servicedesk.models import WorkOrderEvent, WorkOrderStatus

        work_order_dispatch(work_order=self.order, crew=self.crew, user=self.chief)
        (sent,) = self.unread(self.member)
        self.login(self.chief)
        response = self.client.post(
            reverse("servicedesk:work_order_action", args=[self.order.pk]),
            {"action": "status", "to": WorkOrderStatus.RECEIVED},
            follow=True,
        )
        page = response.content.decode()
        with translation.override("zh-hans"):
            said = gettext("Dispatch to %(crew)s withdrawn.") % {"crew": self.crew.name}
        self.assertIn(said, page)
        # Only "no longer your crew's" is left to read; the dispatch put away, and why.
        (left,) = self.unread(self.member)
        self.assertNotEqual(left.pk, sent.pk)
        self.assertIn(self.order.number, left.text)
        sent.refresh_from_db()
        self.assertEqual((sent.read_at is not None, sent.read_reason), (True, "owner_changed"))
        line = WorkOrderEvent.objects.filter(
            work_order=self.order, to_status=WorkOrderStatus.RECEIVED
        ).latest("pk")
        self.assertEqual(line.note_code, "crew_called_back")
        self.assertEqual(line.note_args, {"crew": self.crew.name})
        with translation.override("zh-hans"):
            said = gettext("Dispatch to %(crew)s withdrawn") % {"crew": self.crew.name}
        self.assertEqual(line.note, said)

    def test_sent_to_another_crew_the_first_crews_dispatch_is_put_away(self) -> None:
        work_order_dispatch(work_order=self.order, crew=self.crew, user=self.chief)
        work_order_dispatch(work_order=self.order, crew=self.other_crew, user=self.chief)
        (left,) = self.unread(self.member)
        self.assertIn(self.other_crew.name, left.text)
        self.assertEqual(len(self.unread(self.other_member)), 1)  # the new crew's stays

    def test_a_member_of_both_crews_keeps_the_new_dispatch(self) -> None:
        self.other_crew.members.add(self.member)
        work_order_dispatch(work_order=self.order, crew=self.crew, user=self.chief)
        work_order_dispatch(work_order=self.order, crew=self.other_crew, user=self.chief)
        self.assertEqual(len(self.unread(self.member)), 3)

    def test_an_outage_sent_to_another_crew_puts_the_first_crews_away(self) -> None:
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        outage_dispatch(outage=outage, crew=self.other_crew, user=self.chief)
        (left,) = self.unread(self.member)
        self.assertIn(self.other_crew.name, left.text)


class CrewPhoneNoticesLineTests(BaseTestCase):
    """walk39, 9: several notices of a kind were said "班组派工 · 2 条班组派工提醒 · 这 2 条提醒 ›"."""

    def test_several_of_a_kind_say_the_count_once(self) -> None:
        add_crews(self)
        for summary in ("导线断落在地上", "表箱冒烟"):
            order = work_order_create(
                station=self.station_a,
                user=self.clerk,
                category=Category.HAZARD,
                summary=summary,
                customer=self.customer,
                urgent=True,
            )
            work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        box = page.split('data-testid="crew-notices"', 1)[1].split("</section>", 1)[0]
        line = box.split('data-kind="crew_job"', 1)[1].split("<form", 1)[0]
        self.assertEqual(line.count("2"), 1, line)
        self.assertEqual(line.count("<a "), 1)
        self.assertIn(f'href="{reverse("servicedesk:notices")}?kind=crew_job"', line)
