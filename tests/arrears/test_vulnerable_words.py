"""The household check's words escalate a case when they name someone who must not simply be cut
off — not when they deny it, nor for a word inside another (review 28: "家中无老人" and
"impatient" escalated, and any 孩子 did, even one away at work)."""

from __future__ import annotations

import pytest

from powerdesk.arrears.vulnerable import vulnerable_named


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("家中老人在家", "elderly"),
        ("家中两位老人，行动不便", "elderly"),
        ("孩子独自在家", "children alone"),
        ("家里是留守儿童", "children alone"),
        ("没有病人，家里有制氧机", "medical equipment"),
        ("低保户", "hardship"),
        ("a patient at home", "patient"),
        ("家中无老人", ""),
        ("夫妻二人在家，孩子在外打工", ""),
        ("impatient about the bill", ""),
        ("not disabled", ""),
        ("", ""),
    ],
)
def test_words_name_a_need_only_when_they_say_it(words: str, kind: str) -> None:
    assert vulnerable_named(words) == kind
