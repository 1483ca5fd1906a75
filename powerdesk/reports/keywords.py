"""What call notes talk about: keywords by jieba's TF-IDF, the places named apart, and whether a
keyword is rising. Pure Python (jieba, no Django), so it can be tested on plain lists of notes.

Keywords are jieba's ``extract_tags`` over the notes of a month (or of one village or category in
it) taken together: each word's frequency in those notes times its inverse document frequency in
jieba's shipped corpus (nothing is downloaded). Before that, every note loses

- the names of the station's own villages and groups (``place_pattern``): where a caller lives is
  a dimension of its own (which places are named), not a topic, and jieba would otherwise cut
  "黄泥塘" into "泥塘" and rank it;
- digits and Latin letters: account and telephone numbers are not topics;

and the words of ``data/stop_words.txt`` (greetings, the clerk's phrases, fillers) are never
keywords.

A keyword's **count** is the number of notes that contain it (as text, the way the call list's
search finds them, so that the count and the list it links to agree).

**Rising**: a keyword's share this month (its count ÷ the month's notes) against its mean share
in the six months before (each month's count ÷ that month's notes, months without notes left
out). Its **lift** is the ratio of the two, the mean being taken as at least one note in all six
months (so a word never said before does not divide by zero and a single note does not make an
infinite lift). It is rising when the lift is at least ``RISING_LIFT`` and at least
``RISING_MIN_NOTES`` notes of the month contain it.

>>> pattern = place_pattern(["黄泥塘", "核桃箐"])
>>> strip_places("黄泥塘核桃箐的何某反映：停电了", pattern)
('，，的何某反映：停电了', ['黄泥塘', '核桃箐'])
>>> t = Trend(count=12, notes=100, prior_counts=(2, 1, 0, 3, 2, 1), prior_notes=(100,) * 6)
>>> round(t.baseline or 0, 4), round(t.lift or 0, 2), t.rising
(0.015, 8.0, True)
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "PRIOR_MONTHS",
    "RISING_LIFT",
    "RISING_MIN_NOTES",
    "Trend",
    "keywords",
    "place_pattern",
    "stop_words",
    "strip_places",
]

PRIOR_MONTHS = 6
RISING_LIFT = 2.0
RISING_MIN_NOTES = 8

STOP_WORDS_FILE = Path(__file__).parent / "data" / "stop_words.txt"
_NOT_WORDS = re.compile(r"[0-9A-Za-z_]+")
_HAS_CHINESE = re.compile(r"[\u4e00-\u9fff]")
# How a place's name goes on in a note: "左门村委会", "哔叭组", "三角村".
_PLACE_SUFFIX = "(?:村委会|村民小组|小组|村|组|社)?"


@dataclass(frozen=True)
class Trend:
    """One keyword's month against the six before it (see the module's note on rising)."""

    count: int  # notes of the month that contain it
    notes: int  # notes of the month
    prior_counts: tuple[int, ...]  # the same for each of the months before, oldest first
    prior_notes: tuple[int, ...]

    @property
    def share(self) -> float:
        return self.count / self.notes if self.notes else 0.0

    @property
    def baseline(self) -> float | None:
        """The mean share in the months before that had notes; None without any."""
        shares = [c / n for c, n in zip(self.prior_counts, self.prior_notes, strict=True) if n]
        return sum(shares) / len(shares) if shares else None

    @property
    def lift(self) -> float | None:
        baseline = self.baseline
        if baseline is None:
            return None
        floor = 1 / sum(self.prior_notes)  # one note in all the months before
        return self.share / max(baseline, floor)

    @property
    def rising(self) -> bool:
        lift = self.lift
        return lift is not None and lift >= RISING_LIFT and self.count >= RISING_MIN_NOTES


def keywords(notes: Iterable[str], *, top: int = 20) -> list[tuple[str, float]]:
    """The ``top`` keywords of the notes taken together with their TF-IDF weight, heaviest first.

    The notes should already be without place names (``strip_places``).
    """
    text = "\n".join(_NOT_WORDS.sub(" ", note) for note in notes)
    if not text.strip():
        return []
    found: list[tuple[str, float]] = _extractor().extract_tags(text, topK=top, withWeight=True)
    return [(word, float(weight)) for word, weight in found if _HAS_CHINESE.search(word)]


def place_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for every place name (the longest first, so "大地索" is not read as "地索")."""
    unique = sorted({n.strip() for n in names if n.strip()}, key=lambda n: (-len(n), n))
    if not unique:
        return None
    return re.compile("(" + "|".join(re.escape(n) for n in unique) + ")" + _PLACE_SUFFIX)


def strip_places(note: str, pattern: re.Pattern[str] | None) -> tuple[str, list[str]]:
    """The note with the place names replaced by a comma, and the names it contained."""
    if pattern is None:
        return note, []
    named: list[str] = []

    def replace(match: re.Match[str]) -> str:
        named.append(match.group(1))
        return "，"

    return pattern.sub(replace, note), named


@cache
def stop_words() -> frozenset[str]:
    lines = STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@cache
def _extractor() -> Any:
    """A TF-IDF extractor of our own: its stop words are ours, the default one's stay jieba's
    (the classifier shares jieba's default tokenizer, which is only read here)."""
    with warnings.catch_warnings():  # jieba's old regular expressions warn on Python 3.12
        warnings.simplefilter("ignore", SyntaxWarning)
        import jieba
        import jieba.analyse
    jieba.setLogLevel(logging.WARNING)
    extractor = jieba.analyse.TFIDF()
    extractor.stop_words = set(extractor.stop_words) | stop_words()
    return extractor


def counts_in(notes: Sequence[str], words: Sequence[str]) -> dict[str, int]:
    """How many of the notes contain each word (as text)."""
    return {w: sum(1 for note in notes if w in note) for w in words}
