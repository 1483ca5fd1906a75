"""Clauses of a bounded length, so that the rules read a note in time linear in its length.

Each mention of a danger or a need is read within its clause (the words before and after it up
to a comma, a full stop or a space: ``readings._state``), and many of the rules look back to the
clause's start. A note that never ends a clause ("电线掉了电线掉了…" pasted or typed by a stuck
key, a long speech-to-text run) makes that one clause the whole note, and every mention in it
reads the whole note again: time quadratic in its length (walk56, H2: 2,000 characters in 16 s).
A clause spoken on the phone is a few dozen characters; one longer than ``CLAUSE_CHARS`` is cut
every ``CLAUSE_CHARS`` characters, so what the rules decide of any note whose clauses are
shorter is unchanged.

Much of what tells how a mention is spoken of is looked for in the whole note (help wanted now,
a marker of the past, a question): a note that names a danger a thousand times reads the whole
note a thousand times. A mention in a note longer than twice ``REACH_CHARS`` is read within the
``REACH_CHARS`` characters on either side of it (``around``): what the rules decide of a shorter
note is unchanged, and the work grows with the note's length, not with its square.

>>> clauses_bounded("电线断了，掉在地上")
'电线断了，掉在地上'
>>> clauses_bounded("线" * 5, longest=2)
'线线，线线，线'
>>> clauses_bounded("线线，线线线", longest=2)
'线线，线线，线'
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import context_words

__all__ = ["CLAUSE_CHARS", "REACH_CHARS", "around", "clauses_bounded"]

# Longer than any clause of a real note (the longest in the corpus and the hands is well under
# it), short enough that reading each mention within its clause costs little.
CLAUSE_CHARS = 120
# How far on either side of a mention a long note is read.
REACH_CHARS = 300
_BREAK = "，"
_CLAUSE_END = re.compile(context_words.CLAUSE)


def clauses_bounded(text: str, longest: int = CLAUSE_CHARS) -> str:
    """``text`` with a clause break put in every ``longest`` characters of a clause longer than
    that (the text as it is when none is)."""
    pieces = _CLAUSE_END.split(text)
    if max(map(len, pieces), default=0) <= longest:
        return text
    out: list[str] = []
    start = 0
    for end in (*(m.start() for m in _CLAUSE_END.finditer(text)), len(text)):
        clause = text[start:end]
        out.append(_BREAK.join(clause[i : i + longest] for i in range(0, len(clause), longest)))
        out.append(text[end : end + 1])
        start = end + 1
    return "".join(out)


def around(text: str, match: re.Match[str], reach: int = REACH_CHARS) -> tuple[str, re.Match[str]]:
    """The part of ``text`` within ``reach`` characters of ``match``, and the match in it (the
    whole text and the match itself for a note no longer than twice ``reach``, or should the
    pattern not match the part just as it matched the whole).

    >>> note = "a" * 10 + "线断了" + "b" * 10
    >>> part, m = around(note, re.search("线断了", note), reach=3)
    >>> part, m.span()
    ('aaa线断了bbb', (3, 6))
    """
    if len(text) <= 2 * reach:
        return text, match
    start = max(0, match.start() - reach)
    part = text[start : match.end() + reach]
    again = match.re.match(part, match.start() - start)
    if again is None or again.end() != match.end() - start:
        return text, match
    return part, again
