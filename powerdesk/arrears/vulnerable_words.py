"""The words of a household that must not simply be cut off, as the household check reads them
(``vulnerable``): a medical machine or medicine kept cold (it blocks a disconnection, as the
customer's medical-need flag does), an elderly person, a patient, children alone, hardship; and
the words denied after them.

The machines and the patients are the call-note reader's own lists
(``servicedesk.understanding.medical_words``: the same words, as voice-to-text writes them too),
so the station has one list of what a medical need is called; so are the words around them that
deny one, deny the denial or say the household depends on it, and an elderly person's words
(``servicedesk.understanding.without_it``, which the call-note reader reads a need by too).
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding.medical_words import MEDICAL_DEVICES, MEDICAL_PEOPLE
from powerdesk.servicedesk.understanding.without_it import ELDERLY_WORDS

__all__ = ["CHILDREN", "ELDERLY", "HARDSHIP", "KINDS", "MEDICAL", "PATIENT"]

MEDICAL = "medical equipment"
ELDERLY = "elderly"
PATIENT = "patient"
CHILDREN = "children alone"
HARDSHIP = "hardship"

_c = re.compile

# (kind, pattern), most serious first: a medical machine blocks, the rest escalate.
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        MEDICAL,
        _c(
            rf"(?:{MEDICAL_DEVICES})"
            r"|医疗设备|\boxygen\b|\bventilators?\b|\bdialysis\b|\bconcentrators?\b"
            r"|\bbreathing machines?\b"
        ),
    ),
    (ELDERLY, _c(ELDERLY_WORDS)),
    (
        PATIENT,
        _c(
            rf"(?:{MEDICAL_PEOPLE})"
            r"|病人|患者|卧床|瘫痪|重病|住院|残疾|呼吸困难"
            r"|\bpatients?\b|\bbedridden\b|\bdisabled\b|\bdisabilit(?:y|ies)\b"
        ),
    ),
    (
        CHILDREN,
        _c(
            r"留守儿童|留守孩子|(?:孩子|小孩)(?:独自|单独)|只有(?:孩子|小孩)"
            r"|\bchild(?:ren)? alone\b"
        ),
    ),
    (HARDSHIP, _c(r"低保|困难|贫困|五保|特困|\bhardship\b|\bpoverty\b")),
)

# A patient's word that names a machine or oxygen leant on ("离不开氧", "靠机器呼吸"): a machine.
MACHINE_IN_IT = _c(r"氧|机器|机子")
# The call-note reader's words that name no patient in a household's description: a clinic is a
# place (its own care flag says it is one), seedlings are transplanted too ("移植烟苗").
NOT_A_PATIENT = frozenset({"卫生室", "卫生院", "诊所", "医务室", "移植"})
# "要透" (voice-to-text's 要透析) in "要透过村委会联系": through, not dialysis.
NOT_A_MACHINE = _c(r"要透(?=过|支|彻)")

# The words denied after them, closing their clause or list item ("独居老人：无", "老人、病人都
# 没有", "低保户：否").
DENIED_AFTER = _c(
    r"(?:的?情况|的?现象|这些|这种|等情况|等)?\s*[：:]?\s*(?:也|都|均|亦|倒是|是)?\s*"
    r"(?:没有|没得|无|否|不是|没|未见|未发现|没发现|没看到)(?:的|了|啊|呀)?\s*"
)
