"""The classifier on the kinds of call issue 18 names (in notes of our own, written for this test,
never for the corpus), calibrated confidence, and the corpus that teaches it."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path
from unittest import mock

import pytest
from django.test import SimpleTestCase, TestCase

from powerdesk.servicedesk.understanding import model_store, training
from powerdesk.servicedesk.understanding.categories import CODES
from powerdesk.servicedesk.understanding.classifier import ASK_BELOW, Suggestion
from powerdesk.servicedesk.understanding.corpus import generate
from powerdesk.servicedesk.understanding.evaluation import (
    EVALUATION_SETS,
    format_summary,
)
from powerdesk.servicedesk.understanding.evaluation_sets import (
    EIGHTH,
    EIGHTH_JUNK,
    ELEVENTH,
    EVALUATION_FILES,
    FIFTEENTH,
    FIFTH,
    FIFTH_JUNK,
    FOURTEENTH,
    HELD_OUT,
    NINTH,
    SEALED_FILES,
    SEVENTEENTH,
    SEVENTH,
    SEVENTH_JUNK,
    SIXTEENTH,
    SIXTH,
    SIXTH_JUNK,
    TENTH,
    THIRTEENTH,
    TWELFTH,
    TWENTIETH,
    TWENTYFIFTH,
    TWENTYFIRST,
    TWENTYFOURTH,
    TWENTYSECOND,
    TWENTYSIXTH,
    TWENTYTHIRD,
    evaluation_texts,
)
from powerdesk.servicedesk.understanding.notes import (
    APART,
    CORPUS,
    FOURTH,
    FOURTH_JUNK,
    HAND,
    HAND2,
    HAND3,
    HAND_FILES,
    THIRD,
    THIRD_JUNK,
    read_rows,
)
from powerdesk.servicedesk.understanding.store import default_classifier
from powerdesk.servicedesk.understanding.training import train_on_corpus
from tests.servicedesk.model_reports import reports_of
from tests.servicedesk.training import what_training_gets

# A complaint is about how the station treated the caller, whatever the matter it names.
COMPLAINTS = [
    "停电害我家一池子鱼缺氧死光了，你们不给个交代我就不走了",
    "我一个低保户，你们给我算成商业电价，收了大半年的冤枉钱",
    "你们客服电话打过去总是被挂，问个事情比登天还难",
    "电压一直上不去，把我家新买的水泵电机烧坏了，要求赔偿",
    "报修第五天了，工单号都给了，人就是不来",
    "你们办事太拖拉了，改个户名要一个月",
]
HAZARDS = [
    "后山放羊的地方有根线断了趴在草上，羊群就在旁边",
    "鸡圈顶上搭着一根掉下来的电线，鸡都在里面",
    "昨晚打雷，今天早上看到路口的开关箱冒蓝光，啪啪地响",
    "雷雨过后变压器的避雷器那里一直闪火",
]
MEDICAL = [
    "全村停电，我家老爸在用呼吸机，电池快没电了",
    "停电三个小时了，家里有透析病人，机器不能断",
]
PRAISE = [
    "我家表箱冒烟那回，小张师傅十分钟就到了，真的要表扬",
    "上个月我妈的制氧机停电，你们先来我家接的电，太感谢了",
]
NEW_CONNECTIONS = [
    "我在箐底下承包了几十亩地搞养殖，离村里的电线很远，想申请通电",
    "准备在自家房顶上装光伏发电，自发自用余电上网，手续咋个办",
    "我想给养牛的棚子单独装一块电表，按农业用电",
]
CALM = [
    "我家小孩要办过户手续",
    "牛圈想单独装一块电表，要办哪些手续",
    "给牛棚单独拉线要不要交钱，大概多少",
    "我交了两百块电费，怎么还显示欠费，帮我查一下",
]


class KindsOfCallTests(TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.classifier = default_classifier()

    def suggest(self, notes: list[str]) -> list[Suggestion]:
        return self.classifier.suggest(notes)

    def test_a_complaint_is_a_complaint_whatever_it_is_about(self) -> None:
        for note, s in zip(COMPLAINTS, self.suggest(COMPLAINTS), strict=True):
            with self.subTest(note):
                self.assertEqual(s.category, "complaint")

    def test_a_line_near_animals_and_arcing_after_lightning_are_urgent_hazards(self) -> None:
        for note, s in zip(HAZARDS, self.suggest(HAZARDS), strict=True):
            with self.subTest(note):
                self.assertEqual((s.category, s.urgent), ("hazard", True))

    def test_an_outage_with_medical_equipment_at_home_is_an_urgent_fault(self) -> None:
        for note, s in zip(MEDICAL, self.suggest(MEDICAL), strict=True):
            with self.subTest(note):
                self.assertEqual((s.category, s.urgent, s.medical), ("fault_repair", True, True))

    def test_praise_that_remembers_a_danger_is_praise_and_not_urgent(self) -> None:
        for note, s in zip(PRAISE, self.suggest(PRAISE), strict=True):
            with self.subTest(note):
                self.assertEqual((s.category, s.urgent), ("praise", False))

    def test_new_connections_in_unusual_words_are_new_connections(self) -> None:
        for note, s in zip(NEW_CONNECTIONS, self.suggest(NEW_CONNECTIONS), strict=True):
            with self.subTest(note):
                self.assertEqual((s.category, s.urgent), ("new_connection", False))

    def test_calm_calls_are_not_urgent_and_junk_is_other(self) -> None:
        for note, s in zip(CALM, self.suggest(CALM), strict=True):
            with self.subTest(note):
                self.assertFalse(s.urgent)
        for s in self.suggest(["测试号码", "测试", "喂喂喂", "0878 1234567"]):
            self.assertEqual((s.category, s.urgent), ("other", False))


# The session's model measured on the evaluation sets (files): no query but the model's.
@pytest.mark.database_free
class CalibrationTests(TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.reports = reports_of(default_classifier())

    def test_the_confidence_shown_is_calibrated_on_every_evaluation_set(self) -> None:
        # The isotonic calibration showed 0.5 where the model was right eight times in ten
        # (expected calibration error 0.13 on both sets). The temperature is fitted on the
        # training distribution: on the sets written apart, where the model is wrong more
        # often, it drifts (0.089 on the sixth set, measured on arrival); 0.10 is the bound.
        for name, report in self.reports.items():
            with self.subTest(name):
                self.assertLessEqual(report.calibration_error, 0.10)
                self.assertTrue(report.reliability)  # the diagram is in the report

    def test_unsure_means_ask_and_the_two_shown_usually_hold_the_answer(self) -> None:
        for name, report in self.reports.items():
            with self.subTest(name):
                self.assertTrue(0.01 <= report.asked <= 0.15, report.asked)
                # The third set, written apart by another hand, holds the answer among the two
                # shown on 0.73 of the notes asked (when it was frozen): a floor of 0.70 there
                # guards against a worse model, not a goal met.
                floor = 0.70 if name == "another hand (apart)" else 0.75
                self.assertGreaterEqual(report.right_among_two_when_asked, floor)
                self.assertGreaterEqual(report.accuracy_not_asked, report.accuracy)

    def test_the_summary_names_every_set(self) -> None:
        summary = format_summary(self.reports)
        for name in self.reports:
            self.assertIn(name, summary)
        self.assertIn("ECE", summary)

    def test_ask_is_below_the_threshold_only(self) -> None:
        self.assertTrue(Suggestion("billing", False, ASK_BELOW - 0.01, "complaint", 0.3).ask)
        self.assertFalse(Suggestion("billing", False, ASK_BELOW, "complaint", 0.2).ask)


class HandNotesTests(SimpleTestCase):
    """The notes written by hand (DATA_CARD.md): balanced, each once, never an evaluation note,
    and in the training of every model."""

    def test_the_hand_notes_are_balanced_and_each_written_once(self) -> None:
        rows = read_rows(HAND)
        # 120 a category as written; a note equal to a text of an evaluation set written later
        # is dropped from the file (one so far).
        counts = Counter(r["category"] for r in rows)
        self.assertEqual(set(counts), set(CODES))
        self.assertTrue(all(118 <= n <= 120 for n in counts.values()), counts)
        self.assertGreaterEqual(len(rows), 1078)
        self.assertEqual({r["writer"] for r in rows}, {"hand-2026-11"})
        texts = [r["text"] for r in rows]
        self.assertEqual(len(set(texts)), len(texts))

    def test_the_second_hand_notes_cover_every_category_each_written_once(self) -> None:
        rows = read_rows(HAND2)
        counts = Counter(r["category"] for r in rows)
        self.assertEqual(set(counts), set(CODES))
        self.assertGreaterEqual(min(counts.values()), 100)
        self.assertEqual({r["writer"] for r in rows}, {"hand2-2026-11"})
        texts = [r["text"] for r in rows]
        self.assertEqual(len(set(texts)), len(texts))
        first = {r["text"] for r in read_rows(HAND)}
        self.assertEqual([t for t in texts if t in first], [])

    def test_the_third_hand_notes_cover_every_category_each_with_its_need(self) -> None:
        rows = read_rows(HAND3)
        counts = Counter(r["category"] for r in rows)
        self.assertEqual(set(counts), set(CODES))
        self.assertGreaterEqual(min(counts.values()), 20)
        self.assertEqual({r["writer"] for r in rows}, {"hand3-2026-12"})
        self.assertEqual({r["need"] for r in rows}, {"hazard", "medical", ""})
        # Every hazard call is a danger to life; needs are in other categories too.
        self.assertEqual({r["need"] for r in rows if r["category"] == "hazard"}, {"hazard"})
        self.assertGreater(sum(r["need"] != "" for r in rows if r["category"] != "hazard"), 20)
        texts = [r["text"] for r in rows]
        self.assertEqual(len(set(texts)), len(texts))
        earlier = {r["text"] for path in (HAND, HAND2) for r in read_rows(path)}
        self.assertEqual([t for t in texts if t in earlier], [])

    def test_no_training_note_is_an_evaluation_note(self) -> None:
        # Every note of every evaluation set, the third set's junk calls among them, compared by
        # program and counted, never listed: a third-set note is not shown to anyone.
        evaluation = evaluation_texts()
        self.assertEqual(
            EVALUATION_FILES,
            (
                *(HELD_OUT, FIFTH, FIFTH_JUNK, SIXTH, SIXTH_JUNK),
                *(SEVENTH, SEVENTH_JUNK, EIGHTH, EIGHTH_JUNK),
                *SEALED_FILES,
            ),
        )
        self.assertGreater(len(evaluation), 700)  # the evaluation files were read
        for path in HAND_FILES:
            with self.subTest(path.name):
                texts = [r["text"].strip() for r in read_rows(path)]
                self.assertEqual(sum(text in evaluation for text in texts), 0)
        # The generated corpus holds two copies of a short held-out core ("billing/6"), and a
        # clerk may correct a note that is word for word an evaluation note: training leaves
        # them out.
        held_out_note = read_rows(HELD_OUT)[0]["text"]
        with what_training_gets() as train:
            train_on_corpus([(held_out_note, "business"), ("一条新的更正", "billing")])
        notes, groups = train.call_args.args
        self.assertEqual(len(notes), len(groups))
        self.assertEqual(sum(text.strip() in evaluation for text, _ in notes), 0)
        self.assertEqual(notes[-1], ("一条新的更正", "billing"))

    def test_the_model_learns_the_hand_notes_each_as_its_own_group(self) -> None:
        with what_training_gets() as train:
            train_on_corpus([("测试一下更正", "business")])
        notes, groups = train.call_args.args
        hand = [row for path in HAND_FILES for row in read_rows(path)]
        evaluation = evaluation_texts()
        shipped = sum(r["text"].strip() not in evaluation for r in read_rows(CORPUS))
        self.assertEqual(len(notes), shipped + len(hand) + 1)
        self.assertEqual(notes[shipped], (hand[0]["text"], hand[0]["category"]))
        self.assertEqual(
            groups[shipped : shipped + len(hand)], [f"hand/{i}" for i in range(len(hand))]
        )
        self.assertEqual(groups[-1], "correction/0")
        # People's notes weigh as much as three generated ones (DATA_CARD.md, "Confidence").
        weights = train.call_args.kwargs["weights"]
        self.assertEqual(len(weights), len(notes))
        self.assertEqual(set(weights[:shipped]), {1.0})
        self.assertEqual(set(weights[shipped:]), {training.HAND_WEIGHT})

    def test_a_model_trained_before_the_hand_notes_changed_is_not_used(self) -> None:
        shipped = model_store.corpus_fingerprint()
        for number, path in enumerate(HAND_FILES):
            with self.subTest(path.name), tempfile.TemporaryDirectory() as folder:
                edited = Path(folder) / path.name
                edited.write_bytes(path.read_bytes() + b"\n")
                files = list(HAND_FILES)
                files[number] = edited
                with mock.patch.object(model_store, "HAND_FILES", tuple(files)):
                    # The uncached function: the cached one keeps the shipped fingerprint.
                    self.assertNotEqual(model_store.corpus_fingerprint.__wrapped__(), shipped)
        self.assertEqual(HAND_FILES[:6], (HAND, HAND2, HAND3, APART, THIRD, FOURTH))

    def test_a_model_fitted_by_other_code_is_not_used(self) -> None:
        # After an upgrade that changes how notes are read (the Mandarin reading of dialect
        # words, the features), a model kept from before is trained again.
        shipped = model_store.corpus_fingerprint()
        with tempfile.TemporaryDirectory() as folder:
            code = Path(folder)
            for path in model_store.MODEL_CODE.glob("*.py"):
                (code / path.name).write_bytes(path.read_bytes())
            with mock.patch.object(model_store, "MODEL_CODE", code):
                self.assertEqual(model_store.corpus_fingerprint.__wrapped__(), shipped)
                words = code / "danger_words.py"
                words.write_bytes(words.read_bytes() + b"\n# changed\n")
                self.assertNotEqual(model_store.corpus_fingerprint.__wrapped__(), shipped)

    def test_the_retired_sets_are_trained_on_and_no_longer_evaluated(self) -> None:
        # The apart, third and fourth sets had their errors read and mended: they are hands now
        # (DATA_CARD.md, "Sixth round"), and ``classify --eval`` reports the sets nobody read.
        retired = {APART, THIRD, THIRD_JUNK, FOURTH, FOURTH_JUNK}
        self.assertEqual(retired & set(EVALUATION_FILES), set())
        self.assertEqual(retired & set(EVALUATION_SETS.values()), set())
        self.assertEqual(
            set(EVALUATION_SETS.values()),
            {
                HELD_OUT,
                FIFTH,
                SIXTH,
                SEVENTH,
                EIGHTH,
                NINTH,
                TENTH,
                ELEVENTH,
                TWELFTH,
                THIRTEENTH,
                FOURTEENTH,
                FIFTEENTH,
                SIXTEENTH,
                SEVENTEENTH,
                TWENTIETH,
                TWENTYFIRST,
                TWENTYSECOND,
                TWENTYTHIRD,
                TWENTYFOURTH,
                TWENTYFIFTH,
                TWENTYSIXTH,
            },
        )
        with what_training_gets() as train:
            train_on_corpus()
        notes, _ = train.call_args.args
        trained = {text for text, _ in notes}
        for path in (APART, THIRD, FOURTH):
            with self.subTest(path.name):
                self.assertTrue({r["text"] for r in read_rows(path)} <= trained)


class CorpusTests(SimpleTestCase):
    def test_the_shipped_corpus_is_what_the_generator_writes(self) -> None:
        shipped = read_rows(CORPUS)
        self.assertEqual(shipped, list(generate()))

    def test_notes_put_together_from_parts_carry_the_group_of_their_matter(self) -> None:
        rows = list(generate())
        composed = [r for r in rows if ":" in r["template"]]
        self.assertGreater(len(composed), 1500)
        complaints = {r["template"].split(":")[0] for r in composed if r["category"] == "complaint"}
        self.assertIn("complaint/about", complaints)  # a complaint about a request of any kind
        self.assertIn("complaint/bill_wrong", complaints)
