"""One set of label definitions for every hand (DATA_CARD.md, "Seventh round"): a question
about an errand or a new supply is a consultation; doing the errand is business, asking for
supply is a new connection. The hands' files stay as written; ``notes.RELABELS`` lists the
notes whose writer labelled otherwise, and ``Hand.rows`` reads them relabelled. The label audit
(DATA_CARD.md, "Label audit") added paying, the balance and one's bill (billing), tariffs and
policies asked about (consultation), a danger reported with no fault (hazard), and a danger there
now in a call marked calm (urgent, need "hazard"). The notes in the tests of the model are our
own, written for these tests."""

from __future__ import annotations

import json
from collections import Counter

from django.test import SimpleTestCase, TestCase

from powerdesk.servicedesk.understanding.categories import CODES
from powerdesk.servicedesk.understanding.corpus import read_templates
from powerdesk.servicedesk.understanding.notes import HANDS, RELABELS, read_rows
from powerdesk.servicedesk.understanding.store import default_classifier

# Each rule and the (label as written, label) pairs it moves.
RULES = {
    "errand-question": {("business", "consultation")},
    "supply-question": {("new_connection", "consultation")},
    "billing-question": {("consultation", "billing")},
    "tariff-question": {("billing", "consultation")},
    "danger-not-fault": {("fault_repair", "hazard")},
    # A danger to life there now in a note marked calm: the category stays, urgent for hazard.
    "danger-now": {("fault_repair", "fault_repair")},
}
URGENCY_RULES = {"danger-now"}


class RelabelTests(SimpleTestCase):
    def relabels(self) -> list[dict[str, str]]:
        return [json.loads(line) for line in RELABELS.read_text(encoding="utf-8").splitlines()]

    def test_each_relabel_names_one_note_of_its_hand_as_written(self) -> None:
        hands = {hand.name: hand for hand in HANDS}
        relabels = self.relabels()
        self.assertEqual(len({(r["hand"], r["text"]) for r in relabels}), len(relabels))
        for relabel in relabels:
            with self.subTest(relabel["text"]):
                self.assertIn((relabel["from"], relabel["to"]), RULES[relabel["rule"]])
                self.assertIn(relabel["to"], CODES)
                written = read_rows(hands[relabel["hand"]].notes)
                matches = [r for r in written if r["text"] == relabel["text"]]
                self.assertEqual([r["category"] for r in matches], [relabel["from"]])
                if relabel["rule"] in URGENCY_RULES:
                    # Only ever made urgent: no relabel makes a danger or a need calm.
                    self.assertEqual((relabel["urgent"], relabel["need"]), (True, "hazard"))
                    self.assertEqual((matches[0]["urgent"], matches[0]["need"]), (False, ""))
                else:
                    self.assertNotIn("need", relabel)
                if relabel["to"] == "hazard":
                    self.assertEqual((matches[0]["urgent"], matches[0]["need"]), (True, "hazard"))

    def test_a_hand_reads_its_notes_relabelled_and_keeps_what_was_written(self) -> None:
        relabels = self.relabels()
        counts = Counter(r["hand"] for r in relabels if r["from"] != r["to"])
        urgent = Counter(r["hand"] for r in relabels if r["rule"] in URGENCY_RULES)
        self.assertGreater(counts["hand1"], 0)
        self.assertEqual(len(relabels), 101)
        pairs = set().union(*RULES.values())
        for hand in HANDS:
            with self.subTest(hand.name):
                rows = hand.rows()
                moved = [row for row in rows if "written" in row]
                self.assertEqual(len(moved), counts[hand.name])
                self.assertTrue(all((row["written"], row["category"]) in pairs for row in moved))
                made_urgent = [row for row in rows if "written_need" in row]
                self.assertEqual(len(made_urgent), urgent[hand.name])
                self.assertTrue(all(row["urgent"] for row in made_urgent))
                self.assertEqual(len(rows), len(read_rows(hand.notes)))
                as_written = hand.rows(as_written=True)
                self.assertEqual(
                    [row["category"] for row in as_written],
                    [row["category"] for row in read_rows(hand.notes)],
                )

    def test_no_core_of_an_errand_or_a_new_supply_only_asks_how(self) -> None:
        cores = read_templates()
        self.assertIn("卡表换成远程费控表，要办什么", cores["consultation"])
        for category in ("business", "new_connection"):
            for core in cores[category]:
                with self.subTest(core):
                    self.assertFalse(core.endswith(("要办什么", "怎么开，公司那个户")))


class DefinitionsTests(TestCase):
    def test_asking_what_an_errand_needs_is_a_consultation(self) -> None:
        for note in ("请问更改户名要准备哪些证件", "电表校验收不收费？我就问问"):
            with self.subTest(note):
                self.assertEqual(default_classifier().suggest_one(note).category, "consultation")

    def test_doing_the_errand_is_business_and_asking_for_supply_a_new_connection(self) -> None:
        cases = (
            ("户号0533318，户主换成我儿子，证件都带来了，今天在营业厅办", "business"),
            ("欠的电费今早交清了，麻烦给我家恢复供电", "business"),
            ("果园在坡上离线路远，想申请拉一路电过去浇水", "new_connection"),
        )
        for note, category in cases:
            with self.subTest(note):
                self.assertEqual(default_classifier().suggest_one(note).category, category)
