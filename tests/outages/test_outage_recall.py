"""An outage's crew called back (walk61 M5): its orders back to received with no crew, the crew
told by text and in PowerDesk, a line of the outage's history, the board without a crew; only
by those who may call a crew back from a work order; refused once the crew is on site; a double
submit stores one. Sent again afterwards, the outage's history, the crew's text and the
dispatcher's message say it is sent again (M2); the crew on it sent again stores nothing (L1)."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.outages.joined import outage_join_open_orders
from powerdesk.outages.life import ORDERS_GIVEN, outage_dispatch
from powerdesk.outages.models import OutageLink
from powerdesk.outages.recall import RECALLED, outage_recall
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.models import Notification, WorkOrderStatus
from powerdesk.servicedesk.sent_again import ALREADY, SENT_AGAIN, sent_how
from tests.base import make_user, zh
from tests.servicedesk.crew_cast import (
    A_PHONE,
    CrewOrderTestCase,
    customer_order,
    on_site,
    outage_job,
)


class OutageRecallTests(CrewOrderTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.outage, self.job = outage_job(self)

    def lines(self, what: str) -> int:
        return self.outage.events.filter(what=what).count()

    def test_recalled_the_orders_leave_the_crew_which_is_told_and_the_history_says_so(
        self,
    ) -> None:
        outage_recall(outage=self.outage, user=self.chief)
        self.assertIsNone(OutageLink.objects.get(outage=self.outage).crew)
        self.job.refresh_from_db()
        self.assertEqual((self.job.crew, self.job.status), (None, WorkOrderStatus.RECEIVED))
        self.assertEqual(self.texts(A_PHONE), ["crew_dispatched", "crew_taken_off_sms"])
        self.assertTrue(
            Notification.objects.filter(
                recipient=self.member, kind=Notification.Kind.CREW_TAKEN_OFF
            ).exists()
        )
        line = self.outage.events.get(what=RECALLED)
        self.assertEqual((line.note_code, line.by), ("crew_called_back", self.chief))
        self.assertEqual(self.lines("crew_told_off"), 1)

    def test_a_double_submit_stores_one_recall(self) -> None:
        first = outage_recall(outage=self.outage, user=self.chief)
        self.assertEqual((first.crew, first.texted, first.already), (self.crew, True, False))
        # Said as done already (fix64b: an error before), the crew named, nothing stored.
        again = outage_recall(outage=self.outage, user=self.chief)
        self.assertEqual((again.crew, again.texted, again.already), (self.crew, False, True))
        self.assertEqual(self.lines(RECALLED), 1)
        self.assertEqual(self.texts(A_PHONE), ["crew_dispatched", "crew_taken_off_sms"])

    def test_a_crew_member_may_not_recall_and_a_counter_clerk_may(self) -> None:
        with self.assertRaises(NotAllowed):
            outage_recall(outage=self.outage, user=self.member)
        self.assertEqual(self.lines(RECALLED), 0)
        outage_recall(outage=self.outage, user=self.clerk)
        self.assertEqual(self.lines(RECALLED), 1)

    def test_refused_once_the_crew_is_on_site(self) -> None:
        from powerdesk.servicedesk.crew_job_orders import outage_crew_job

        job = outage_crew_job(self.outage, self.crew.pk)
        assert job is not None
        on_site(self, job)  # the crew's steps on the outage's job
        with self.assertRaisesMessage(OutageError, "抢修一班"):
            outage_recall(outage=self.outage, user=self.chief)
        self.assertEqual(OutageLink.objects.get(outage=self.outage).crew, self.crew)

    def test_sent_again_after_a_recall_the_history_and_the_text_say_so(self) -> None:
        outage_recall(outage=self.outage, user=self.chief)
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        *_first, again = self.outage.events.filter(what="dispatched").order_by("pk")
        self.assertEqual(again.note_code, SENT_AGAIN)
        self.assertEqual(
            self.texts(A_PHONE), ["crew_dispatched", "crew_taken_off_sms", "crew_dispatched"]
        )
        self.job.refresh_from_db()
        self.assertEqual((self.job.crew, self.job.status), (self.crew, "dispatched"))
        # The "taken off" notice no longer holds: put away, the new dispatch's unread.
        unread = Notification.objects.filter(recipient=self.member, read_at=None)
        self.assertEqual(list(unread.values_list("kind", flat=True)), [Notification.Kind.CREW_JOB])

    def test_the_crew_on_it_sent_again_stores_and_texts_nothing(self) -> None:
        events = self.outage.events.count()
        sent = outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        self.assertEqual(sent_how(sent), ALREADY)
        self.assertEqual(self.outage.events.count(), events)
        self.assertEqual(self.texts(A_PHONE), ["crew_dispatched"])


class BoardRecallTests(CrewOrderTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.outage, self.job = outage_job(self)
        self.dispatcher = make_user("dispatch", self.station_a, Role.DISPATCHER)

    def post(self, **data: str) -> list[str]:
        response = self.client.post(
            reverse("outages:list"), {"outage": str(self.outage.pk), **data}
        )
        self.assertIn(response.status_code, (302, 403))
        if response.status_code == 403:
            return ["403"]
        return [str(m) for m in get_messages(response.wsgi_request)][-1:]

    def test_the_board_offers_the_recall_and_takes_it(self) -> None:
        self.login(self.dispatcher)
        html = self.client.get(reverse("outages:board")).content.decode()
        self.assertIn(f'data-testid="recall-outage-{self.outage.pk}"', html)
        said = self.post(action="recall")
        self.assertEqual(
            said,
            [
                zh(
                    "The dispatch to %(crew)s is withdrawn; the crew is told by text message "
                    "and in PowerDesk."
                )
                % {"crew": "抢修一班"}
            ],
        )
        self.assertIsNone(OutageLink.objects.get(outage=self.outage).crew)
        html = self.client.get(reverse("outages:board")).content.decode()
        self.assertNotIn(f'data-testid="recall-outage-{self.outage.pk}"', html)
        # A second submit of the same form: said, nothing more stored.
        self.assertEqual(
            self.post(action="recall", crew=str(self.crew.pk)),
            [zh("The dispatch to %(crew)s is already withdrawn.") % {"crew": "抢修一班"}],
        )
        self.assertEqual(self.outage.events.filter(what=RECALLED).count(), 1)
        words = {"crew": "抢修一班", "device": self.outage.device}
        again = zh("%(crew)s is sent again to %(device)s (the earlier withdrawal no longer holds).")
        self.assertEqual(self.post(action="dispatch", crew=str(self.crew.pk)), [again % words])
        already = zh("%(crew)s is already working this outage.") % words
        self.assertEqual(self.post(action="dispatch", crew=str(self.crew.pk)), [already])

    def test_a_crew_member_s_crafted_recall_is_refused(self) -> None:
        self.login(self.member)
        self.post(action="recall")
        self.assertEqual(OutageLink.objects.get(outage=self.outage).crew, self.crew)


class WaitingOrderGivenTests(CrewOrderTestCase):
    """The crew on the outage chosen again gives it the joined orders still waiting (review61
    M1: one paused when the crew was sent and resumed since stayed with no crew, its own page
    refusing since the outage is in charge), with no line nor text of a second sending."""

    def test_a_resumed_order_is_given_the_outage_s_crew_chosen_again(self) -> None:
        from powerdesk.servicedesk.order_field import work_order_pause, work_order_resume

        outage, _job = outage_job(self)
        second = customer_order(self, summary="二组也停电了")
        work_order_pause(work_order=second, reason="客户要求稍后联系", user=self.clerk)
        outage_join_open_orders(outage=outage)
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        second.refresh_from_db()
        self.assertIsNone(second.crew)
        work_order_resume(work_order=second, user=self.clerk)
        lines = outage.events.filter(what="dispatched").count()
        sent = outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        self.assertEqual((sent_how(sent), getattr(sent, ORDERS_GIVEN)), (ALREADY, 1))
        second.refresh_from_db()
        self.assertEqual((second.crew, second.status), (self.crew, WorkOrderStatus.DISPATCHED))
        self.assertEqual(outage.events.filter(what="dispatched").count(), lines)
        # Chosen once more: nothing waits, nothing is given.
        sent = outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        self.assertEqual(getattr(sent, ORDERS_GIVEN), 0)
