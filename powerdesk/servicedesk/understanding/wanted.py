"""Help wanted now ("快来", "派人", "麻烦…来看一下"), told apart from the story of a time past
("那次电线掉了，你们马上派人来守着"), and the markers of a time past that govern what follows
them (``context_words.PAST``) until a marker of now. ``readings`` reads each mention of a danger
through these; ``urgency`` and ``medical`` ask whether help is wanted now.
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import context_words

_c = re.compile
_CLAUSE = _c(context_words.CLAUSE)
_PAST = _c(context_words.PAST)
_NOW_AGAIN = _c(context_words.NOW_AGAIN)
_NOW = _c(context_words.NOW)
_NOW_THEN = _c(context_words.NOW_THEN)
# Help asked for and given in the same breath: the story of a time past ("后来请你们来修好了").
_ASKED_AND_DONE = _c(
    r"(请|麻烦)[^，。,.]{0,6}来[^，。,.!！?？]{0,2}(修|接|扶|换|弄|搞|处理)(好|完)了(?!的)"
)
_NO_DANGER = _c(r"不是|没|无|莫得|不会|冇")


def _clause_start(text: str, position: int) -> int:
    return max((m.end() for m in _CLAUSE.finditer(text, 0, position)), default=0)


def _under_a_past_marker(text: str, position: int) -> bool:
    pasts = list(_PAST.finditer(text, 0, position))
    return bool(pasts) and not _NOW_AGAIN.search(text, pasts[-1].end(), position)


def _now_said(text: str, match: re.Match[str]) -> bool:
    return not _under_a_past_marker(text, match.start())


def _now_wanted(text: str) -> bool:
    """Help wanted now ("快来"; "派人" unless in a story of a time past: "那次电线掉了，你们马上
    派人来守着")."""
    if any(not _ASKED_AND_DONE.match(text, m.start()) for m in _NOW.finditer(text)):
        return True
    return any(
        _now_said(text, m)
        and not _danger_denied(text, m)
        and not _DONE_AT_ONCE.match(text, m.end())
        for m in _NOW_THEN.finditer(text)
    )


# "马上", "派人" telling of what was done at once ("电线断了马上就修好了", "马上派人来扶正了",
# "马上就赶到了"): a story, no help wanted now.
_DONE_AT_ONCE = _c(
    r"[^，。,.!！?？]{0,8}(修|换|扶|接|处理|弄|搞|立|整)(好|完|正)了"
    r"|[^，。,.!！?？]{0,4}(就到了|赶到了|赶来了|到了)"
    # …or warned or stopped ("马上来提醒我们挪开", "马上叫停了施工": a praise's story, notes43)
    r"|[^，。,.!！?？]{0,4}(提醒|叫停|喊停|劝)(了|我们|我|大家|他们|住|停)"
)


def _danger_denied(text: str, match: re.Match[str]) -> bool:
    """ "危险" said not to be there ("我不是讲现在有哪样危险", "没啥危险")."""
    if match.group() != "危险":
        return False
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
    return bool(_NO_DANGER.search(text, clause_start, match.start()))
