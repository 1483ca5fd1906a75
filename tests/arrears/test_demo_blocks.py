"""What blocks each arrears case of the demo station, as stored (``blocked_by``: the list, the
chief's panel, the API's ``blocked=``), is what ``blocks.block_of`` reads now (the case's page,
the refusals) (review73, L4), and stays so while the steps change what blocks a case.

The demo's builder saves every case through ``ArrearsCase.save``, which stores ``block_of`` as
it reads at that moment: comparing the freshly built station with ``block_of`` alone could only
fail if a builder bypassed ``save`` (review74, L4). So the station is also taken through the
steps that change a block after it was stored, as a desk would: the household of the approved
case names a machine it lives by (blocked by its words), the chief's visit lifts that, and the
household names one again (blocked again). After each, every case's stored block is read back
from the database and must be the block read now, and the one the rules give."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import TestCase

from powerdesk.accounts.models import User
from powerdesk.arrears.blocks import BY_FLAG, BY_WORDS, block_of
from powerdesk.arrears.lift import block_lift
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.words_later import said_later_record
from powerdesk.demo.seasons import TZ
from tests.demo_station import REFERENCE_APPS, TODAY, load_demo

# The afternoon of the demo's day: its cases' histories end before it.
SAID = dt.datetime.combine(TODAY, dt.time(14, 0), tzinfo=TZ)
VISITED, LIFTED, SAID_AGAIN = (SAID + dt.timedelta(hours=h) for h in (1, 2, 3))


class DemoBlocksTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(TODAY, only={*REFERENCE_APPS, "arrears"})

    def blocks(self) -> dict[str, tuple[str, str]]:
        """Each case's (stored, read now) block, by household: read from the database."""
        cases = ArrearsCase.objects.select_related("customer").order_by("pk")
        return {c.customer.name: (c.blocked_by, block_of(c)) for c in cases}

    def demo_blocks(self) -> dict[str, str]:
        """The blocks the demo's story gives: the household that needs care blocked by its
        customer's flag; the household that came to the counter after its notice, before its
        check, and named a ventilator (``demo._said_before_check``) blocked by its words; nothing
        blocks the others."""
        cases = ArrearsCase.objects.select_related("customer").order_by("pk")
        return {
            c.customer.name: BY_FLAG
            if c.customer.medical_need
            else BY_WORDS
            if c.stage == ArrearsCase.Stage.NOTICE_GIVEN and c.words_at is not None
            else ""
            for c in cases
        }

    def assert_blocks(self, expected: dict[str, str]) -> None:
        blocks = self.blocks()
        self.assertEqual({name: stored for name, (stored, _) in blocks.items()}, expected)
        self.assertEqual({name: now for name, (_, now) in blocks.items()}, expected)

    def test_every_demo_case_stores_the_block_it_has_now(self) -> None:
        cases = list(ArrearsCase.objects.select_related("customer").order_by("pk"))
        self.assertGreaterEqual(len(cases), 5)
        expected = self.demo_blocks()
        self.assertEqual(sorted(expected.values()).count(BY_WORDS), 1)  # the demo's story
        self.assert_blocks(expected)

    def test_the_stored_block_follows_words_a_lift_and_words_again(self) -> None:
        cases = ArrearsCase.objects.select_related("customer").order_by("pk")
        expected = self.demo_blocks()
        case = cases.get(stage=ArrearsCase.Stage.APPROVED)
        clerk, chief = (User.objects.get(username=u) for u in ("gl_counter", "gl_chief"))

        with time_machine.travel(SAID, tick=False):
            said_later_record(case=case, user=clerk, words="老伴晚上睡觉要用呼吸机")
        self.assert_blocks({**expected, case.customer.name: BY_WORDS})

        case = ArrearsCase.objects.select_related("customer").get(pk=case.pk)
        with time_machine.travel(LIFTED, tick=False):
            block_lift(
                case=case,
                user=chief,
                visited_by="杨所长",
                visited_at=VISITED,
                found="呼吸机是亲戚寄放的，没有人用，家里无人靠电维持生命",
                no_life_support=True,
            )
        self.assert_blocks(expected)

        case = ArrearsCase.objects.select_related("customer").get(pk=case.pk)
        with time_machine.travel(SAID_AGAIN, tick=False):
            said_later_record(case=case, user=clerk, words="户主母亲刚出院，家里有人用制氧机")
        self.assert_blocks({**expected, case.customer.name: BY_WORDS})
