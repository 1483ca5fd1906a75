"""The outage's crew called back from the page of a work order that follows the outage
("本工单随停电处理"), as from the board (fix64b): offered to those who may call a crew back, by
the same service; a crew member's crafted post refused; a double submit stores one recall; a
page drawn before another crew was sent calls none back."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from powerdesk.accounts.models import Role
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import OutageLink
from powerdesk.outages.recall import RECALLED
from powerdesk.servicedesk.models import WorkOrderStatus
from tests.base import make_user
from tests.servicedesk.crew_cast import A_PHONE, CrewOrderTestCase, outage_job


class OrderPageOutageRecallTests(CrewOrderTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.outage, self.job = outage_job(self)
        self.dispatcher = make_user("dispatch", self.station_a, Role.DISPATCHER)
        self.url = reverse("servicedesk:work_order", args=[self.job.pk])

    def post(self, **data: str) -> tuple[int, list[str]]:
        fields = {"action": "outage_recall", "outage": str(self.outage.pk), **data}
        with translation.override("en"):
            response = self.client.post(
                reverse("servicedesk:work_order_action", args=[self.job.pk]),
                fields,
                HTTP_ACCEPT_LANGUAGE="en",
            )
            # This answer's own message (an earlier one unread is still stored before it).
            said = [str(m) for m in get_messages(response.wsgi_request)][-1:]
        return response.status_code, said

    def recalls(self) -> int:
        return self.outage.events.filter(what=RECALLED).count()

    def test_the_order_page_offers_the_recall_and_takes_it(self) -> None:
        self.login(self.dispatcher)
        html = self.client.get(self.url).content.decode()
        self.assertIn('data-testid="follows-outage"', html)
        self.assertIn('data-testid="outage-recall"', html)
        self.assertIn(f'name="crew" value="{self.crew.pk}"', html)
        status, said = self.post(crew=str(self.crew.pk))
        self.assertEqual(status, 302)
        self.assertEqual(len(said), 1)
        self.assertIn("抢修一班", said[0])
        self.assertIn("withdrawn", said[0])
        self.assertIsNone(OutageLink.objects.get(outage=self.outage).crew)
        self.job.refresh_from_db()
        self.assertEqual((self.job.crew, self.job.status), (None, WorkOrderStatus.RECEIVED))
        self.assertEqual(self.texts(A_PHONE), ["crew_dispatched", "crew_taken_off_sms"])
        # No crew on it now: not offered any more.
        self.assertNotIn('data-testid="outage-recall"', self.client.get(self.url).content.decode())

    def test_a_double_submit_stores_one_recall_and_says_so(self) -> None:
        self.login(self.dispatcher)
        self.post(crew=str(self.crew.pk))
        status, said = self.post(crew=str(self.crew.pk))
        self.assertEqual(status, 302)
        self.assertEqual(said, ["The dispatch to 抢修一班 is already withdrawn."])
        self.assertEqual(self.recalls(), 1)
        self.assertEqual(self.texts(A_PHONE), ["crew_dispatched", "crew_taken_off_sms"])

    def test_a_crew_member_is_not_offered_it_and_its_crafted_post_is_refused(self) -> None:
        self.login(self.member)
        self.assertNotIn('data-testid="outage-recall"', self.client.get(self.url).content.decode())
        status, _said = self.post(crew=str(self.crew.pk))
        self.assertEqual(status, 403)
        self.assertEqual(OutageLink.objects.get(outage=self.outage).crew, self.crew)
        self.assertEqual(self.recalls(), 0)

    def test_another_station_s_chief_cannot_reach_it(self) -> None:
        self.login(self.outsider)
        status, _said = self.post(crew=str(self.crew.pk))
        self.assertEqual(status, 404)
        self.assertEqual(self.recalls(), 0)

    def test_a_page_drawn_before_another_crew_was_sent_calls_none_back(self) -> None:
        self.login(self.dispatcher)
        outage_dispatch(outage=self.outage, crew=self.other_crew, user=self.chief)
        status, said = self.post(crew=str(self.crew.pk))
        self.assertEqual(status, 302)
        self.assertEqual(len(said), 1)
        self.assertIn("抢修二班", said[0])
        self.assertEqual(OutageLink.objects.get(outage=self.outage).crew, self.other_crew)
        self.assertEqual(self.recalls(), 0)
