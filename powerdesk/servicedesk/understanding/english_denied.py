"""A machine a life needs named in English only to say there is none, and nothing else in the
note that could be a need (notes58, issue 18): "nobody here uses a ventilator", "no oxygen
machine at home", "power is out, no one at home is on an oxygen machine". The English rules read
no need there (each mention denied: ``english._state``), and, as ``machine_denied`` does for the
Chinese ("停电了，家里没有制氧机"), the learned detector is not heard over it
(``urgency.Findings.machine_denied``, ``detector.vetoed``): the clerk is not asked to check a
machine the caller said is not there.

The same narrow reading: every machine the note names is denied, and once each denial and what it
covers ("no … oxygen machine", "nobody here uses a ventilator") is taken out, nothing is left a
need could be said with — no person of the household ("mum", "my father", "grandma", "the
baby"), no word of health, the body or care ("sick", "breathing", "bed", "hospital"), no
dependence ("needs", "relies", "can't live"), no haste ("hurry", "urgent", "help"), no machine
named again, no turn ("but", "except", "only", "if"); nor, where the note has Chinese too, any
machine or patient named in Chinese or a word ``machine_denied`` would hear a need in. Any of them
and the detector is heard as before (the clerk asked).

>>> import re
>>> text = "nobody here uses a ventilator"
>>> nothing_left(text, [(text.index("nobody"), len(text))])
True
>>> text = "we have no ventilator, but my dad is poorly"
>>> nothing_left(text, [(text.index("no "), text.index(","))])
False
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding.bounded import around
from powerdesk.servicedesk.understanding.machine_denied import chinese_left
from powerdesk.servicedesk.understanding.readings import DENIED
from powerdesk.servicedesk.understanding.without_it import DENIAL, need_state

__all__ = ["chinese_denial", "nothing_left"]

_c = re.compile
_I = re.IGNORECASE

# What a need could still be said with in English, once the denials are taken out.
_HINT = _c(
    # a person of the household
    r"\b(?:mum|mom|mother|mommy|mummy|ma|dad|daddy|father|pa|parents?|grand\w*|granny|gran|nan|nana"
    r"|grandpa|grandma|baby|babies|infant|newborn|child|children|kids?|sons?|daughters?|wife"
    r"|husband|elderly|old|aged|aunt|uncle|brother|sister|relatives?|he|she|him|her|his|hers"
    r"|neighbou?r|lady|man|woman|gentleman|person|patients?|someone|somebody)\b"
    # health, the body, care
    r"|\b(?:sick|ill|illness|poorly|unwell|disab\w*|pregnan\w*|breath\w*|oxygen|medic\w*|medicine"
    r"|insulin|doctor|nurse|carer|care|hospital|clinic|bed\w*|heart|lungs?|asthma|copd|fridge"
    r"|pain|hurt\w*|cough\w*|chest|dizzy|faint\w*|weak|frail|dialysis|surgery|operation)\b"
    # dependence, haste, danger
    r"|\b(?:needs?|needed|needing|depends?|depending|dependent|rel(?:y|ies|ying|ied)|without"
    r"|can't|cannot|live|life|alive|survive|die|dying|dead|death|hurry|quick\w*|urgent\w*|asap"
    r"|emergency|help|immediately|danger\w*|serious|worried|scared|afraid)\b"
    # a machine named again, a turn, a condition
    r"|\b(?:machines?|devices?|equipment|pumps?|concentrators?|ventilators?|respirators?"
    r"|but|however|though|although|except|only|unless|if|when|whether|instead|anyway|still)\b",
    _I,
)


def chinese_denial(text: str, match: re.Match[str]) -> int | None:
    """Where the Chinese denial of the English machine at ``match`` starts ("停电了，家里没有
    oxygen machine", "没有人用 ventilator"), as ``without_it.need_state`` reads a machine named in
    Chinese (not asked: "有没有人用 ventilator"; not a need: "不能没有 ventilator"); None for none.
    The space typed between the Chinese and the English word is no clause's end.

    >>> text = "停电了，家里没有 oxygen machine"
    >>> chinese_denial(text, re.search("oxygen machine", text))
    6
    >>> text = "停电了，我爸不能没有 ventilator"
    >>> chinese_denial(text, re.search("ventilator", text)) is None
    True
    """
    head = text[: match.start()].rstrip()
    if not head or not re.search(r"[\u4e00-\u9fff]$", head):
        return None
    joined = head + text[match.start() :]
    moved = re.compile(re.escape(match.group())).search(joined, len(head))
    if moved is None or need_state(*around(joined, moved)) != DENIED:
        return None
    denials = list(DENIAL.finditer(head))
    return denials[-1].start() if denials else None


def nothing_left(text: str, spans: list[tuple[int, int]]) -> bool:
    """With each denial's span (from the word that denies to the machine it denies) taken out,
    nothing in ``text`` could be a need: no English word of ``_HINT``, and the Chinese around it
    (``machine_denied.chinese_left``) none of its own."""
    rest = list(text)
    for start, end in spans:
        rest[start:end] = " " * (end - start)
    left = "".join(rest)
    return not _HINT.search(left) and chinese_left(re.sub(r"[A-Za-z']+", " ", left))
