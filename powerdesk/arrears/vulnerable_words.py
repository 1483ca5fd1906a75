"""The words of a household that must not simply be cut off, as the household check reads them
(``vulnerable``): a medical machine or medicine kept cold (it blocks a disconnection, as the
customer's medical-need flag does), an elderly person, a patient, children alone, hardship; and
the words around them that deny one, or that say the household depends on it.

The machines and the patients are the call-note reader's own lists
(``servicedesk.understanding.medical_words``: the same words, as voice-to-text writes them too),
so the station has one list of what a medical need is called.
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding.medical_words import MEDICAL_DEVICES, MEDICAL_PEOPLE

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
    (
        ELDERLY,
        _c(
            r"老人(?!机)|老年人|独居|空巢|高龄|孤寡|[七八九]十[多几来]?岁|(?<!\d)[7-9][0-9]岁|百岁"
            r"|\belderly\b|\bold (?:person|people|man|woman|couple)\b|\b(?:lives|living) alone\b"
        ),
    ),
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

# A denial just before the words ("家中无老人", "没有用呼吸机", "不属于低保户").
DENIAL = _c(
    r"并没有|也没有|都没有|没有|没得|莫得|冇得?|并无|并非|不属于|不存在|不涉及|不是|不算|不需要?"
    r"|无需|(?:没|未)(?:发现|看到|见到|见)有?|[无没未非不]"
    r"|\b(?:no|not|none|without|never|nor|neither|isn't|aren't|doesn't|don't)\b"
)
# What may stand between a denial and the words it governs: more of the words it lists
# ("无老人独居", "无卧床病人", "没有老人和小孩单独在家"), the machine's use ("没有用呼吸机", "无用电
# 医疗设备"), who ("没有人吸氧"), how many or how old ("没有70岁以上老人"). Anything else (a
# verb, "有", "但") ends its reach: "无人照顾的老人" is an elderly person with nobody to look after
# them.
GAP_WORDS = (
    r"[、和及与跟或/\s]|以及|或者|也|亦|都|均|还|再|任何|什么|啥子?|哪样"
    r"|(?:需要|需|要)(?:特殊)?(?:照顾|照料|关照)的?|需要|使用|在用|正在用|用电|用|依赖|靠|长期|常年"
    r"|的|家庭|家中|家里|屋里|家|户|人员|人口|人|成员|重症|严重|类|等"
    r"|[0-9一二三四五六七八九十]+岁以上|以上|属于|发现|看到|见到"
    r"|\b(?:a|an|any|one|anyone|anybody|person|people|on|using|uses|use|used|need|needs|needing"
    r"|medical|the|who|is|are|at|home|household|member|members|family|in|of|or|and|nor)\b"
)
# A denial asked, not said ("有没有老人", "是不是低保户", "是否"): no denial.
ASKED = _c(r"(有没|是不|是否|用不|在不|有无)$")
# A denial denied: the household cannot be without it ("不能没有呼吸机", "一天也不能没有氧",
# "不是没有病人",
# "can't live without oxygen").
NOT_WITHOUT = _c(
    r"(不能|不可以?|不得|不行|不敢|不是|并不是|少不了|缺不了|断不了|离不开|离不得)"
    r"(一刻|一天|一时|片刻|一会儿?|一晚)?(也|都)?$"
    r"|\b(?:can't|cannot|can not|couldn't|could not|unable to|won't)\s+(?:\w+\s+){0,2}$"
)
# What follows a machine or a person "without" it that says the household depends on it
# ("没有制氧机活不了", "没有透析机器他就得去医院住", "没有呼吸机的话"): the need affirmed.
DEPENDS = _c(
    r"活不[了成下]|不能活|没法活|会死|就死|没命|要命|不行(?![动走驶使])|不得行|受不了|撑不住"
    r"|熬不住|扛不住|挺不住|喘不[过上赢来动]|憋[得死坏气]|就得|就要|就会|只能|得去医院|得住院"
    r"|要住院|危险|出事|不得了|离不[开得了]|难受|的话"
    r"|\b(?:can't|cannot|would die|will die|dies|die|struggles?)\b"
)
# The words denied after them, closing their clause or list item ("独居老人：无", "老人、病人都
# 没有", "低保户：否").
DENIED_AFTER = _c(
    r"(?:的?情况|的?现象|这些|这种|等情况|等)?\s*[：:]?\s*(?:也|都|均|亦|倒是|是)?\s*"
    r"(?:没有|没得|无|否|不是|没|未见|未发现|没发现|没看到)(?:的|了|啊|呀)?\s*"
)
