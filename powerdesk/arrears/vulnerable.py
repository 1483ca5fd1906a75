"""What the household check's words say of a household that must not simply be cut off: an
elderly person alone or at home, a patient or medical equipment, children alone, hardship.

The customer record's care flags decide first (``services.household_check``); the check's own
words, written at the door, count too: "家中老人在家" seen on the day escalates the case as the
flag would, and the chief approves only with a reason written (walkthrough 28, finding 12).
"""

from __future__ import annotations

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
    ("children alone", ("留守儿童", "小孩", "孩子", "儿童", "children", "child")),
    ("hardship", ("低保", "困难", "贫困", "五保", "特困", "hardship", "poverty")),
)


def vulnerable_named(situation: str) -> str:
    """The kind of vulnerable situation the words name ("" when none)."""
    words = situation.lower()
    for kind, found in VULNERABLE_WORDS:
        if any(w in words for w in found):
            return kind
    return ""
