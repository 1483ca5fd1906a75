"""A job called back and sent again is a new sending (walk56, H3 and M1): its crew is texted it
again, after the text that called it back, while a double click or a retry of one sending texts
once; and the crew's acceptance of the sending called back does not count for the new one."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.servicedesk.crew_accepted import is_accepted
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import Notification, WorkOrder, WorkOrderStatus
from powerdesk.servicedesk.services import work_order_dispatch
from tests.servicedesk.crew_cast import CrewOrderTestCase


class SentAgainTests(CrewOrderTestCase):
    def test_recalled_then_sent_again_texts_the_crew_again_after_the_recall(self) -> None:
        order = self.send()
        order = self.recall(order)
        order = self.send(order)
        self.assertEqual(self.texts(), ["crew_dispatched", "crew_taken_off_sms", "crew_dispatched"])
        # Twice more: each sending is texted, each recall too, in the order they were made.
        order = self.send(self.recall(order))
        self.assertEqual(
            self.texts(),
            ["crew_dispatched", "crew_taken_off_sms", "crew_dispatched"] * 1
            + ["crew_taken_off_sms", "crew_dispatched"],
        )

    def test_a_retry_of_a_sending_texts_once_the_first_and_a_later_one(self) -> None:
        order = self.send()
        self.send(order)  # a double click: the same sending
        self.assertEqual(self.texts(), ["crew_dispatched"])
        order = self.send(self.recall(order))
        self.send(order)
        self.send(order)
        self.assertEqual(self.texts(), ["crew_dispatched", "crew_taken_off_sms", "crew_dispatched"])

    def test_a_double_click_on_the_order_page_after_a_recall_texts_once(self) -> None:
        order = self.recall(self.send())
        self.login(self.chief)
        url = reverse("servicedesk:work_order_action", args=[order.pk])
        for _ in range(2):
            self.client.post(url, {"action": "dispatch", "crew": str(self.crew.pk)})
        self.assertEqual(self.texts(), ["crew_dispatched", "crew_taken_off_sms", "crew_dispatched"])

    def test_another_crew_between_still_texts_each_sending_once(self) -> None:
        order = self.send()
        order = work_order_dispatch(work_order=order, crew=self.other_crew, user=self.chief)
        order = self.send(order)
        self.send(order)
        self.assertEqual(self.texts(), ["crew_dispatched", "crew_taken_off_sms", "crew_dispatched"])

    def test_the_acceptance_of_a_sending_called_back_does_not_count_for_the_next(self) -> None:
        order = self.send()
        crew_step_take(work_order=order, step="accept", user=self.member, fields={})
        order.refresh_from_db()
        self.assertTrue(is_accepted(order))
        order = self.send(self.recall(order))
        order = WorkOrder.objects.get(pk=order.pk)
        self.assertEqual(order.status, WorkOrderStatus.DISPATCHED)
        self.assertFalse(is_accepted(order))
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.stage, "dispatched")
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        self.assertIn('data-stage="dispatched"', page)
        self.assertNotIn('data-stage="accepted"', page)
        # Accepted again, it is.
        crew_step_take(work_order=order, step="accept", user=self.member, fields={})
        order = WorkOrder.objects.get(pk=order.pk)
        self.assertTrue(is_accepted(order))
        self.assertEqual(crew_jobs_for(self.member, self.station_a)[0].stage, "accepted")

    def test_a_retry_of_the_sending_keeps_its_acceptance(self) -> None:
        order = self.send()
        crew_step_take(work_order=order, step="accept", user=self.member, fields={})
        self.send(order)  # the same crew again: the same sending
        self.assertTrue(is_accepted(WorkOrder.objects.get(pk=order.pk)))

    def test_an_acceptance_by_the_crew_before_is_not_another_crew_s(self) -> None:
        order = self.send()
        crew_step_take(work_order=order, step="accept", user=self.member, fields={})
        order = work_order_dispatch(work_order=order, crew=self.other_crew, user=self.chief)
        self.assertFalse(is_accepted(WorkOrder.objects.get(pk=order.pk)))

    def test_sent_again_the_notice_that_it_was_taken_off_is_put_away(self) -> None:
        order = self.recall(self.send())
        unread = Notification.objects.filter(
            recipient=self.member, kind=Notification.Kind.CREW_TAKEN_OFF, read_at=None
        )
        self.assertEqual(unread.count(), 1)
        self.send(order)
        self.assertEqual(unread.count(), 0)
        self.assertTrue(
            Notification.objects.filter(
                recipient=self.member, kind=Notification.Kind.CREW_JOB, read_at=None
            ).exists()
        )
