"""Two readings of the thirty-seventh round's rules that a review found silencing what is
urgent (review 38, findings 7 and 8), and what stays calm beside them. The notes are our own,
written for these tests.

- A note saying the power is back is no need now, unless the machine then fails or the patient
  is in distress: the surge after a restore.
- Thanks for a time past ("那段时间", "上次") do not silence a danger told in a later clause
  that opens on now, unless that clause says it is dealt with.
"""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.urgency import findings

FAILED_AFTER_THE_RESTORE = [
    "现在来电了，但是我家老人的制氧机开不起来，喘不上气",
    "家里来电了，制氧机坏了，老人喘不上气，快来人",
    "现在有电了，我妈在做腹膜透析，机器显示电源故障",
    "刚才停电，现在来电了，呼吸机烧坏了，人在喘",
]
POWER_BACK_AND_WELL = [
    "现在有电了，谢谢，我妈的制氧机也用上了",
    "现在有电的，问一下制氧机用电能不能便宜",
]
THANKS_THEN_DANGER_NOW = [
    "那段时间你们辛苦了，今天早上电线掉下来了还带电",
    "谢谢你们那段时间的帮忙，刚刚变压器冒烟了",
    "上次你们辛苦了，今天早上电线掉下来了还带电",
]
THANKS_FOR_A_DANGER_PAST = [
    "谢谢师傅们，前天滑坡把杆子冲倒，你们连夜立了新杆，现在一点事都没有了",
    "我想表扬巡线班，上个礼拜发现我屋后的树快挨到线了，帮我砍了，现在砍了我也放心了，不然哪天起火都不晓得",
    "今天电线掉了，你们很快修好了，谢谢",
]


POWER_BACK_A_MOMENT = ["刚才来电了一下，又停了", "来电了一下又停了"]


class PowerBackAMomentTests(SimpleTestCase):
    """Walk39, 8: power back for a moment is no electric shock; being shocked still is."""

    def test_power_back_a_moment_is_no_danger(self) -> None:
        for text in POWER_BACK_A_MOMENT:
            with self.subTest(text):
                self.assertEqual(findings(text).dangers, ())

    def test_a_shock_is_still_one(self) -> None:
        self.assertTrue(findings("孩子被电了一下，哭个不停").urgent)


class PowerBackThenFailingTests(SimpleTestCase):
    def test_a_machine_failing_after_the_restore_is_a_medical_need(self) -> None:
        for text in FAILED_AFTER_THE_RESTORE:
            with self.subTest(text):
                found = findings(text)
                self.assertTrue(found.medical)
                self.assertTrue(found.urgent)

    def test_the_power_back_and_the_machine_running_is_none(self) -> None:
        for text in POWER_BACK_AND_WELL:
            with self.subTest(text):
                self.assertFalse(findings(text).urgent)


class ThanksThenNowTests(SimpleTestCase):
    def test_a_danger_told_now_after_thanks_is_urgent(self) -> None:
        for text in THANKS_THEN_DANGER_NOW:
            with self.subTest(text):
                found = findings(text)
                self.assertFalse(found.in_thanks)
                self.assertTrue(found.dangers)
                self.assertTrue(found.urgent)

    def test_thanks_for_a_danger_dealt_with_stay_calm(self) -> None:
        for text in THANKS_FOR_A_DANGER_PAST:
            with self.subTest(text):
                self.assertFalse(findings(text).urgent)
