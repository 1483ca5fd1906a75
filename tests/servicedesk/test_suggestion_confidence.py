"""walk29 #11: the classifier's suggestion at intake shows the model's calibrated probability as
it is, never "100.0%" (a probability of 0.99999 is not a certainty), and a category the rules
chose (a danger the model too heard as likely) says so instead of a figure the model never gave."""

from __future__ import annotations

import numpy as np
from django.test import SimpleTestCase
from django.urls import reverse

from powerdesk.servicedesk.understanding import store
from powerdesk.servicedesk.understanding.classifier import (
    _DANGER_MAKES_HAZARD,
    HAZARD_HEARD,
    Suggestion,
    _suggestion,
)
from powerdesk.servicedesk.understanding.urgency import findings
from powerdesk.web.templatetags.percents import confidence
from tests.base import BaseTestCase


class ConfidenceFilterTests(SimpleTestCase):
    def test_a_probability_is_shown_as_it_is_and_never_as_a_certainty(self) -> None:
        self.assertEqual(confidence(0.818), "81.8%")
        self.assertEqual(confidence(0.9999979), ">99.9%")
        self.assertEqual(confidence(1.0), ">99.9%")
        self.assertEqual(confidence(0.0000013), "<0.1%")
        self.assertEqual(confidence(None), "—")


class HazardByRuleTests(SimpleTestCase):
    def test_a_hazard_made_by_the_rules_is_marked_so(self) -> None:
        found = findings("电线掉在地上冒火花")
        self.assertTrue(found.dangers)
        model_first = sorted(_DANGER_MAKES_HAZARD)[0]
        classes = sorted({model_first, "hazard", "billing"})
        row = np.zeros(len(classes))
        row[classes.index(model_first)] = 1 - HAZARD_HEARD
        row[classes.index("hazard")] = HAZARD_HEARD
        suggestion = _suggestion(found, classes, row)
        self.assertEqual(suggestion.category, "hazard")
        self.assertTrue(suggestion.category_by_rule)
        # The model's own choice is not.
        row[:] = 0
        row[classes.index("billing")] = 1.0
        self.assertFalse(_suggestion(findings("电费多少"), classes, row).category_by_rule)


class Fixed:
    def __init__(self, suggestion: Suggestion) -> None:
        self.suggestion = suggestion

    def suggest(self, texts: list[str]) -> list[Suggestion]:
        return [self.suggestion for _ in texts]

    def suggest_one(self, text: str) -> Suggestion:
        return self.suggestion


class SuggestionShownTests(BaseTestCase):
    def shown(self, suggestion: Suggestion) -> str:
        self.addCleanup(store.use_store, store.current_store())
        store.use_store(None).publish(Fixed(suggestion), reason="fixed")  # type: ignore[arg-type]
        self.login(self.clerk)
        response = self.client.post(reverse("servicedesk:suggest"), {"text": "家里停电了"})
        return response.content.decode()

    def test_a_sure_model_is_shown_as_sure_not_certain(self) -> None:
        html = self.shown(
            Suggestion(
                "fault_repair",
                False,
                0.9999979,
                alternative="praise",
                alternative_confidence=0.0000013,
            )
        )
        self.assertIn('data-testid="suggested-confidence">&gt;99.9%<', html)
        self.assertNotIn("100.0%", html)

    def test_unsure_offers_a_second_category_only_when_it_is_a_real_choice(self) -> None:
        # "电": the model is unsure of one character, and its second reading is next to nothing
        # (walkthrough 31, finding 17): no button for it, the list instead.
        html = self.shown(
            Suggestion(
                "fault_repair",
                False,
                0.5,
                alternative="new_connection",
                alternative_confidence=0.003,
            )
        )
        self.assertIn('data-testid="ask-category"', html)
        self.assertIn('class="choose-category" data-category="fault_repair"', html)
        self.assertNotIn('data-category="new_connection"', html)
        self.assertIn('data-testid="or-the-list"', html)
        html = self.shown(
            Suggestion(
                "complaint", False, 0.55, alternative="fault_repair", alternative_confidence=0.4
            )
        )
        self.assertIn('class="choose-category" data-category="fault_repair"', html)
        self.assertNotIn('data-testid="or-the-list"', html)

    def test_a_category_the_rules_chose_shows_no_percentage(self) -> None:
        html = self.shown(
            Suggestion("hazard", False, 0.9, alternative="fault_repair", category_by_rule=True)
        )
        self.assertIn('data-testid="suggested-by-rule"', html)
        self.assertNotIn("90.0%", html)
        self.assertNotIn('data-testid="suggested-confidence"', html)
