"""The Python code's translated words name their values as ``%(name)s``, never ``{name}``
(review73 L6): a translation that breaks a brace (``{number`` or ``{编号}``) made ``.format()``
raise, and the page with it answered 500, where ``msgfmt --check`` checks ``%(name)s``. The
templates' words for the phone's script keep their braces: the script replaces them itself and a
broken one is shown as written, never an error."""

from __future__ import annotations

import ast
import re
from unittest import mock

from django.test import SimpleTestCase
from django.utils import translation

from powerdesk.servicedesk.order_photos_each import photos_discarded
from tests.test_no_chinese_outside_gettext import GETTEXT, ROOT

BRACES = re.compile(r"\{[A-Za-z_0-9]*\}")


def _called(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def brace_msgids() -> list[str]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _called(node) in GETTEXT:
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and BRACES.search(str(arg.value)):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno} {arg.value!r}")
    return found


class PlaceholderTests(SimpleTestCase):
    def test_no_translated_words_in_python_name_a_value_in_braces(self) -> None:
        self.assertEqual(brace_msgids(), [])

    def test_a_translation_that_breaks_a_placeholder_still_says_the_discarded_photos(self) -> None:
        order = type("Order", (), {"number": "GL-0042", "pk": 42})()
        broken = {  # a brace or a name's end lost in translating, before and after
            "Job {number}: discarded: {reason}": "任务 {number：已丢弃：{reason}",
            "order {number}": "工单 {number",
            "Job %(number)s: discarded: %(reason)s": "任务 {number：已丢弃：%(reason)s",
            "order %(number)s": "工单 {number",
        }
        with translation.override("zh-hans"):
            catalog = translation.trans_real.translation("zh-hans")._catalog
            read = catalog.get
            with mock.patch.object(
                catalog, "get", lambda key, *d: broken.get(key) or read(key, *d)
            ):
                said = photos_discarded(order, [("a.jpg", "a.jpg 不是照片。")])  # type: ignore[arg-type]
        self.assertIn("已丢弃：a.jpg 不是照片。", said)
        self.assertIn("/orders/42/", said)
