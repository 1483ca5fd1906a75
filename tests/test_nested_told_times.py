"""Households below a fuse's outage inside a pole's (fix42b's leftovers). What the household's
card on the public page says it was texted is what its texts said: within ``ETR_MOVE`` of the
fuse's time the pole's was never texted to it, so its card does not say the pole's texts (nor
nothing). A revision of the fuse's time earlier than the pole's is not texted to them: their
power is back only when the pole's is restored too; one later than the pole's is."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation

from powerdesk.community.models import Liaison
from powerdesk.network.models import GridNode
from powerdesk.notifications.models import Channel, Delivery
from powerdesk.notifications.texts import render
from powerdesk.outages.estimates import outage_estimate
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.public.selectors import area_outages, station_status
from tests.base import BaseTestCase
from tests.outage_cast import declared, households_beside_the_fuse, texted
from tests.outage_cast_liaisons import village_liaisons


class NestedToldTimesTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        cast = households_beside_the_fuse(self)
        self.told = cast.below_fuse
        self.now = timezone.now().replace(second=0, microsecond=0)

    def declare(self, device: GridNode, back_in: dt.timedelta) -> Outage:
        return declared(self, device, began=10, back_in=back_in, now=self.now)

    def move(self, outage: Outage, back_in: dt.timedelta) -> None:
        outage_estimate(outage=outage, user=self.chief, expected_restore_at=self.now + back_in)

    def card(self) -> object:
        [card] = area_outages(station_status(self.station_a), self.customer)
        return card

    def test_the_household_s_card_says_the_time_it_was_texted(self) -> None:
        fuse = self.declare(self.fuse, dt.timedelta(hours=1))
        pole = self.declare(self.pole, dt.timedelta(minutes=80))  # within the margin
        self.assertEqual(texted(f"later_time:{pole.pk}"), set())
        card = self.card()
        self.assertEqual(card.expected_restore_at, pole.expected_restore_at)
        self.assertEqual(card.texted_at, fuse.expected_restore_at)
        # The pole's time moved by 15 minutes: not texted to anyone, and its own households
        # were texted 80 minutes; this one still the fuse's hour.
        self.move(pole, dt.timedelta(minutes=95))
        self.assertEqual(self.card().texted_at, fuse.expected_restore_at)

    def test_no_time_texted_is_said_when_it_is_the_one_shown(self) -> None:
        self.declare(self.fuse, dt.timedelta(hours=1))
        pole = self.declare(self.pole, dt.timedelta(hours=4))  # texted its later time
        self.assertEqual(texted(f"later_time:{pole.pk}"), self.told)
        self.assertIsNone(self.card().texted_at)

    def fuse_revisions_to(self, fuse: Outage) -> set[int]:
        return set(
            Delivery.objects.filter(
                notice__key__startswith=f"etr_moved:{fuse.pk}:",
                channel=Channel.SMS,
                customer_id__isnull=False,
            ).values_list("customer_id", flat=True)
        )

    def test_the_fuse_s_revision_never_tells_them_a_time_before_the_pole_s(self) -> None:
        fuse = self.declare(self.fuse, dt.timedelta(hours=1))
        self.declare(self.pole, dt.timedelta(hours=4))  # they were texted its 4 hours
        self.move(fuse, dt.timedelta(hours=2, minutes=30))  # still before the pole's
        self.assertEqual(self.fuse_revisions_to(fuse) & self.told, set())
        self.move(fuse, dt.timedelta(hours=6))  # now after it: their power is back then
        self.assertEqual(self.fuse_revisions_to(fuse) & self.told, self.told)

    def test_their_village_s_liaisons_are_told_no_time_before_the_pole_s(self) -> None:
        """fix43b's leftover: the liaisons of 左门 (its director, 哔叭's group leader) were texted
        the fuse's revision to a time before the pole's, though the pole's outage keeps their
        households below the fuse dark until later. They hear it as the households do."""
        director, leader = self.liaisons()
        fuse = self.declare(self.fuse, dt.timedelta(hours=1))
        self.declare(self.pole, dt.timedelta(hours=4))
        self.move(fuse, dt.timedelta(hours=2, minutes=30))  # still before the pole's
        self.assertEqual(self.fuse_revisions_to(fuse) & self.told, set())
        self.assertEqual(self.liaisons_texted(fuse), {})
        # The fuse's history says whom it did not text, and why.
        line = OutageEvent.objects.get(outage=fuse, what="estimate_spared")
        at = f"{timezone.localtime(self.now + dt.timedelta(hours=2, minutes=30)):%H:%M}"
        self.assertLessEqual(self.told, set(line.note_args["customers"]))
        self.assertEqual(line.note_args["liaisons"], sorted([director.pk, leader.pk]))
        with translation.override("zh-hans"):
            self.assertIn(at, line.shown_note)
            self.assertIn(self.pole.name, line.shown_note)
        with translation.override("en"):
            self.assertTrue(line.shown_note.endswith(", nor 2 village liaisons"))
        self.move(fuse, dt.timedelta(hours=6))  # after it: their power is back then
        texted = self.liaisons_texted(fuse)
        self.assertEqual(set(texted), {director.pk, leader.pk})
        at = f"{timezone.localtime(self.now + dt.timedelta(hours=6)):%H:%M}"
        for text in texted.values():
            self.assertIn(at, text)

    def test_their_village_s_liaisons_get_no_first_text_of_an_earlier_time(self) -> None:
        """The fuse's outage recorded inside the pole's, ending before it: the households below
        the fuse were texted the pole's later time and are not texted the fuse's; their
        village's liaisons are not either (they were texted the fuse's earlier time)."""
        director, leader = self.liaisons()
        pole = self.declare(self.pole, dt.timedelta(hours=4))
        fuse = self.declare(self.fuse, dt.timedelta(hours=1))
        self.assertEqual(texted(f"outage_known:{fuse.pk}") & self.told, set())
        self.assertEqual(self.liaisons_told_known(fuse), set())
        self.assertEqual(self.liaisons_told_known(pole), {director.pk, leader.pk})

    def test_a_fuse_ending_after_the_wider_outage_is_told_to_the_liaisons(self) -> None:
        director, leader = self.liaisons()
        self.declare(self.pole, dt.timedelta(hours=1))
        fuse = self.declare(self.fuse, dt.timedelta(hours=4))  # their power back only then
        self.assertEqual(self.liaisons_told_known(fuse), {director.pk, leader.pk})

    def liaisons(self) -> tuple[Liaison, Liaison]:
        return village_liaisons(self)

    def liaisons_told_known(self, outage: Outage) -> set[int]:
        return set(
            Delivery.objects.filter(
                notice__key=f"outage_known:{outage.pk}", channel=Channel.SMS, liaison__isnull=False
            ).values_list("liaison_id", flat=True)
        )

    def liaisons_texted(self, fuse: Outage) -> dict[int, str]:
        """The liaisons the fuse's revisions texted, with what they read."""
        return {
            d.liaison_id: render(d)
            for d in Delivery.objects.filter(
                notice__key__startswith=f"etr_moved:{fuse.pk}:",
                channel=Channel.SMS,
                liaison__isnull=False,
            )
        }
