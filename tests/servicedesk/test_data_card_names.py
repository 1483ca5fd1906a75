"""The data card, and its rounds' write-ups in docs/call-notes-rounds/, name the code they speak of
(``module.name`` of the call classifier's package): each name is where a reader looks for it, not
where it lived rounds ago."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import powerdesk.servicedesk.understanding as understanding

CARD = Path(understanding.__file__).resolve().parents[1] / "data" / "DATA_CARD.md"
ROUNDS = Path(understanding.__file__).resolve().parents[3] / "docs" / "call-notes-rounds"


def test_every_name_the_data_card_gives_is_in_the_module_it_names() -> None:
    modules = {m.name for m in pkgutil.iter_modules(understanding.__path__)}
    pages = [CARD, *sorted(ROUNDS.glob("*.md"))]
    assert len(pages) > 1, "the rounds' write-ups are not in docs/call-notes-rounds/ any more?"
    text = "\n".join(page.read_text(encoding="utf-8") for page in pages)
    named = set(re.findall(r"`([a-z_]+)\.([A-Za-z_][A-Za-z0-9_]*)`", text))
    checked = [(m, n) for m, n in named if m in modules and n != "py"]
    assert len(checked) > 5, "the data card names no code of the classifier any more?"
    missing = sorted(
        f"{module}.{name}"
        for module, name in checked
        if not hasattr(importlib.import_module(f"{understanding.__name__}.{module}"), name)
    )
    assert missing == []
