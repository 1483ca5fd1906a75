"""A fuse's outage found within the pole's its households were texted first (fix53e): they hold
the pole's time, and are left out of the fuse's estimate texts. When the fuse's time is revised
to one ``ETR_MOVE`` or more later than theirs, it is the one keeping them dark longer: they are
texted that it is still off with its time, once; from then on they count as told of it (its
revisions reach them, the pole's earlier than its do not, the pole's later still do). A time
within the margin of theirs texts them nothing; the pole's other households, and those told
of the fuse itself, hear what they heard before."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from powerdesk.customers.models import Customer
from powerdesk.notifications.estimate_held import etr_held_scan
from powerdesk.notifications.estimate_texts import notify_etr_moved
from powerdesk.notifications.models import Channel, Delivery, DeliveryState, Notice
from powerdesk.outages.models import Outage, OutageEvent
from tests.outage_cast import declared, texted
from tests.outage_cast_told import PoleTextedFirstTestCase

HOUR = dt.timedelta(hours=1)


class InnerLaterRevisedTests(PoleTextedFirstTestCase):
    """Here the pole is back in 2 h ("14:00")."""

    def sms_of(self, outage: Outage, *, liaisons: bool = False) -> list[Delivery]:
        """The texts to households (``liaisons``: to liaisons) about ``outage``, oldest first."""
        found = Delivery.objects.filter(
            notice__subject_id=outage.pk, channel=Channel.SMS
        ).select_related("notice")
        found = (
            found.filter(liaison__isnull=False)
            if liaisons
            else found.filter(customer__isnull=False)
        )
        return list(found.order_by("notice__created_at", "pk"))

    def test_the_fuse_s_later_time_is_texted_to_those_told_the_pole_s(self) -> None:
        fuse_outage = self.find_fuse(2 * HOUR + dt.timedelta(minutes=10))  # "14:10"
        self.assertEqual(texted(f"outage_known:{fuse_outage.pk}") & self.below_fuse, set())
        self.revise(fuse_outage, 4 * HOUR)  # "16:00"
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse_outage, customer), [self.at(4 * HOUR)])
        told = [d for d in self.sms_of(fuse_outage) if d.customer_id in self.below_fuse]
        self.assertEqual({d.template for d in told}, {"still_open"})
        line = OutageEvent.objects.get(outage=fuse_outage, what="later_time_told")
        self.assertEqual(set(line.note_args["customers"]), self.below_fuse)
        self.assertEqual(line.note_args["outages"], [self.pole_outage.pk])
        with translation.override("en"):
            self.assertIn("above it", line.shown_note)
            self.assertIn(f"{timezone.localtime(self.now + 4 * HOUR):%H:%M}", line.shown_note)
        # Told of it now: its next revision reaches them.
        self.revise(fuse_outage, 4 * HOUR + dt.timedelta(minutes=40), after=31)  # "16:40"
        for customer in self.below_fuse:
            self.assertEqual(
                self.times_to(fuse_outage, customer),
                [self.at(4 * HOUR), self.at(4 * HOUR + dt.timedelta(minutes=40))],
            )
        # The pole's 13:30 is not when their power is back: not texted to them.
        self.revise(self.pole_outage, HOUR + dt.timedelta(minutes=30), after=32)
        self.assertIn(self.beside, self.households(self.pole_outage, 1))
        self.assertEqual(self.households(self.pole_outage, 1) & self.below_fuse, set())
        # The pole's 17:00 is later than the fuse's: it reaches them.
        self.revise(self.pole_outage, 5 * HOUR, after=63)
        self.assertLessEqual(self.below_fuse | {self.beside}, self.households(self.pole_outage, 2))
        self.assertEqual(Notice.objects.filter(key__startswith="inner_later:").count(), 1)

    def households(self, outage: Outage, n: int) -> set[int]:
        """The households the ``n``-th revision of ``outage`` texted."""
        return {
            d.customer_id
            for d in Delivery.objects.filter(
                notice__key__startswith=f"etr_moved:{outage.pk}:",
                notice__key__endswith=f":{n}",
                channel=Channel.SMS,
                customer__isnull=False,
            )
        }

    def test_a_time_within_the_margin_of_the_pole_s_is_no_text(self) -> None:
        fuse_outage = self.find_fuse(HOUR)  # "13:00": earlier than the pole's
        self.revise(fuse_outage, 2 * HOUR + dt.timedelta(minutes=10))  # "14:10"
        self.assertEqual({d.customer_id for d in self.sms_of(fuse_outage)} & self.below_fuse, set())
        self.assertFalse(OutageEvent.objects.filter(outage=fuse_outage, what="later_time_told"))

    def test_a_smaller_move_of_its_own_is_texted_to_them_after_the_quiet_time(self) -> None:
        """The fuse found with 14:20 (within the margin of the pole's 14:00), then 14:45: a move
        of 25 minutes is no revision of its own, but 45 minutes later than theirs. Within the
        quiet time after its first text it is held; after it, texted to them alone."""
        fuse_outage = self.find_fuse(2 * HOUR + dt.timedelta(minutes=20))
        self.revise(fuse_outage, 2 * HOUR + dt.timedelta(minutes=45), after=5)
        self.assertEqual({d.customer_id for d in self.sms_of(fuse_outage)} & self.below_fuse, set())
        self.assertTrue(OutageEvent.objects.filter(outage=fuse_outage, what="estimate_held"))
        with time_machine.travel(self.now + dt.timedelta(minutes=31), tick=False):
            etr_held_scan()
        for customer in self.below_fuse:
            self.assertEqual(
                self.times_to(fuse_outage, customer), [self.at(2 * HOUR + dt.timedelta(minutes=45))]
            )
        self.assertFalse(Notice.objects.filter(key__startswith=f"etr_moved:{fuse_outage.pk}:"))

    def test_the_liaison_of_a_group_all_below_the_fuse_alike(self) -> None:
        """哔叭's group leader: spared the fuse's first text (13:00, earlier than the pole's),
        texted its 16:00 once, not the pole's 13:30, and the pole's 17:00."""
        fuse_outage = self.find_fuse(HOUR)
        self.assertNotIn(
            self.leader.pk, {d.liaison_id for d in self.sms_of(fuse_outage, liaisons=True)}
        )
        self.revise(fuse_outage, 4 * HOUR)
        leader = [
            d for d in self.sms_of(fuse_outage, liaisons=True) if d.liaison_id == self.leader.pk
        ]
        self.assertEqual([d.notice.facts["etr"][:16] for d in leader], [self.at(4 * HOUR)])
        for customer in self.below_fuse:
            self.assertEqual(self.times_to(fuse_outage, customer), [self.at(4 * HOUR)])
        self.revise(self.pole_outage, HOUR + dt.timedelta(minutes=30), after=32)
        pole = self.sms_of(self.pole_outage, liaisons=True)
        self.assertNotIn(
            self.leader.pk, {d.liaison_id for d in pole if "etr_moved" in d.notice.key}
        )
        self.revise(self.pole_outage, 5 * HOUR, after=63)
        pole = self.sms_of(self.pole_outage, liaisons=True)
        self.assertIn(self.leader.pk, {d.liaison_id for d in pole if "etr_moved" in d.notice.key})

    def test_the_pole_s_other_households_are_texted_as_before(self) -> None:
        fuse_outage = self.find_fuse(2 * HOUR + dt.timedelta(minutes=10))
        self.revise(fuse_outage, 4 * HOUR)
        self.assertEqual(self.times_to(fuse_outage, self.beside), [])
        self.revise(self.pole_outage, HOUR + dt.timedelta(minutes=30), after=32)
        self.revise(self.pole_outage, 5 * HOUR, after=63)
        self.assertEqual(
            self.times_to(self.pole_outage, self.beside),
            [self.at(2 * HOUR), self.at(HOUR + dt.timedelta(minutes=30)), self.at(5 * HOUR)],
        )

    def test_a_household_told_of_the_fuse_itself_hears_its_revision_once(self) -> None:
        """李四's text of the pole failed for good: the fuse's first text told them its own
        time, and its revision reaches them as before, not a second time."""
        li = Customer.objects.get(name="李四").pk
        Delivery.objects.filter(customer_id=li).update(state=DeliveryState.FAILED_PERMANENT)
        fuse_outage = self.find_fuse(2 * HOUR + dt.timedelta(minutes=10))
        self.revise(fuse_outage, 4 * HOUR)
        self.assertEqual(
            self.times_to(fuse_outage, li),
            [self.at(2 * HOUR + dt.timedelta(minutes=10)), self.at(4 * HOUR)],
        )
        self.assertEqual(
            list(
                dict.fromkeys(d.template for d in self.sms_of(fuse_outage) if d.customer_id == li)
            ),
            ["outage_known", "etr_moved"],
        )
        others = self.below_fuse - {li}
        self.assertEqual(
            {d.customer_id for d in self.sms_of(fuse_outage) if d.template == "still_open"}, others
        )

    def queries(self, households: int) -> int:
        """The queries of the fuse's revision told to ``households`` more below the fuse."""
        with transaction.atomic():
            self.more_below_the_fuse(households, "5325009", "+86139100")
            pole = declared(self, self.pole, began=10, back_in=2 * HOUR, now=self.now)
            fuse = self.find_fuse(2 * HOUR + dt.timedelta(minutes=10))
            Outage.objects.filter(pk=fuse.pk).update(expected_restore_at=self.now + 4 * HOUR)
            fuse.refresh_from_db()
            with CaptureQueriesContext(connection) as captured:
                notify_etr_moved(fuse, self.now + 2 * HOUR + dt.timedelta(minutes=10))
            told = Delivery.objects.filter(
                notice__key__startswith=f"inner_later:{fuse.pk}:"
            ).count()
            self.assertEqual(told, households + len(self.below_fuse) + 1)  # 李四's two mobiles
            del pole
            transaction.set_rollback(True)
        return len(captured)

    def test_the_queries_do_not_grow_with_the_households(self) -> None:
        self.pole_outage.delete()
        self.assertEqual(self.queries(3), self.queries(30))
