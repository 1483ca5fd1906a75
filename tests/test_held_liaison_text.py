"""A village liaison told of the inner outage (the fuse), holding the wider one's time (the
pole's revision), is texted the fuse's time by one text whether or not it was held by its quiet
time first (fix61a's leftover): its "still open" text, as the households below the fuse are.
Held, it was sent the fuse's revision instead ("now expected back by"), and so was 左门's
director, who keeps the pole's time for 钱七 outside the fuse and is not texted when nothing is
held."""

from __future__ import annotations

import datetime as dt

from powerdesk.notifications.models import Channel, Delivery
from powerdesk.outages.models import Outage, OutageEvent
from tests.outage_cast_told import PoleTextedFirstTestCase
from tests.test_held_per_person import scan
from tests.test_own_revision_quiet import liaison_times

HOUR = dt.timedelta(hours=1)
MIN = dt.timedelta(minutes=1)


class HeldLiaisonTextTests(PoleTextedFirstTestCase):
    """The pole's 14:00 texted first; the fuse's 15:00 texted to those below it at once; the
    pole's 14:40 texted to all at +31; the fuse's 15:25 (a move of 25 of its own)."""

    def texts(self, fuse: Outage) -> dict[str, list[tuple[str, str]]]:
        """The fuse's texts to each liaison and household below it: (kind, time)."""
        found = {
            "leader": liaison_times(fuse, self.leader.pk),
            "director": liaison_times(fuse, self.director.pk),
        }
        for customer in sorted(self.below_fuse):
            rows = Delivery.objects.filter(
                notice__subject_id=fuse.pk, channel=Channel.SMS, customer_id=customer
            ).order_by("notice__created_at", "pk")
            found[f"household {customer}"] = list(
                dict.fromkeys(
                    (d.notice.key.split(":")[0], d.notice.facts["etr"][:16]) for d in rows
                )
            )
        return found

    def templates(self, fuse: Outage) -> set[str]:
        return set(
            Delivery.objects.filter(notice__subject_id=fuse.pk, liaison_id=self.leader.pk)
            .exclude(notice__key__startswith="outage_known:")
            .values_list("template", flat=True)
        )

    def assert_told_once(self, fuse: Outage) -> None:
        """The leader and the households below the fuse are texted its 15:25 by its "still
        open" text, once; the director is texted nothing more."""
        first = ("outage_known", self.at(3 * HOUR))
        told = [first, ("inner_later", self.at(3 * HOUR + 25 * MIN))]
        texts = self.texts(fuse)
        self.assertEqual(texts.pop("leader"), told)
        self.assertEqual(texts.pop("director"), [first])  # 钱七's time is the pole's
        self.assertEqual(self.templates(fuse), {"still_open"})
        for who, times in texts.items():
            self.assertEqual(times, told, who)

    def test_held_by_their_quiet_time(self) -> None:
        fuse = self.find_fuse(3 * HOUR)
        self.revise(self.pole_outage, 2 * HOUR + 40 * MIN, after=31)
        # At +40 each was texted the pole's 14:40 nine minutes ago: held to +61.
        self.revise(fuse, 3 * HOUR + 25 * MIN, after=40)
        line = OutageEvent.objects.get(outage=fuse, what="estimate_held")
        self.assertEqual(line.note_args["due"][:16], self.at(61 * MIN))
        first = ("outage_known", self.at(3 * HOUR))
        self.assertEqual({tuple(t) for t in self.texts(fuse).values()}, {(first,)})
        self.assertEqual(scan(self.now, 62), 1)
        self.assertEqual(scan(self.now, 63), 0)
        self.assert_told_once(fuse)

    def test_not_held(self) -> None:
        """The fuse's 15:25 at +63: their quiet time is over."""
        fuse = self.find_fuse(3 * HOUR)
        self.revise(self.pole_outage, 2 * HOUR + 40 * MIN, after=31)
        self.revise(fuse, 3 * HOUR + 25 * MIN, after=63)
        self.assertFalse(OutageEvent.objects.filter(outage=fuse, what="estimate_held").exists())
        self.assertEqual(scan(self.now, 100), 0)
        self.assert_told_once(fuse)
