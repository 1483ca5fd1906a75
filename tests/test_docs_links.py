"""Every relative link in the README, in docs/ and in the call notes' data card leads somewhere: a
file that is there and, where the link names a heading (``#…``), a heading of that file (GitHub's
anchors)."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parent.parent
DATA_CARD = ROOT / "powerdesk" / "servicedesk" / "data" / "DATA_CARD.md"
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"```.*?```", re.S)


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.replace("`", "").strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    for line in FENCE.sub("", path.read_text(encoding="utf-8")).splitlines():
        heading = re.match(r"#{1,6} (.*)", line)
        if heading:
            base = slug(heading.group(1))
            n = seen.get(base, 0)
            seen[base] = n + 1
            found.add(base if n == 0 else f"{base}-{n}")
        found.update(re.findall(r'<a (?:id|name)="([^"]+)"', line))
    return found


def broken_links(files: list[Path]) -> list[str]:
    broken = []
    for page in files:
        text = FENCE.sub("", page.read_text(encoding="utf-8"))
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target):  # http:, https:, mailto:
                continue
            path, _, fragment = target.partition("#")
            dest = (page.parent / path).resolve() if path else page.resolve()
            shown = page.relative_to(ROOT) if page.is_relative_to(ROOT) else page.name
            where = f"{shown}: {target}"
            if not dest.exists():
                broken.append(f"{where}: no such file")
            elif fragment and dest.is_file() and fragment not in anchors(dest):
                broken.append(f"{where}: no such heading")
    return broken


class DocsLinksTests(SimpleTestCase):
    def test_every_relative_link_resolves(self) -> None:
        files = [ROOT / "README.md", DATA_CARD, *sorted((ROOT / "docs").rglob("*.md"))]
        self.assertEqual(broken_links(files), [])

    def test_the_data_cards_index_names_every_round_written_up(self) -> None:
        card = DATA_CARD.read_text(encoding="utf-8")
        rounds = sorted((ROOT / "docs" / "call-notes-rounds").glob("rounds-*.md"))
        self.assertTrue(rounds)
        unlisted = [
            f"{page.name}#{slug(heading)}"
            for page in rounds
            for heading in re.findall(r"^## (.*)$", page.read_text(encoding="utf-8"), re.M)
            if f"(../../../docs/call-notes-rounds/{page.name}#{slug(heading)})" not in card
        ]
        self.assertEqual(unlisted, [])

    def test_a_missing_file_or_heading_is_caught(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            page = Path(folder) / "probe.md"
            design = os.path.relpath(ROOT / "docs" / "outage-inference.md", folder)
            page.write_text(
                f"[kept]({design}#loading-a-network) [a]({design}#no-such-part) [b](nowhere.md)",
                encoding="utf-8",
            )
            self.assertEqual(len(broken_links([page])), 2)
