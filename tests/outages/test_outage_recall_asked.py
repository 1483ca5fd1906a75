"""An outage's recall reads what it acts on under its lock (review61 L3) and answers what it did
(fix64b): the crew called back and whether it was told, for the page and the API to say;
the crew the asker saw named, so that a crew sent since is never called back by a page drawn
before; called back already, done (nothing stored nor told) rather than refused."""

from __future__ import annotations

from django.contrib import messages

from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.outages.recall import RECALLED, outage_recall, recall_said
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.models import WorkOrderStatus
from tests.servicedesk.crew_cast import A_PHONE, B_PHONE, CrewOrderTestCase, outage_job


class RecallAskedTests(CrewOrderTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.outage, self.job = outage_job(self)

    def test_the_crew_called_back_and_its_telling_are_the_service_s_answer(self) -> None:
        recall = outage_recall(outage=self.outage, user=self.chief, crew=self.crew)
        self.assertEqual((recall.crew, recall.texted, recall.told_in_app), (self.crew, True, True))
        level, said = recall_said(recall)
        self.assertEqual(level, messages.SUCCESS)
        self.assertIn("抢修一班", said)
        line = self.outage.events.get(what=RECALLED)
        self.assertEqual(line.note_args.get("crew_id"), self.crew.pk)

    def test_a_page_drawn_before_another_crew_was_sent_calls_none_back(self) -> None:
        # The page showed 抢修一班; 抢修二班 was sent meanwhile (from the board).
        outage_dispatch(outage=self.outage, crew=self.other_crew, user=self.chief)
        with self.assertRaisesMessage(OutageError, "抢修二班"):
            outage_recall(outage=self.outage, user=self.chief, crew=self.crew)
        self.assertEqual(OutageLink.objects.get(outage=self.outage).crew, self.other_crew)
        self.assertEqual(self.outage.events.filter(what=RECALLED).count(), 0)
        self.assertNotIn("crew_taken_off_sms", self.texts(B_PHONE))

    def test_the_crew_named_called_back_already_is_done_not_refused(self) -> None:
        outage_recall(outage=self.outage, user=self.chief, crew=self.crew)
        texts = self.texts(A_PHONE)
        again = outage_recall(outage=self.outage, user=self.chief, crew=self.crew)
        self.assertEqual((again.already, again.crew), (True, self.crew))
        self.assertEqual(recall_said(again)[0], messages.INFO)
        self.assertEqual(self.texts(A_PHONE), texts)
        # Another crew named, that never had it: refused, as an outage without a crew is.
        with self.assertRaises(OutageError):
            outage_recall(outage=self.outage, user=self.chief, crew=self.other_crew)

    def test_the_outage_s_state_is_read_under_the_lock_not_from_the_asker_s_copy(self) -> None:
        stale = Outage.objects.get(pk=self.outage.pk)
        Outage.objects.filter(pk=self.outage.pk).update(status=Outage.Status.RESTORED)
        self.assertEqual(stale.status, Outage.Status.ACTIVE)
        with self.assertRaises(OutageError):
            outage_recall(outage=stale, user=self.chief)
        self.job.refresh_from_db()
        self.assertEqual((self.job.crew, self.job.status), (self.crew, WorkOrderStatus.DISPATCHED))

    def test_a_crew_nobody_of_which_is_told_is_to_be_rung(self) -> None:
        self.crew.members.clear()
        self.crew.phone = ""
        self.crew.save(update_fields=["phone"])
        recall = outage_recall(outage=self.outage, user=self.chief)
        self.assertEqual((recall.texted, recall.told_in_app), (False, False))
        self.assertEqual(recall_said(recall)[0], messages.WARNING)
