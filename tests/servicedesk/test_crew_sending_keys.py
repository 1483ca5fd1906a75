"""Each sending of a job to a crew is keyed by the dispatch line that began it (review56, L3):
another crew (A → B → A) or a crew sent again after a recall (A → recall → A) is texted once,
a retry of a sending not again; and the orders moved to another crew before the sendings were
marked keep their keys: a retry to the crew they were moved to texts it no second time, and the
acceptance of the crew before no longer counts for the crew they were moved to."""

from __future__ import annotations

from powerdesk.notifications.models import Notice
from powerdesk.notifications.staff_notices import notify_crew_dispatched
from powerdesk.servicedesk.crew_accepted import is_accepted
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent, WorkOrderStatus
from powerdesk.servicedesk.order_events import DISPATCHED_CREW, SENDING, order_event
from tests.servicedesk.crew_cast import A_PHONE, B_PHONE, CrewOrderTestCase


class SendingKeysTests(CrewOrderTestCase):
    def sent(self, phone: str) -> int:
        return self.texts(phone).count("crew_dispatched")

    def to_a(self) -> WorkOrder:
        return self.send()

    def to_b(self) -> WorkOrder:
        return self.send(crew=self.other_crew)

    def last_dispatch(self) -> WorkOrderEvent:
        return WorkOrderEvent.objects.filter(
            work_order=self.order, kind=WorkOrderEvent.Kind.DISPATCHED
        ).latest("pk")

    def dispatch_keys(self) -> list[str]:
        return list(
            Notice.objects.filter(key__startswith=f"dispatch:order:{self.order.pk}:")
            .order_by("pk")
            .values_list("key", flat=True)
        )

    def moved_to_b_as_before_the_marks(self) -> WorkOrderEvent:
        """The order moved from its crew (A) to B as the dispatch did before the sendings were
        marked: B's line with no mark, B's text keyed ``:after:<the line's id>``."""
        order = WorkOrder.objects.get(pk=self.order.pk)
        order.crew = self.other_crew
        order.save(update_fields=["crew"])
        line = order_event(
            order,
            self.chief,
            WorkOrderEvent.Kind.DISPATCHED,
            said={
                "note": self.other_crew.name,
                "note_code": "",
                "note_args": {DISPATCHED_CREW: self.other_crew.pk},
            },
        )
        notify_crew_dispatched(crew=self.other_crew, order=order, sending=f":after:{line.pk}")
        return line

    def test_a_b_a_each_sending_keyed_by_its_line_and_texted_once(self) -> None:
        self.to_a()
        self.to_b()
        to_b = self.last_dispatch()
        self.to_b()  # a retry
        self.to_a()
        back_to_a = self.last_dispatch()
        self.to_a()  # a retry
        self.assertEqual((self.sent(A_PHONE), self.sent(B_PHONE)), (2, 1))
        base = f"dispatch:order:{self.order.pk}:0"
        self.assertEqual(
            self.dispatch_keys(),
            [
                f"{base}:{self.crew.pk}",
                f"{base}:{self.other_crew.pk}:after:{to_b.pk}",
                f"{base}:{self.crew.pk}:after:{back_to_a.pk}",
            ],
        )
        self.assertEqual(to_b.note_args[SENDING], "after")

    def test_a_recall_a_keyed_by_its_line_texted_once_and_a_retry_not_again(self) -> None:
        self.to_a()
        self.recall()
        self.to_a()
        again = self.last_dispatch()
        self.to_a()
        self.to_a()
        self.assertEqual(
            self.texts(A_PHONE), ["crew_dispatched", "crew_taken_off_sms", "crew_dispatched"]
        )
        self.assertEqual(
            self.dispatch_keys()[-1],
            f"dispatch:order:{self.order.pk}:0:{self.crew.pk}:sent:{again.pk}",
        )

    def test_a_retry_to_the_crew_moved_to_before_the_marks_texts_it_no_second_time(self) -> None:
        self.to_a()
        self.moved_to_b_as_before_the_marks()
        self.assertEqual(self.sent(B_PHONE), 1)
        self.to_b()
        self.to_b()
        self.assertEqual(self.sent(B_PHONE), 1)
        # Back to A is a new sending, texted once; to B again, once more.
        self.to_a()
        self.to_a()
        self.assertEqual(self.sent(A_PHONE), 2)
        self.to_b()
        self.assertEqual(self.sent(B_PHONE), 2)

    def test_the_acceptance_before_a_move_before_the_marks_is_not_the_new_crews(self) -> None:
        order = self.to_a()
        crew_step_take(work_order=order, step="accept", user=self.member, fields={})
        self.assertTrue(is_accepted(WorkOrder.objects.get(pk=self.order.pk)))
        self.moved_to_b_as_before_the_marks()
        order = WorkOrder.objects.get(pk=self.order.pk)
        self.assertFalse(is_accepted(order))
        (job,) = crew_jobs_for(self.other_member, self.station_a)
        self.assertEqual(job.stage, "dispatched")
        # A retry to B keeps it unaccepted; B's own acceptance counts.
        self.to_b()
        self.assertFalse(is_accepted(WorkOrder.objects.get(pk=self.order.pk)))
        crew_step_take(
            work_order=WorkOrder.objects.get(pk=self.order.pk),
            step="accept",
            user=self.other_member,
            fields={},
        )
        self.assertTrue(is_accepted(WorkOrder.objects.get(pk=self.order.pk)))
        self.to_b()
        self.assertTrue(is_accepted(WorkOrder.objects.get(pk=self.order.pk)))

    def test_a_sending_marked_with_a_count_keeps_its_key(self) -> None:
        # Lines of the dispatch between the marks of counts and those of the line's id.
        self.to_a()
        order = WorkOrder.objects.get(pk=self.order.pk)
        order.crew = self.other_crew
        order.save(update_fields=["crew"])
        order_event(
            order,
            self.chief,
            WorkOrderEvent.Kind.DISPATCHED,
            said={
                "note": self.other_crew.name,
                "note_code": "",
                "note_args": {DISPATCHED_CREW: self.other_crew.pk, SENDING: ":after:1"},
            },
        )
        notify_crew_dispatched(crew=self.other_crew, order=order, sending=":after:1")
        self.to_b()
        self.assertEqual(self.sent(B_PHONE), 1)

    def test_a_crew_sent_after_a_recall_before_the_marks_is_not_taken_for_a_move(self) -> None:
        # A, called back, then B as before the marks: B was texted under the plain key.
        self.to_a()
        self.recall()
        order = WorkOrder.objects.get(pk=self.order.pk)
        order.crew, order.status = self.other_crew, WorkOrderStatus.DISPATCHED
        order.save(update_fields=["crew", "status"])
        order_event(
            order,
            self.chief,
            WorkOrderEvent.Kind.DISPATCHED,
            said={
                "note": self.other_crew.name,
                "note_code": "",
                "note_args": {DISPATCHED_CREW: self.other_crew.pk},
            },
        )
        notify_crew_dispatched(crew=self.other_crew, order=order)
        self.to_b()
        self.assertEqual(self.sent(B_PHONE), 1)

    def test_a_dispatch_line_naming_no_crew_ends_the_acceptance(self) -> None:
        # review58 L5: a line of the dispatch with no crew in it (written before the crew was
        # recorded) sent a crew the acceptance is not known to be of: not accepted any more.
        order = self.to_a()
        crew_step_take(work_order=order, step="accept", user=self.member, fields={})
        self.assertTrue(is_accepted(WorkOrder.objects.get(pk=self.order.pk)))
        order = WorkOrder.objects.get(pk=self.order.pk)
        order.crew = self.other_crew
        order.save(update_fields=["crew"])
        order_event(
            order,
            self.chief,
            WorkOrderEvent.Kind.DISPATCHED,
            said={"note": self.other_crew.name, "note_code": "", "note_args": {}},
        )
        self.assertFalse(is_accepted(WorkOrder.objects.get(pk=self.order.pk)))
        (job,) = crew_jobs_for(self.other_member, self.station_a)
        self.assertEqual(job.stage, "dispatched")
        # B accepts: accepted again.
        crew_step_take(
            work_order=WorkOrder.objects.get(pk=self.order.pk),
            step="accept",
            user=self.other_member,
            fields={},
        )
        self.assertTrue(is_accepted(WorkOrder.objects.get(pk=self.order.pk)))
