"""No page cuts what is typed: a ``maxlength`` on a text input or a textarea made the browser drop
what was typed or pasted past it without a word (walkthroughs 28-31). A text too long is refused
at its field with its limit and the length typed, what was typed shown again to be shortened.

The guard reads every template and every form's widget attributes in the code; Django's forms
are drawn without it by the site's renderer (``lib.form_renderer.PageFormRenderer``, tested in
``tests/test_form_renderer.py``). Only a documented fixed format, where a longer text can be
nothing right, may keep a hard cut: each is listed in ``ALLOWED`` with its reason."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parent.parent / "powerdesk"

# (template, field name) → why a hard cut is right there.
ALLOWED = {
    ("public/templates/public/status.html", "last4"): (
        "the last four digits of a phone: exactly four digits (pattern [0-9]{4}), nothing longer"
        " can be right"
    ),
    ("public/templates/public/status.html", "account"): (
        "a household's account number on the public page: a fixed format of at most 30"
        " characters (Customer.account_number); a longer one matches no household, and the"
        " page's answer is the same whether the account is unknown or the digits wrong"
    ),
}

_TAG = re.compile(r"<(input|textarea)\b[^>]*>", re.IGNORECASE)
_NAME = re.compile(r'\bname="([^"]*)"')
_TYPE = re.compile(r'\btype="([^"]*)"')
# Input types that take no typed text: a maxlength there cuts nothing.
_NOT_TEXT = {"hidden", "checkbox", "radio", "file", "submit", "button", "number", "date"}


class NoMaxlengthTests(SimpleTestCase):
    def test_no_template_cuts_a_text_input_or_textarea(self) -> None:
        found = []
        for path in sorted(ROOT.glob("*/templates/**/*.html")):
            text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
            for tag in _TAG.finditer(text):
                html = tag.group(0)
                kind = _TYPE.search(html)
                if "maxlength" not in html.lower():
                    continue
                if tag.group(1).lower() == "input" and kind and kind.group(1) in _NOT_TEXT:
                    continue
                name = _NAME.search(html)
                where = (str(path.relative_to(ROOT)), name.group(1) if name else "")
                if where not in ALLOWED:
                    found.append(f"{where[0]}: {where[1] or html[:80]}")
        self.assertEqual(found, [], "a maxlength cuts what is typed: refuse it at the field")

    def test_the_allowed_cuts_are_still_there(self) -> None:
        """An exception no longer needed is taken off the list (it would hide a new one)."""
        for (template, name), reason in ALLOWED.items():
            with self.subTest(template=template, name=name):
                self.assertTrue(reason)
                html = (ROOT / template).read_text(encoding="utf-8")
                self.assertRegex(html, rf'name="{name}"[^>]*maxlength=')

    def test_no_form_widget_is_given_a_maxlength(self) -> None:
        found = [
            f"{path.relative_to(ROOT)}:{number}"
            for path in sorted(ROOT.rglob("*.py"))
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"""["']maxlength["']\s*:""", line)
        ]
        self.assertEqual(found, [])
