"""The power off said in English (walk44, 1). Under a recorded outage "no sparks, just no power"
came out unsure between 电费查询 and 意见建议, not joined to the outage, and "my father is on an
oxygen concentrator and the power is out" between 安全隐患 and 用电咨询: the call classifier reads
Chinese and is blind to English. The rules read the English power off as they read "家里没电了":
a fault report, joined to the outage, with a model or without; and the line to tell the caller
promises the call back when the power is back only to a call joined to the outage."""

from __future__ import annotations

import doctest
from typing import Any
from unittest import mock

import numpy as np
from django.test import SimpleTestCase

from powerdesk.outages.models import OutageLink
from powerdesk.servicedesk.models import Call
from powerdesk.servicedesk.understanding import english_power
from powerdesk.servicedesk.understanding.classifier import Suggestion, _english, _suggestion
from powerdesk.servicedesk.understanding.english_power import english_only, power_off
from powerdesk.servicedesk.understanding.urgency import findings
from tests.base import post_intake
from tests.servicedesk.intake_page import NUMBER, UnderAnOutage
from tests.servicedesk.model_store import no_model_stored
from tests.servicedesk.test_classifier_learning import small_classifier

NO_SPARKS = "no sparks, just no power"
OXYGEN = "my father is on an oxygen concentrator and the power is out"
# The call back promised to the outage's callers ("Your call is recorded and we will call you
# back when the power is back.").
PROMISE = "复电后会回访您"

OFF = (
    NO_SPARKS,
    OXYGEN,
    "the power is out",
    "no power since this morning",
    "blackout in the whole village",
    "the lights went out an hour ago",
    "the breaker tripped and everything is off",
    "we lost power at noon",
    "it's all dark here",
    "power's been off since 3",
    "outage at our place",
    "power came back but went off again",
    "the power is not back yet",
    "when will the power be back?",
    "is the power out in the whole village?",
    "no power at 左门上村",
)
NOT_OFF = (
    "the power is back now, thanks",
    "the power was out but it's back now",
    "power was out, it came back on at 5",
    "how much is my bill this month",
    "what if the power goes out tonight?",
    "is there a planned outage tomorrow?",
    "will the power go off if it rains?",
    "not a power cut, the kitchen light flickers",
    "no power cut here, I want to ask about the bill",
    "we had a power cut last week, fixed quickly, thanks",
    "test call",
)


class EnglishPowerOffTests(SimpleTestCase):
    def test_the_examples_in_the_docstring_hold(self) -> None:
        failures, tried = doctest.testmod(english_power)
        self.assertGreater(tried, 0)
        self.assertEqual(failures, 0)

    def test_the_power_off_now_said_in_english(self) -> None:
        for note in OFF:
            with self.subTest(note):
                self.assertTrue(power_off(note))

    def test_back_denied_feared_planned_past_or_a_bill_is_no_power_off(self) -> None:
        for note in NOT_OFF:
            with self.subTest(note):
                self.assertFalse(power_off(note))

    def test_a_note_with_chinese_of_power_is_the_models_to_read(self) -> None:
        self.assertTrue(english_only("no power at 左门上村"))
        self.assertFalse(english_only("停电了, no power"))
        self.assertFalse(english_only("家里没电了"))


def _blind_row(classes: list[str], first: str, second: str) -> Any:
    """The probabilities of a model that cannot read the note: nothing sure."""
    row = np.full(len(classes), 0.05)
    row[classes.index(first)] = 0.34
    row[classes.index(second)] = 0.17
    return row / row.sum()


CLASSES = sorted(
    ["fault_repair", "hazard", "consultation", "billing", "suggestion", "business", "complaint"]
)


class BlindModelTests(SimpleTestCase):
    def suggested(self, note: str, first: str, second: str) -> Suggestion:
        row = _blind_row(CLASSES, first, second)
        return _suggestion(findings(note), CLASSES, row, english=_english(note))

    def test_the_power_off_in_english_is_a_fault_report_by_rule(self) -> None:
        suggestion = self.suggested(NO_SPARKS, "billing", "suggestion")
        self.assertEqual(suggestion.category, "fault_repair")
        self.assertTrue(suggestion.category_by_rule)
        self.assertFalse(suggestion.ask)
        self.assertFalse(suggestion.urgent)

    def test_a_medical_need_with_the_power_off_is_an_urgent_fault_report_not_a_hazard(
        self,
    ) -> None:
        suggestion = self.suggested(OXYGEN, "hazard", "consultation")
        self.assertEqual(suggestion.category, "fault_repair")
        self.assertFalse(suggestion.ask)
        self.assertTrue(suggestion.urgent)
        self.assertTrue(suggestion.medical)

    def test_a_danger_in_english_is_a_hazard_call_the_power_off_its_runner_up(self) -> None:
        suggestion = self.suggested("line down and no power", "consultation", "billing")
        self.assertEqual((suggestion.category, suggestion.alternative), ("hazard", "fault_repair"))
        self.assertTrue(suggestion.urgent)

    def test_other_notes_keep_the_models_choice(self) -> None:
        for note in ("the power is back now", "how much is my bill this month", "家里没电了"):
            with self.subTest(note):
                suggestion = self.suggested(note, "billing", "suggestion")
                self.assertEqual(suggestion.category, "billing")
                self.assertFalse(suggestion.category_by_rule)

    def test_a_blind_models_hazard_is_not_kept_where_the_english_rules_hear_no_danger(
        self,
    ) -> None:
        # The bill question came out 安全隐患 first, urgent ticked: a false alarm to the crews.
        for note in ("how much is my bill this month", "the power is back now, thanks"):
            with self.subTest(note):
                suggestion = self.suggested(note, "hazard", "consultation")
                self.assertEqual(suggestion.category, "consultation")
                self.assertNotEqual(suggestion.alternative, "hazard")
                self.assertFalse(suggestion.urgent)
                self.assertTrue(suggestion.ask)  # as unsure as the model was: the clerk chooses
        # A Chinese note is the model's to read: its hazard stands.
        self.assertEqual(self.suggested("电费多少", "hazard", "billing").category, "hazard")

    def test_a_trained_model_suggests_the_fault_for_the_walkthroughs_notes(self) -> None:
        model = small_classifier()
        for note in (NO_SPARKS, OXYGEN):
            with self.subTest(note):
                self.assertEqual(model.suggest_one(note).category, "fault_repair")
        self.assertTrue(model.suggest_one(OXYGEN).urgent)


class _UnderOutage(UnderAnOutage):
    def saved_joined(self, text: str) -> Call:
        response = post_intake(self.client, {"caller_number": NUMBER, "text": text, "action": ""})
        self.assertEqual(response.status_code, 302)
        call = Call.objects.latest("pk")
        self.assertEqual(call.category, "fault_repair")
        self.assertTrue(
            OutageLink.objects.filter(outage=self.outage, order=call.work_order).exists()
        )
        return call


_model = None


def _small() -> Any:
    global _model
    if _model is None:
        _model = small_classifier()
    return _model


class WithModelIntakeTests(_UnderOutage):
    def setUp(self) -> None:
        super().setUp()
        model = _small()
        for module in ("understanding.suggest", "intake_category"):
            self.enterContext(
                mock.patch(f"powerdesk.servicedesk.{module}.ready_classifier", return_value=model)
            )

    def test_the_english_power_off_is_joined_to_the_outage_and_promised_the_call_back(
        self,
    ) -> None:
        for note in (NO_SPARKS, OXYGEN):
            with self.subTest(note):
                shown = self.suggested(note)
                self.assertIn('data-then-category="fault_repair"', shown)
                self.assertNotIn('data-testid="ask-category"', shown)
                then = self.caller(note)
                self.assertIn(self.joined, then)
                self.assertIn(PROMISE, then)
        self.assertFalse(self.saved_joined(NO_SPARKS).urgent)
        self.assertTrue(self.saved_joined(OXYGEN).urgent)


class NoModelIntakeTests(_UnderOutage):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(no_model_stored())

    def test_the_english_power_off_is_chosen_a_fault_and_joined(self) -> None:
        for note in (NO_SPARKS, OXYGEN, "the lights went out an hour ago"):
            with self.subTest(note):
                self.assertIn('data-rules-category="fault_repair"', self.suggested(note))
                self.assertIn(self.joined, self.caller(note, category=""))
        self.assertTrue(self.saved_joined(OXYGEN).urgent)
        self.assertNotIn(
            'data-rules-category="fault_repair"', self.suggested("the power is back now")
        )


class PromiseTests(_UnderOutage):
    """The call back when the power is back is promised only to a call joined to the outage."""

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(no_model_stored())

    def test_a_call_of_no_category_yet_is_promised_nothing(self) -> None:
        unsure = Suggestion(
            "billing", False, 0.13, alternative="suggestion", alternative_confidence=0.11
        )
        with mock.patch("powerdesk.servicedesk.intake_choices.suggestion_for", return_value=unsure):
            shown = self.caller("asking about something")
        self.assertNotIn(self.joined, shown)
        self.assertIn('data-testid="tell-caller"', shown)
        self.assertNotIn(PROMISE, shown)

    def test_a_fault_call_taken_otherwise_than_joined_is_promised_nothing(self) -> None:
        shown = self.caller("家里没电了", category="fault_repair")
        self.assertIn(self.joined, shown)
        self.assertIn(PROMISE, shown)
        for action in ("new", "log"):
            with self.subTest(action):
                shown = self.caller(
                    "家里没电了",
                    category="fault_repair",
                    action=action,
                    then_default=f"outage:{self.outage.pk}",
                )
                self.assertNotIn(self.joined, shown)
                self.assertNotIn(PROMISE, shown)
