"""The Python widget renderer draws the same HTML as Django's templates, to the byte."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import SimpleTestCase
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st

from powerdesk.lib.form_renderer import PythonWidgetRenderer

DJANGO = DjangoTemplates()
PYTHON = PythonWidgetRenderer()

CHOICES = [
    ("", "—"),
    ("a", "Apple & <pear>"),
    ("b", mark_safe("<b>safe</b>")),
    ("c", gettext_lazy("Village")),
    (3, 1234567),
    ('Group "x"', [("g1", "one"), ("g2", "two & three")]),
]


class Every(forms.Form):
    text = forms.CharField(max_length=20, required=False)
    needed = forms.CharField(widget=forms.TextInput(attrs={"placeholder": 'say "<it>"'}))
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    number = forms.IntegerField(required=False)
    when = forms.DateField(required=False)
    at = forms.DateTimeField(required=False)
    mail = forms.EmailField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    tick = forms.BooleanField(required=False)
    flag = forms.BooleanField(widget=forms.CheckboxInput(attrs={"disabled": True}), required=False)
    off = forms.CharField(widget=forms.TextInput(attrs={"readonly": False}), required=False)
    choice = forms.ChoiceField(choices=CHOICES, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    # Not written in Python: Django draws these, and the renderer must hand them over intact.
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect, required=False)
    date_parts = forms.DateField(widget=forms.SelectDateWidget, required=False)


def drawn(form: forms.Form) -> dict[str, str]:
    return {name: str(form[name]) for name in form.fields}


def assert_same(data: dict[str, object] | None, initial: dict[str, object] | None = None) -> None:
    by_django = Every(data, initial=initial, renderer=DJANGO)
    by_python = Every(data, initial=initial, renderer=PYTHON)
    if data is not None:
        by_django.is_valid()
        by_python.is_valid()
    assert drawn(by_python) == drawn(by_django)
    assert str(by_python) == str(by_django)  # the form's own layout, errors and labels


class PythonWidgetRendererTests(SimpleTestCase):
    def test_it_draws_an_empty_form_as_django_does(self) -> None:
        assert_same(None)

    def test_it_draws_initial_values_as_django_does(self) -> None:
        assert_same(
            None,
            {
                "text": "<script>",
                "hidden": "tok&en",
                "number": 0,
                "when": dt.date(2024, 2, 29),
                "at": dt.datetime(2024, 2, 29, 8, 30),
                "note": "line one\nline <two>",
                "tick": True,
                "choice": 3,
                "many": ["a", "g2"],
                "secret": 'p"w',
            },
        )

    def test_it_draws_a_bound_form_with_errors_as_django_does(self) -> None:
        assert_same(
            {
                "text": "x" * 30,
                "number": "not a number",
                "mail": "nobody",
                "tick": "on",
                "choice": "nothing",
                "note": "",
                "when": "2024-13-01",
            }
        )

    def test_a_select_marks_the_chosen_option_in_a_group(self) -> None:
        form = Every({"needed": "x", "choice": "g2"}, renderer=PYTHON)
        html = str(form["choice"])
        assert '<option value="g2" selected>two &amp; three</option>' in html
        assert '<optgroup label="Group &quot;x&quot;">' in html
        assert str(form["choice"]) == str(Every({"needed": "x", "choice": "g2"})["choice"])

    @given(
        text=st.text(max_size=30),
        note=st.text(max_size=60),
        choice=st.sampled_from(["", "a", "b", "c", "3", "g1", "zz"]),
        tick=st.booleans(),
    )
    def test_any_typed_text_is_drawn_as_django_draws_it(
        self, text: str, note: str, choice: str, tick: bool
    ) -> None:
        data = {"text": text, "needed": text, "hidden": text, "note": note, "choice": choice}
        if tick:
            data["tick"] = "on"
        assert_same(data)

    def test_the_common_widgets_are_drawn_without_the_template_engine(self) -> None:
        form = Every({"needed": "x", "choice": "a", "tick": "on"}, renderer=PYTHON)
        common = ["text", "needed", "hidden", "number", "when", "note", "tick", "choice", "many"]
        with mock.patch.object(DjangoTemplates, "render", side_effect=AssertionError("template")):
            for name in common:
                str(form[name])

    def test_numbers_are_grouped_when_the_site_groups_them(self) -> None:
        with self.settings(USE_THOUSAND_SEPARATOR=True), translation.override("en"):
            assert_same({"needed": "x", "choice": "3", "number": "1234567"})
            self.assertIn("1,234,567", str(Every(None, renderer=PYTHON)["choice"]))


class NoMaxlengthTests(SimpleTestCase):
    """The site's forms draw no ``maxlength`` on a text (a browser cut what was pasted past it
    without a word); a text too long is refused at its field, what was typed drawn again."""

    def test_a_char_field_s_input_and_textarea_have_no_maxlength(self) -> None:
        from powerdesk.lib.form_renderer import PageFormRenderer

        class Texts(forms.Form):
            name = forms.CharField(max_length=5)
            note = forms.CharField(max_length=5, widget=forms.Textarea)

        typed = {"name": "x" * 9, "note": "y" * 9}
        form = Texts(typed, renderer=PageFormRenderer())
        self.assertFalse(form.is_valid())
        self.assertEqual(set(form.errors), {"name", "note"})
        html = str(form)
        self.assertNotIn("maxlength", html)
        self.assertIn('value="xxxxxxxxx"', html)
        self.assertIn(">\nyyyyyyyyy</textarea>", html)
        # The field itself still says its limit to those who read the form in Python.
        self.assertEqual(Texts().fields["name"].widget_attrs(forms.TextInput()), {"maxlength": "5"})
