"""Invisible characters alone are no text, and bidirectional controls are taken out of what
people type (walk56, M3 and L5)."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.lib.user_text import blank, cleaned
from powerdesk.servicedesk.api_schemas import CallIn
from powerdesk.servicedesk.forms import IntakeForm

INVISIBLE = "   \u3000\u200b\ufeff\u2060\u00a0 "


class CleanedTests(SimpleTestCase):
    def test_invisible_characters_alone_are_empty(self) -> None:
        self.assertEqual(cleaned(INVISIBLE), "")
        self.assertTrue(blank(INVISIBLE))
        self.assertEqual(cleaned("\u200b箱变倒了\u3000"), "箱变倒了")

    def test_bidi_controls_are_taken_out(self) -> None:
        self.assertEqual(cleaned("上村路灯坏了 \u202egnp.exe"), "上村路灯坏了 gnp.exe")
        self.assertEqual(cleaned("a\u2066b\u2069\u200fc"), "abc")

    def test_the_api_refuses_invisible_text_alone(self) -> None:
        # walk58 M2: a call of zero-width characters alone was stored with nothing said.
        from pydantic import ValidationError

        with self.assertRaises(ValidationError):
            CallIn(text="\u200b\u200b")
        self.assertEqual(CallIn(text="").text, "")  # a number alone is a call
        self.assertEqual(CallIn(text="灯坏了 \u202egnp.exe").text, "灯坏了 gnp.exe")

    def test_the_intake_form_refuses_invisible_text_alone(self) -> None:
        # walk58 M2: with a category chosen it opened an order with no words.
        from django.utils import translation

        with translation.override("en"):
            form = IntakeForm({"text": "\u200b\u200b\u3000\u2060", "caller_number": "15123892904"})
            form.is_valid()
            self.assertIn("holds only invisible characters", form.errors["text"][0])
            self.assertNotIn("text", form.cleaned_data)
            said = IntakeForm({"text": "\u200b灯坏了 \u202egnp.exe", "answer": "\u2060好的"})
            said.is_valid()
            self.assertEqual(said.cleaned_data.get("text"), "灯坏了 gnp.exe")
            self.assertEqual(said.cleaned_data.get("answer"), "好的")

    def test_a_liaison_report_of_invisible_text_is_refused(self) -> None:
        from types import SimpleNamespace

        from django.utils import translation

        from powerdesk.community.forms import LiaisonReportForm

        village = SimpleNamespace(pk=1, name="干海")
        with translation.override("en"):
            form = LiaisonReportForm({"text": INVISIBLE}, village=village, groups=[])
            self.assertFalse(form.is_valid())
            self.assertEqual(form.errors["text"], ["Say what the problem is."])
            said = LiaisonReportForm({"text": "灯坏了 \u202egnp.exe"}, village=village, groups=[])
            self.assertTrue(said.is_valid(), said.errors)
            self.assertEqual(said.cleaned_data["text"], "灯坏了 gnp.exe")
