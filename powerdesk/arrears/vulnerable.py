"""What the household check's words say of a household that must not simply be cut off: a
medical machine (it blocks, as the customer's medical-need flag does), an elderly person alone or
at home, a patient, children alone, hardship.

The customer record's care flags decide first (``services.household_check``); the words written
at the door, and the village liaison's (``household_record``), count too: "家中老人在家" seen on
the day escalates the case as the flag would, and the chief approves only with a reason written
(walkthrough 28, finding 12); "户主父亲长期吸氧" blocks it (walk71, H1).

The reader fails safe: words that name a kind count unless a denial plainly governs them
(walk71, H1 and M1). A denial governs the words that follow it in its clause while only more of
the words it lists, or how they are used, stand between ("家中无老人独居、无用电医疗设备", "没有
用呼吸机", "不属于低保户"); it is no denial when it is denied or asked itself ("不能没有呼吸机",
"有没有老人"), nor when what follows says the household depends on it ("没有制氧机活不了", "没
有透析机器他就得去医院住"). A machine whose use is told over ("以前用制氧机，现在不用了") still
escalates (``medical_none.use_over``, the call-note reader's own rule). The page says the words
read ("读到：制氧机"), so the chief sees why.

The words are read as the call-note reader reads a note (``servicedesk.understanding.unhidden``):
an invisible character, a space inside a word or traditional characters hide nothing (probe72,
H1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from powerdesk.arrears.vulnerable_words import (
    DENIED_AFTER,
    KINDS,
    MACHINE_IN_IT,
    MEDICAL,
    NOT_A_MACHINE,
    NOT_A_PATIENT,
    PATIENT,
)
from powerdesk.servicedesk.understanding.medical_none import use_over
from powerdesk.servicedesk.understanding.unhidden import unhidden
from powerdesk.servicedesk.understanding.without_it import (
    GAP_WORDS,
    denial_denied,
    depends_after,
    governing_denial,
)

__all__ = ["Reading", "blocking_words", "vulnerable_named", "vulnerable_read"]

# A clause: up to a mark that ends one (a list's "、" and a label's "：" do not).
_CLAUSE_END = re.compile(r"[，。；！？,.;!?\n]")
_SENTENCE_END = re.compile(r"[。；！？.;!?\n]")
_ANY_WORD = "|".join(f"(?:{pattern.pattern})" for _, pattern in KINDS)
_GAP = re.compile(rf"(?:{GAP_WORDS}|{_ANY_WORD})*")
# The words it lists after it ("老人、病人都没有"): skipped to read a denial after them.
_LISTED_AFTER = re.compile(rf"(?:[、和及与跟或/\s]|{_ANY_WORD})*")
_ITEM_END = re.compile(r"\s*(?:$|[、/])")
# How many words read the page shows.
_WORDS_SHOWN = 4
# The words a space inside is taken out of ("制 氧 机", "透\u3000析"; ``unhidden``).
_WORDS = tuple(pattern for _, pattern in KINDS)


@dataclass(frozen=True)
class Reading:
    """What the words name: the most serious ``kind`` ("" when none), whether it ``blocks`` (a
    medical machine or medicine in use), and the ``words`` read, most serious first."""

    kind: str = ""
    blocks: bool = False
    words: tuple[str, ...] = ()

    @property
    def check(self) -> str:
        """The household check the words call for (``ArrearsCase.Check``'s codes): a medical
        machine blocks, anyone who needs care escalates (walk71, H1)."""
        if self.blocks:
            return "block"
        return "escalate" if self.kind else "clear"

    def said(self, limit: int) -> str:
        """The words read as the page says them ("制氧机、老人"), in at most ``limit``
        characters."""
        said = ""
        for word in self.words:
            joined = f"{said}、{word}" if said else word
            if len(joined) > limit:
                break
            said = joined
        return said


def vulnerable_named(situation: str) -> str:
    """The kind of vulnerable situation the words name ("" when none)."""
    return vulnerable_read(situation).kind


def vulnerable_read(*texts: str) -> Reading:
    """What ``texts`` (the situation seen, the liaison's words) name, read as one; each read
    ``unhidden`` (probe72, H1): a word hidden by an invisible character ("制\u200b氧机"), a space
    inside it ("制 氧 机") or traditional characters ("製氧機") is read as the word. The words
    stored stay as typed."""
    found: list[tuple[str, bool, str]] = []
    for text in texts:
        found += _named(unhidden(text.lower(), _WORDS))
    if not found:
        return Reading()
    order = [kind for kind, _ in KINDS]
    found.sort(key=lambda f: (order.index(f[0]), not f[1]))
    words = tuple(dict.fromkeys(word for _, _, word in found))[:_WORDS_SHOWN]
    return Reading(kind=found[0][0], blocks=found[0][1], words=words)


def _named(text: str) -> list[tuple[str, bool, str]]:
    """(kind, blocks, word) of each word in ``text`` that is not plainly denied."""
    out = []
    for kind, pattern in KINDS:
        for match in pattern.finditer(text):
            word = match.group()
            if (kind == PATIENT and word in NOT_A_PATIENT) or NOT_A_MACHINE.match(
                text, match.start()
            ):
                continue
            if _denied(text, match):
                continue
            machine = kind == MEDICAL or (kind == PATIENT and bool(MACHINE_IN_IT.search(word)))
            blocks = machine and not use_over(_sentence(text, match))
            out.append((MEDICAL if machine else kind, blocks, word.strip()))
    return out


def _denied(text: str, match: re.Match[str]) -> bool:
    start, end = _clause(text, match)
    denied = _denied_before(text, start, match) or _denied_after(text, match, end)
    return denied and not _depends(text, match, end)


def _denied_before(text: str, start: int, match: re.Match[str]) -> bool:
    """A denial governs the words: nothing but its list or the words' use between them, and the
    denial neither denied nor asked itself (``without_it``, the call-note reader's reading)."""
    denial = governing_denial(text, start, match.start(), _GAP)
    return denial is not None and denial_denied(text, start, denial) is None


def _denied_after(text: str, match: re.Match[str], end: int) -> bool:
    """The words denied after them, closing their clause or list item ("独居老人：无")."""
    listed = _LISTED_AFTER.match(text, match.end(), end)
    at = listed.end() if listed else match.end()
    denial = DENIED_AFTER.match(text, at, end)
    return (
        denial is not None
        and denial.end() > at
        and _ITEM_END.match(text[:end], denial.end()) is not None
    )


def _depends(text: str, match: re.Match[str], end: int) -> bool:
    """What follows the words, in their clause or opening the next, says the household depends
    on them ("没有制氧机活不了", "没有呼吸机，他活不了")."""
    return depends_after(text, match.end(), end, _CLAUSE_END)


def _clause(text: str, match: re.Match[str]) -> tuple[int, int]:
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, match.start())), default=0)
    following = _CLAUSE_END.search(text, match.end())
    return start, following.start() if following else len(text)


def _sentence(text: str, match: re.Match[str]) -> str:
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())), default=0)
    following = _SENTENCE_END.search(text, match.end())
    return text[start : following.start() if following else len(text)]


def blocking_words(*texts: str) -> tuple[str, ...]:
    """The words of ``texts`` that block a disconnection on their own (a medical machine or
    medicine in use, not plainly denied), each once, as written: what a station chief's visit
    finding lifts (``arrears.lift``), so that a word not among them blocks again."""
    found: list[str] = []
    for text in texts:
        found += [word for kind, blocks, word in _named(text.lower()) if blocks]
    return tuple(dict.fromkeys(found))
