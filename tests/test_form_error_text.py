"""A form's errors in one message (``form_error_text``): each field's error after its label,
joined by one separator, with no full stop before it ("…之间。；预计复电" was shown)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.test import SimpleTestCase
from django.utils import timezone, translation

from powerdesk.lib.forms import form_error_text, require_between


class _Window(forms.Form):
    start = forms.DateTimeField(label="开始")
    end = forms.DateTimeField(label="预计复电")

    def clean_start(self) -> dt.datetime:
        value: dt.datetime = self.cleaned_data["start"]
        now = timezone.now()
        require_between(value, now, now + dt.timedelta(days=90))
        return value

    def clean_end(self) -> dt.datetime:
        value: dt.datetime = self.cleaned_data["end"]
        now = timezone.now()
        require_between(value, now, now + dt.timedelta(days=90))
        return value


class FormErrorTextTests(SimpleTestCase):
    def test_two_errors_are_joined_with_one_mark_and_the_last_keeps_its_full_stop(self) -> None:
        past = {"start": "2020-01-01 08:00", "end": "2020-01-01 18:00"}
        for language, separator in (("zh-hans", "；"), ("en", "; ")):
            with self.subTest(language), translation.override(language):
                form = _Window(past)
                self.assertFalse(form.is_valid())
                text = form_error_text(form)
                self.assertEqual(text.count(separator), 1, text)
                for doubled in ("。；", ".;", ". ;", "。;"):
                    self.assertNotIn(doubled, text)
                self.assertTrue(text.startswith("开始"), text)
                self.assertIn(f"{separator}预计复电", text)
                self.assertTrue(text.endswith(("。", ".")), text)
