"""What the household check's words say of a household that must not simply be cut off: an
elderly person alone or at home, a patient or medical equipment, children alone, hardship.

The customer record's care flags decide first (``services.household_check``); the check's own
words, written at the door, count too: "家中老人在家" seen on the day escalates the case as the
flag would, and the chief approves only with a reason written (walkthrough 28, finding 12).
"""

from __future__ import annotations

import re

__all__ = ["VULNERABLE_WORDS", "vulnerable_named"]

# (kind, words): the first word found names the kind.
VULNERABLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("elderly", ("老人", "老年人", "独居", "空巢", "高龄", "elderly", "old person")),
    (
        "patient",
        (
            "病人",
            "患者",
            "卧床",
            "瘫痪",
            "重病",
            "住院",
            "残疾",
            "patient",
            "bedridden",
            "disabled",
        ),
    ),
    (
        "medical equipment",
        ("吸氧", "制氧机", "呼吸机", "透析", "医疗设备", "oxygen", "ventilator", "dialysis"),
    ),
    (
        "children alone",
        (
            "留守儿童",
            "留守孩子",
            "孩子独自",
            "小孩独自",
            "孩子单独",
            "小孩单独",
            "只有孩子",
            "只有小孩",
            "children alone",
            "child alone",
        ),
    ),
    ("hardship", ("低保", "困难", "贫困", "五保", "特困", "hardship", "poverty")),
)


# A word denied just before it ("家中无老人", "没有病人", "not disabled") names nothing.
_DENIED = re.compile(r"(无|没有|没|不是|并非|非|不|no |not |without )$")
_CLAUSES = re.compile(r"[，。；！？,.;!?\n]+")


def vulnerable_named(situation: str) -> str:
    """The kind of vulnerable situation the words name ("" when none): a word counts in a
    clause that does not deny it just before, and an English word only whole ("impatient" is
    no patient)."""
    clauses = [c.strip() for c in _CLAUSES.split(situation.lower()) if c.strip()]
    for kind, found in VULNERABLE_WORDS:
        if any(_said(clause, word) for clause in clauses for word in found):
            return kind
    return ""


def _said(clause: str, word: str) -> bool:
    pattern = rf"\b{re.escape(word)}\b" if word.isascii() else re.escape(word)
    return any(
        not _DENIED.search(clause[max(0, m.start() - 8) : m.start()])
        for m in re.finditer(pattern, clause)
    )
