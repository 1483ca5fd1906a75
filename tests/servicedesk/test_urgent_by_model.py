"""A call urgent only because the model judged it a hazard says so, with the model's
confidence (walk58 L2): "隔壁家的线拉到我家房顶上了" read "判为紧急，因为记录中提到：安全隐患",
the category given as its own reason, though the note names no such thing."""

from __future__ import annotations

import re
from unittest import mock

from django.urls import reverse

from powerdesk.servicedesk.understanding.classifier import Suggestion
from tests.base import BaseTestCase, zh

BY_MODEL = "powerdesk.servicedesk.intake_shown.suggestion_for"


class UrgentByModelTests(BaseTestCase):
    def because(self, suggestion: Suggestion, text: str) -> str:
        self.login(self.clerk)
        with mock.patch(BY_MODEL, return_value=suggestion):
            page = self.client.post(reverse("servicedesk:suggest"), {"text": text})
        found = re.search(
            r'<p [^>]*data-testid="urgent-because"[^>]*>(.*?)</p>', page.content.decode(), re.S
        )
        assert found is not None, page.content.decode()
        return found.group(1)

    def test_a_hazard_the_model_alone_heard_is_said_as_the_model_s_judgement(self) -> None:
        said = self.because(Suggestion("hazard", True, 0.885), "隔壁家的线拉到我家房顶上了")
        self.assertIn("88.5%", said)
        self.assertIn(zh("hazard"), said)
        # Never "because the note names: a hazard" (the note named none).
        self.assertNotIn(zh("Urgent because the note names"), said)

    def test_an_unsure_first_guess_says_its_own_confidence(self) -> None:
        unsure = Suggestion(
            "hazard", True, 0.62, alternative="fault_repair", alternative_confidence=0.3
        )
        said = self.because(unsure, "那个杆子上的东西响得很")
        self.assertIn("62.0%", said)
        self.assertNotIn(zh("Urgent because the note names"), said)

    def test_dangers_the_note_names_are_still_given_as_the_reason(self) -> None:
        named = Suggestion("hazard", True, 0.97, dangers=("arcing or sparks",))
        said = self.because(named, "表箱里一直在打火")
        self.assertIn(zh("Urgent because the note names"), said)
        self.assertNotIn("97.0%", said)
