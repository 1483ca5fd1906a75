"""No Chinese is written into a page or a record outside the translation catalogue: a page in
English said "明天上午10点前来电" in a field's example, and histories kept "承诺已兑现：…" and
"关联难点问题：…" that no English page could translate (walkthrough).

Templates: any Chinese character outside ``{% translate %}``, ``{% blocktranslate %}`` and
comments is a finding. Python: any Chinese string literal outside a gettext call or a docstring,
except in the files listed below, whose Chinese is data read from people (the words callers and
villagers use, the columns of a customer file), sample calls, or the demo station."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[1] / "powerdesk"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
TEMPLATE_SAYS = [
    re.compile(r"\{#.*?#\}", re.S),
    re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S),
    re.compile(r"\{%\s*blocktranslate\b.*?\{%\s*endblocktranslate\s*%\}", re.S),
    re.compile(r"\{%\s*translate\s.*?%\}", re.S),
]
GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
# Files whose Chinese is data, not words the software says (with why).
PYTHON_DATA = {
    "accounts/management/commands/create_api_token.py": "an example of a token's name",
    "arrears/models.py": "a note's label read with either colon",
    "arrears/vulnerable.py": "the household check's words for a household that needs care",
    "arrears/vulnerable_words.py": "the household check's words: needs, denials, dependence",
    "customers/importing.py": "the customer file's words for kinds of customer",
    "customers/import_warnings.py": "the endings a village's or group's name is written with",
    "lib/csvfile.py": "yes and no as a spreadsheet says them",
    "lib/exports.py": "the full-width marks a spreadsheet may read as a formula's start",
    "lib/forms.py": "the marks that end a sentence, to join error messages",
    "notifications/dispatch_texts.py": "callers' words of alarm and thanks, and their marks, to cut a note by",
    "notifications/inbound.py": "the words villagers text",
    "notifications/management/commands/sms_gateway.py": "the demo gateway's token name",
    "ops/warmup.py": "a sample call",
    "outages/desk_signals.py": "the words callers use for no power",
    "outages/said_on.py": "the words callers use for power on and off",
    "outages/patrol_history.py": "the words of older records' free-text causes",
    "outages/mended_words.py": "the words a crew says a part at fault is replaced with",
    "outages/replay.py": "sample calls of a replayed storm",
    "notifications/texts.py": "a text's station prefix read in either form (【…】 or […])",
    "public/redaction.py": "the mask put over a name in a public text",
    "reports/keywords.py": "the words of the calls' keywords",
    "servicedesk/caller_number.py": "what telephone systems send for a number withheld",
    "servicedesk/crew_accepted.py": "the stored mark of an accepted job (drawn by its code)",
    "servicedesk/intake_category.py": "the words callers use for their bill",
    "servicedesk/matter_words.py": "the words nearly every call of a category says",
    "servicedesk/place_ask.py": "the words callers use for a pole's number",
    "servicedesk/second_matter.py": "the words callers use for the lights out",
    "settings.py": "the language's own name",
}
PYTHON_DATA_PARTS = ("demo", "understanding")  # the demo station; the call classifier's corpus


def template_findings() -> list[str]:
    found = []
    for path in sorted(ROOT.rglob("templates/**/*")):
        if not path.is_file():
            continue
        text = path.read_text()
        for pattern in TEMPLATE_SAYS:
            # Keep the line breaks, so that a finding names its line.
            text = pattern.sub(lambda m: "\n" * m.group(0).count("\n"), text)
        for number, line in enumerate(text.splitlines(), start=1):
            if CJK.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    return found


def python_findings() -> list[str]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        name = str(path.relative_to(ROOT))
        if (
            "migrations" in path.parts
            or name in PYTHON_DATA
            or any(part in name for part in PYTHON_DATA_PARTS)
        ):
            continue
        tree = ast.parse(path.read_text())
        said: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if called in GETTEXT:
                    said.update(id(n) for n in ast.walk(node))
            elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
                said.add(id(node.value))  # a docstring
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in said
                and CJK.search(node.value)
            ):
                found.append(f"{name}:{node.lineno}: {node.value[:60]!r}")
    return found


class NoChineseOutsideGettextTests(SimpleTestCase):
    def test_templates_say_chinese_only_through_the_catalogue(self) -> None:
        self.assertEqual(template_findings(), [])

    def test_python_says_chinese_only_through_the_catalogue(self) -> None:
        self.assertEqual(python_findings(), [])

    def test_the_scan_finds_what_it_looks_for(self) -> None:
        text = '{% translate "Save" %} <input placeholder="明天上午10点前来电"> {# 注释 #}'
        for pattern in TEMPLATE_SAYS:
            text = pattern.sub("", text)
        self.assertEqual(CJK.findall(text), list("明天上午点前来电"))
