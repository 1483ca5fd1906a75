"""The fifty-sixth round (issue 18): a medical need said in a double negative. "家里停电了，老父亲
没有制氧机活不了" and "停电了，我妈不能没有呼吸机" were calm: the rules read the 没有 before the
machine as a denial. A denial denied ("不能没有", "一天也不能没有"), or followed by the household's
dependence ("活不了", "就不行", "就得去医院", "的话"), is none: a need now, urgent, with the
medical need's reason and advice (``Findings.medical``). The arrears household check already read
them so; the words are now one list for both (``without_it``). Beside them, the calm ones a
denial covers: a denial of a list covers each word of it ("家里没有老人和病人" was urgent), nobody
who uses a machine, no machine, a machine no longer used, praise that remembers a need. The same
in English ("dad can't live without his oxygen machine").

The notes are our own, written for these tests; no evaluation note was read.
"""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.urgency import findings


class NeedSaidInADoubleNegativeTests(SimpleTestCase):
    def assert_need(self, *notes: str) -> None:
        for note in notes:
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.urgent, found)
                self.assertTrue(found.medical, found)

    def test_a_denial_denied_is_a_need_now(self) -> None:
        self.assert_need(
            "停电了，我妈不能没有呼吸机",
            "又停电了 我爸一天也不能没有氧气",
            "没电了，奶奶一刻都不能没有制氧机，快派人来",
            "停电了，家里不是没有病人，老太太卧床好几年了",
        )

    def test_a_denial_followed_by_dependence_is_a_need_now(self) -> None:
        self.assert_need(
            "家里停电了，老父亲没有制氧机活不了，快来",
            "停电了，老人没有制氧机就不行",
            "没电了，我爸没有透析机器就得住院",
            "停电了，老头没有呼吸机的话活不成",
            # (the dependence said in the next clause)
            "停电了，没有制氧机，他活不了",
            "停电快三个钟头了 没有呼吸机 她喘不过气",
        )

    def test_a_need_said_by_what_they_cannot_be_without_stays_a_need(self) -> None:
        self.assert_need(
            "停电了，老人离不开制氧机",
            "停电了，我爸一刻也离不开氧气",
            "停电了，没了制氧机就得去医院",
            "停电了，缺了制氧机不行",
        )

    def test_the_same_in_english(self) -> None:
        self.assert_need(
            "dad can't live without his oxygen machine",
            "mum can't do without her ventilator",
            "power is out, dad can't live without his oxygen machine",
            "no power, without the ventilator she would die",
        )


class DenialThatCoversTests(SimpleTestCase):
    def assert_calm(self, *notes: str) -> None:
        for note in notes:
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.urgent, found)
                self.assertFalse(found.medical, found)

    def test_a_denial_of_a_list_covers_each_word_of_it(self) -> None:
        self.assert_calm(
            "停电了，家里没有老人和病人",
            "停电了，家里没有老人、病人",
            "停电了，家里没有老人病人，不着急",
            "停电了，家里没有卧床病人和用制氧机的",
            "停电了，家里没有病人，也没有制氧机",
        )

    def test_nobody_who_uses_a_machine_and_no_machine(self) -> None:
        self.assert_calm(
            "停电了，家里没有人用呼吸机的",
            "停电了，没有用呼吸机的",
            "停电了，家里没有制氧机",
            "no power, nobody here uses a ventilator",
            "power cut, no one at home is on an oxygen machine",
            "no power, we have no oxygen machine at home",
        )

    def test_a_machine_no_longer_used(self) -> None:
        self.assert_calm(
            "停电了，以前用过制氧机，现在不用了",
            "power is off, she used to be on a ventilator but not any more",
        )

    def test_praise_that_remembers_a_need(self) -> None:
        self.assert_calm(
            "谢谢你们，上次停电我爸离不开制氧机，你们先给我们送的电",
            "去年停电我妈没有制氧机就不行，你们连夜来修好了，表扬",
            "thanks for restoring power fast last week, dad can't live without his oxygen machine",
        )

    def test_a_machine_in_use_after_a_denial_of_something_else_is_still_a_need(self) -> None:
        for note in (
            "停电了，家里没有发电机，老人用制氧机",
            "停电了 家里没人 奶奶一个人用着呼吸机",
            "停电了，老人用不了制氧机",
            "nobody came yet, dad's ventilator stopped, no power",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).urgent, findings(note))


class SharedReadingTests(SimpleTestCase):
    def test_the_shared_readings_examples(self) -> None:
        import doctest

        from powerdesk.servicedesk.understanding import english, without_it

        for module in (without_it, english):
            with self.subTest(module.__name__):
                self.assertEqual(doctest.testmod(module).failed, 0)
