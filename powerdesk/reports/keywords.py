"""What call notes talk about: topics (the station's words and two-word phrases), the places named
apart, and whether a topic is rising. Pure Python (jieba, no Django), so it can be tested on
plain lists of notes.

A note becomes its **terms** in five steps, all from files shipped here (nothing is downloaded):

1. the names of the station's own villages and groups go (``place_pattern``): where a caller
   lives is a dimension of its own (which places are named), not a topic; so do digits and
   Latin letters (account and telephone numbers);
2. the ways callers say one thing become its topic's name (``data/synonyms.txt``: "莫得电",
   "没电" and "断电" are all "停电");
3. jieba cuts the note with the station's words added (``data/power_words.txt``: "电压低",
   "熔断器", "树障" stay whole) and tags each word's part of speech (``jieba.posseg``);
4. only the station's words and nouns or verbal nouns of two characters or more are kept
   (jieba's verbs are mostly what the caller did or wants, "申请", "重视", "打不开", and its
   guesses at words it does not know, "送面", "表上"), less the words of
   ``data/stop_words.txt`` (greetings, the clerk's phrases, fillers such as "时候", "钟头" or
   "说法", which jieba calls nouns), names of people or places, words jieba guessed at because
   its dictionary does not have them ("信能", "全化"), and pieces that begin or end with a
   function character ("没来", "开不", "没得", "换表的": half of a sentence, not a thing);
5. two such words next to each other are also a **phrase** ("变压器冒烟"), unless one is
   negated ("水泵" and "抽不起" stay apart).

A topic's weight is its share of the month's terms times its inverse document frequency in
jieba's shipped corpus (a phrase takes the rarer word's); a word that nearly always comes in the
same phrase gives its place to the phrase.

A topic's **count** is the number of notes that contain it in any of its written forms (as text,
the way the call list's ``topic`` filter finds them, so that the count and the list it links to
agree).

**Rising**: a keyword's share this month (its count ÷ the month's notes) against its mean share
in the six months before (each month's count ÷ that month's notes, months without notes left
out). Its **lift** is the ratio of the two, the mean being taken as at least one note in all six
months (so a word never said before does not divide by zero and a single note does not make an
infinite lift). It is rising when the lift is at least ``RISING_LIFT`` and at least
``RISING_MIN_NOTES`` notes of the month contain it.

>>> pattern = place_pattern(["黄泥塘", "核桃箐"])
>>> strip_places("黄泥塘核桃箐的何某反映：停电了", pattern)
('，，的何某反映：停电了', ['黄泥塘', '核桃箐'])
>>> terms("我们组都莫得电了，变压器冒烟")
['停电', '变压器', '冒烟', '变压器冒烟']
>>> sorted(surface_forms("停电"))[:3]
['不来电', '停了电', '停电']
>>> t = Trend(count=12, notes=100, prior_counts=(2, 1, 0, 3, 2, 1), prior_notes=(100,) * 6)
>>> round(t.baseline or 0, 4), round(t.lift or 0, 2), t.rising
(0.015, 8.0, True)
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
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
    "surface_forms",
    "terms",
]

PRIOR_MONTHS = 6
RISING_LIFT = 2.0
RISING_MIN_NOTES = 8

DATA = Path(__file__).parent / "data"
STOP_WORDS_FILE = DATA / "stop_words.txt"
POWER_WORDS_FILE = DATA / "power_words.txt"
SYNONYMS_FILE = DATA / "synonyms.txt"
# Parts of speech a topic can be (jieba's tags): nouns, the station's words, verbal nouns.
CONTENT_TAGS = frozenset({"n", "nz", "nl", "vn"})
# Characters that begin or end a piece of a sentence rather than a thing ("没来", "开不",
# "有没有", "表上", "换表的"); a word of the station's own ("不来电") is kept all the same.
_FUNCTION_EDGE = re.compile("^[的了不没有得上说把被就都也还要在太很]|[的了不没有得上说吗呢吧啊]$")
# A word found in a phrase in at least this share of its notes is shown as the phrase only.
SUBSUMED = 0.7
_NOT_WORDS = re.compile(r"[0-9A-Za-z_]+")
# "抽不起", "带不动": a word of its own, but a phrase with it reads as half a sentence.
_NEGATED = re.compile("[不没]")
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
    """The ``top`` topics of the notes taken together with their weight, heaviest first.

    The notes should already be without place names (``strip_places``).
    """
    per_note = [_terms(note) for note in notes]
    frequency: Counter[str] = Counter(t for found in per_note for t in found)
    if not frequency:
        return []
    in_notes: Counter[str] = Counter(t for found in per_note for t in set(found))
    idf, median = _idf()
    total = sum(frequency.values())

    def weight(term: str) -> float:
        parts = term.split(_JOIN) if _JOIN in term else [term]
        return frequency[term] / total * max(idf.get(p, median) for p in parts)

    ranked = sorted(frequency, key=lambda t: (-weight(t), t))
    phrases = [t for t in ranked if _JOIN in t]
    found: list[tuple[str, float]] = []
    for term in ranked:
        if _JOIN not in term and any(
            term in p.split(_JOIN) and in_notes[p] >= SUBSUMED * in_notes[term] for p in phrases
        ):
            continue
        found.append((term.replace(_JOIN, ""), weight(term)))
        if len(found) == top:
            break
    return found


def terms(note: str) -> list[str]:
    """The note's topics in order: its content words, then the phrases of two of them."""
    return [t.replace(_JOIN, "") for t in _terms(note)]


# A month's notes are cut once for the month, again for their village's and their category's
# topics, and again when a later month's page is made: each note is cut once per process.
NOTES_REMEMBERED = 20_000


@lru_cache(maxsize=NOTES_REMEMBERED)
def _terms(note: str) -> tuple[str, ...]:
    text = _synonyms_pattern().sub(lambda m: _canonical()[m.group(0)], _NOT_WORDS.sub(" ", note))
    stops = stop_words()
    tagger = _tagger()
    known = tagger.tokenizer.FREQ  # jieba's dictionary and the station's words
    words: list[str | None] = []
    for piece in tagger.cut(text):
        word, tag = piece.word, piece.flag
        if word in _power_words():
            # (A word the station's dictionary keeps whole for cutting, "来电", is still no
            # topic when it is a stop word: "来电" is most often the call itself.)
            keep = word not in stops
        else:
            keep = (
                len(word) >= 2
                and _HAS_CHINESE.search(word) is not None
                and word not in stops
                and tag in CONTENT_TAGS
                and _FUNCTION_EDGE.search(word) is None
                and bool(known.get(word))  # not a guess of jieba's at a word it does not know
            )
        words.append(word if keep else None)  # None: the gap between two phrases
    found = [w for w in words if w is not None]
    pairs = [
        a + _JOIN + b
        for a, b in itertools.pairwise(words)
        if a is not None and b is not None and a != b and not _NEGATED.search(a + b)
    ]
    return (*found, *pairs)


def surface_forms(topic: str) -> set[str]:
    """Every way a topic may be written in a note: each of its words in each of its forms."""
    forms = {topic}
    for name, variants in _synonyms().items():
        if name in topic:
            forms = {f.replace(name, v) for f in forms for v in (name, *variants)}
    return forms


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


def counts_in(notes: Sequence[str], words: Sequence[str]) -> dict[str, int]:
    """How many of the notes contain each topic (as text, in any of its forms)."""
    forms = {w: surface_forms(w) for w in words}
    return {w: sum(1 for note in notes if any(f in note for f in forms[w])) for w in words}


_JOIN = "\x1f"  # between a phrase's two words while it is counted


@cache
def _power_words() -> frozenset[str]:
    return frozenset(line.split()[0] for line in _lines(POWER_WORDS_FILE))


@cache
def _synonyms() -> dict[str, tuple[str, ...]]:
    return {
        words[0]: tuple(words[1:]) for words in (line.split() for line in _lines(SYNONYMS_FILE))
    }


@cache
def _canonical() -> dict[str, str]:
    return {v: name for name, variants in _synonyms().items() for v in variants}


@cache
def _synonyms_pattern() -> re.Pattern[str]:
    variants = sorted(_canonical(), key=lambda v: (-len(v), v))
    return re.compile("|".join(re.escape(v) for v in variants))


def _lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def warm() -> None:
    """Load jieba, its dictionary and its inverse document frequencies now (seconds of a
    process's life, once), so that the first page of topics does not wait for them: a web
    process does it before it takes a request (``ops.warmup``)."""
    _tagger()
    _idf()


_LOADING = threading.Lock()
_TAGGER: list[Any] = []  # the process's one tagger, once loaded


def _tagger() -> Any:
    """jieba's part-of-speech tagger on a tokenizer of our own, with the station's words added
    (the classifier shares jieba's default tokenizer, which is left as it is)."""
    if not _TAGGER:
        with _LOADING:  # a request and the warm-up may ask at once: load it once
            if not _TAGGER:
                _TAGGER.append(_load_tagger())
    return _TAGGER[0]


def _load_tagger() -> Any:
    """Each of jieba's tables read once in the process: the dictionary is jieba's default
    tokenizer's (the call classifier's too), copied, and the words' parts of speech are those
    ``jieba.posseg`` read as it was imported, copied (reading them again for a tagger of our
    own doubled seconds of the monthly report's first load)."""
    with warnings.catch_warnings():  # jieba's old regular expressions warn on Python 3.12
        warnings.simplefilter("ignore", SyntaxWarning)
        import jieba
        import jieba.posseg
    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()
    tokenizer = jieba.Tokenizer()
    with jieba.dt.lock:
        tokenizer.FREQ, tokenizer.total = dict(jieba.dt.FREQ), jieba.dt.total
    tokenizer.initialized = True  # the default dictionary, as jieba.dt has it
    tokenizer.load_userdict(str(POWER_WORDS_FILE))
    tagger = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    tagger.tokenizer = tokenizer
    tagger.word_tag_tab = dict(jieba.posseg.dt.word_tag_tab)
    return tagger


@cache
def _idf() -> tuple[dict[str, float], float]:
    """jieba's shipped inverse document frequencies and their median (for unknown words), read
    from its file here: ``jieba.analyse`` reads it twice as it is imported and used."""
    import jieba

    text = (Path(jieba.__file__).parent / "analyse" / "idf.txt").read_text(encoding="utf-8")
    idf: dict[str, float] = {}
    for line in text.splitlines():
        word, _space, value = line.strip().rpartition(" ")
        if word:
            idf[word] = float(value)
    return idf, sorted(idf.values())[len(idf) // 2]
