"""The demo's logins are one list: what ``powerdesk demo`` and ``make run`` print, and the
README's table."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import SimpleTestCase

from powerdesk.demo.logins import DEMO_LOGINS, DEMO_PASSWORD

README = Path(__file__).resolve().parent.parent / "README.md"
SERVE = Path(__file__).resolve().parent.parent / "scripts" / "serve.sh"


class DemoLoginsTests(SimpleTestCase):
    def test_the_readme_s_table_is_the_list(self) -> None:
        out = StringIO()
        call_command("demo", "--logins", "--markdown", stdout=out)
        block = re.search(
            r"<!-- demo-logins:[^\n]*-->\n(.*?)\n<!-- /demo-logins -->", README.read_text(), re.S
        )
        assert block is not None, "README.md lost its demo-logins block"
        self.assertEqual(
            block.group(1).strip(),
            out.getvalue().strip(),
            "Refresh README.md with: python3 -m uv run powerdesk demo --logins --markdown",
        )

    def test_make_run_prints_the_list(self) -> None:
        self.assertIn("powerdesk demo --logins", SERVE.read_text())
        out = StringIO()
        call_command("demo", "--logins", stdout=out)
        for login in DEMO_LOGINS:
            self.assertIn(login.username, out.getvalue())
        self.assertIn(DEMO_PASSWORD, out.getvalue())
