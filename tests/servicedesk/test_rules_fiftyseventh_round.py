"""The fifty-seventh round (issue 18): the model reads what the rules read; a denied machine is
calm.

- The rules read a note plain (``unhidden``: traditional characters as simplified, invisible
  characters taken out, a space inside a word joined), the learned model and detector read it as
  typed: "家裡老人用製氧機，停電了", "电 线 掉 了", "制\u200b氧机" weighed as other words than the
  plain note's, and its category, confidence and the learned detector's reading could differ from
  the plain note's. The model now reads the note as the rules do (``features.for_model``), in
  training and at the desk alike: such a note gets what the plain one gets.
- "停电了，家里没有制氧机", "没有人用呼吸机的": calm by the rules, but the learned detector made
  them urgent or asked the clerk to check. Every machine and patient named denied, and nothing
  else in the note a need could be said with (``machine_denied``), the detector is not heard;
  a denied machine beside a person, a word of health, dependence or haste is read as before.

The notes are our own, written for these tests; no evaluation note was read.
"""

from __future__ import annotations

from django.test import SimpleTestCase, TestCase

from powerdesk.servicedesk.understanding.detector import overheard, vetoed
from powerdesk.servicedesk.understanding.features import for_model
from powerdesk.servicedesk.understanding.store import default_classifier
from powerdesk.servicedesk.understanding.urgency import findings

# (the plain note, the same note as it may come typed: traditional, invisible characters, spaced)
HIDDEN = (
    ("家里老人用制氧机，停电了，快来", "家裡老人用製氧機，停電了，快來"),
    ("我们村口的电线断了掉在路上", "我們村口的電線斷了掉在路上"),
    ("请问怎么办理过户手续", "請問怎麼辦理過戶手續"),
    ("老人用制氧机，停电了", "老人用制\u200b氧\u2060机，停电了"),
    ("电线掉了在打火", "电\u200b线掉了在打\ufeff火"),
    ("这个月电费怎么这么高", "这个月电\u00ad费怎么这么高"),
    ("电线掉了，小孩在旁边", "电 线 掉 了，小孩在旁边"),
    ("老人用制氧机，停电了", "老人用制 氧 机，停电了"),
)


class ModelReadsPlainTests(SimpleTestCase):
    def test_the_model_reads_a_hidden_note_as_the_plain_one(self) -> None:
        for plain, hidden in HIDDEN:
            with self.subTest(hidden):
                self.assertEqual(for_model(hidden), for_model(plain))

    def test_a_space_between_clauses_is_still_read_as_typed(self) -> None:
        # (the rules read it as a clause's end; so does the model)
        self.assertEqual(for_model("没电 线断了"), "没电 线断了")

    def test_training_reads_the_notes_plain_too(self) -> None:
        from powerdesk.servicedesk.understanding.training import training_notes

        hands = [{"text": hidden, "category": "fault_repair", "hand": "h"} for _, hidden in HIDDEN]
        read = training_notes(hands).read[-len(HIDDEN) :]
        self.assertEqual(read, [for_model(plain) for plain, _ in HIDDEN])


class HiddenNoteSuggestionTests(TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.classifier = default_classifier()

    def test_a_hidden_note_gets_the_plain_notes_category_urgency_and_confidence(self) -> None:
        for plain, hidden in HIDDEN:
            with self.subTest(hidden):
                seen, typed = self.classifier.suggest([plain, hidden])
                self.assertEqual(
                    (typed.category, typed.urgent, typed.learned, typed.alternative),
                    (seen.category, seen.urgent, seen.learned, seen.alternative),
                )
                self.assertAlmostEqual(typed.confidence, seen.confidence, places=6)


DENIED_ONLY = (
    "家里没有制氧机",
    "停电了，家里没有制氧机",
    "没有人用呼吸机的",
    "停电了，没有用呼吸机的",
    "停电了，家里没有卧床病人和用制氧机的",
    "家里没有病人，也没有制氧机",
)
# A denied machine beside something a need could be said with: read as before (the rules, and the
# learned detector heard).
NOT_ONLY_DENIED = (
    "停电了，家里没有制氧机，老人喘不上气",
    "家里没有制氧机，但是我妈身体不好，停电了",
    "停电了，没有呼吸机，我爸在床上躺着",
    "停电了，家里没有制氧机，快点来",
    "没有制氧机，只有氧气瓶，停电了",
)


class DeniedMachineTests(SimpleTestCase):
    def test_a_machine_only_denied_silences_the_detector(self) -> None:
        for note in DENIED_ONLY:
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.urgent, found)
                self.assertTrue(found.machine_denied, found)
                self.assertTrue(vetoed(found, "fault_repair"))
                self.assertFalse(overheard(found, "fault_repair", 0.99))

    def test_a_denied_machine_beside_a_word_of_need_is_read_as_before(self) -> None:
        for note in NOT_ONLY_DENIED:
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.machine_denied, found)
                self.assertFalse(vetoed(found, "fault_repair") and not found.urgent, found)

    def test_needs_said_with_a_denial_stay_needs(self) -> None:
        for note in (
            "停电了，老父亲没有制氧机活不了",
            "停电了，我妈不能没有呼吸机",
            "家里没有发电机，老人用制氧机，停电了",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.medical, found)
                self.assertFalse(found.machine_denied, found)


class DeniedMachineAtTheDeskTests(TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.classifier = default_classifier()

    def test_a_machine_only_denied_is_calm_and_the_clerk_is_not_asked_about_it(self) -> None:
        for note, suggestion in zip(
            DENIED_ONLY, self.classifier.suggest(list(DENIED_ONLY)), strict=True
        ):
            with self.subTest(note):
                self.assertFalse(suggestion.urgent, suggestion)
                self.assertFalse(suggestion.learned, suggestion)
