"""Urgency by rule: a danger to life or a medical need named in a call makes it urgent.

The rules stand beside the model, not behind it: a call naming a line on the ground is urgent
whatever category the model gives it, and a danger the caller says is *not* there ("没有打火",
"没看到冒烟", "不冒烟了吗？" is still a question) does not count. A danger remembered in a word of
thanks ("上次电杆倒了，你们半夜就来了，谢谢") is not a call about a danger, nor is one the caller
says is past and dealt with ("去年变压器着火，你们换了新的"), nor one they only fear ("怕电线被
刮断"). The tense of a note is read simply: a marker of the past ("上次", "去年", "以前") reaches
forward until a marker of now ("现在", "又"); any sign that the danger is still there or that help
is wanted now ("还没", "到现在", "快来") makes every danger named current again.

>>> findings("电线断了掉在地上").dangers
('line down or low',)
>>> findings("凌晨停电了，没有看到冒烟，也没有打火").dangers
()
>>> findings("冒烟倒是没有，就是停电了").dangers
()
>>> findings("风大得很，怕电线被刮断").dangers
()
>>> findings("上次电杆倒了，你们来得快，处理好了").dangers
()
>>> findings("上次报修的电杆歪了，到现在还没人来").dangers
('pole leaning or fallen',)
>>> findings("家里老人用制氧机，停电了").medical
True
>>> is_urgent("测试号码")
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DANGERS", "MEDICAL", "Findings", "findings", "is_junk", "is_urgent"]

# Dangers to life, by kind (the "three mosts": shortest time for these). Each is a regular
# expression over the note as written; a kind is named in the suggestion so the clerk sees why.
DANGERS: dict[str, str] = {
    "line down or low": (
        r"(电线|导线|线路|高压线|低压线|电缆|进户线|火线|线头|线)[^，。,.!！?？电压没不未]{0,6}"
        r"(断了|断掉|烧断|刮断|扯断|拉断|砸断|压断|掉(了|下|在|到)|落(地|下|在)|垂(下|到|着|得)"
        r"|拖(在|到|地|着)|吊(着|下)|耷拉|挨地|贴地|碰到地|在地上|横在|挡在|压在|压住|压着)"
        r"|(电线|导线|高压线|低压线|线)(很|太|特别|非常)?(低|矮)(得|了)"
        r"|(电线|导线|线)[^，。,.]{0,4}离[^，。,.]{0,6}(太近|很近|近得)"
        r"|(树|竹子|竹|树枝|树干|棚膜)[^，。,.]{0,6}(倒|压|碰|搭|挨|挂)[^，。,.]{0,4}(电线|导线|线)"
        r"|倒杆|断杆|断线|断股|散股|垂到地|拖地|落地|挨地|跨越公路|横在路|挡在路"
        r"|(线|电线)[^，。,.]{0,4}(碰到|挨着|搭在|挂在)[^，。,.]{0,4}(树|房|屋|墙|铁皮|棚|人)"
    ),
    "arcing or sparks": r"打火|火花|火星|冒火|弧光|放电|闪蓝光|电弧|噼里啪啦|噼噼啪啪|啪啪响|滋滋",
    "smoke": r"冒烟|冒青烟|冒黑烟|浓烟|烟雾|焦味|焦糊|烧焦|糊味",
    "fire": r"着火|起火|失火|火灾|烧起来|燃起来|在烧|烧着了|山火|明火|爆炸|炸了|炸开",
    "pole leaning or fallen": (
        r"(电杆|电线杆|线杆|杆子|水泥杆|木杆|杆)[^，。,.!！?？没未]{0,10}"
        r"(倒了|倒在|要倒|快倒|倒下|歪|斜|倾|晃|断了|折断|撞断|裂|冲倒|冲走|冲掉|被冲|悬空|露出"
        r"|松动|不稳|站不住)"
        r"|(冲|刮|撞|砸|压)[^，。,.]{0,4}(电杆|电线杆|杆子)"
        r"|倾斜|掏空|冲垮|拉线断|(滑坡|塌方|泥石流|落石)[^，。,.]{0,8}(线|杆)"
    ),
    "person or animal near live equipment": (
        r"触电|电击|电到(了|人|牛|羊|马|猪|狗|小孩|娃)|被电(了|到|伤|死|击)|电死|电倒|电了一下"
        r"|麻手|带电(?!作业|检修|操作)|漏电(?!保护|开关|断路|空开)"
        r"|(小孩|娃娃|小娃|孩子|学生|有人|人|牛|羊|马|猪|狗)[^，。,.]{0,8}"
        r"(爬|攀|碰到|摸到|挂在|踩)[^，。,.]{0,6}"
        r"(变压器|电杆|电线|线|台架|配电|表箱|开关)"
    ),
    "flooding at equipment": (
        r"(淹|泡水|进水|浸水|水漫)[^，。,.]{0,8}(变压器|配电|表箱|电箱|开关柜|台区|电房)"
        r"|(变压器|配电|表箱|电箱|开关柜|台区|电房)[^，。,.]{0,8}(淹|泡水|进水|浸水|泡在水)"
    ),
}

# A medical need at home that stops with the power.
MEDICAL = (
    r"制氧机|氧气机|吸氧|输氧|呼吸机|透析|吸痰|雾化机|监护仪|起搏器|输液泵|胰岛素"
    r"|病人|患者|瘫痪|卧床|重病|病危|癌症|需要用电的医疗|医疗设备"
)

# The words of a denial just before a danger: "没有打火", "没看到冒烟", "不会着火吧",
# "也没听到响声". Only the few characters right before count, so "不知道为什么冒烟" stays a danger.
_NEGATION = re.compile(
    r"(没有|没得|莫得|没|未|无|不|并未|并没有|别|不是)"
    r"(看到|看见|见到|发现|听到|闻到|出现|明显|有|再|会|是|在)?有?(什么|任何|啥)?$"
)
# A denial just after a danger, closing its clause: "冒烟倒是没有", "打火的情况没看到".
_NEGATION_AFTER = re.compile(
    r"(的情况|的现象|的话)?(倒是|倒|是|也|都|就|还)?"
    r"(没有|没得|莫得|没看到|没看见|没发现|没见到|没见|没听到|没)(的|了|啊|呀|哈|过)?"
)
# A danger only feared or asked about: "怕电线被刮断", "万一着火咋个办", "防止触电".
_HYPOTHETICAL = re.compile(
    r"(怕|万一|防止|以免|避免|如果|要是|假如|预防|担心|小心|容易|是否会|会不会|咋个防)"
    r"[^，。,.!！?？]{0,6}$"
)
# Thanks for something already done; a danger or need said inside it was dealt with.
_THANKS = re.compile(r"感谢|谢谢|多谢|表扬|点赞|锦旗|辛苦(你们|师傅|了)|幸亏|多亏|好人")
_DONE = (
    r"(修|立|接|扶|弄|搞|换|装|处理|抢修)(好|起来|完|正)|修复|来修|抢修|处理了|处理得|换了|换成"
    r"|赶来|赶到|来得快|很快就|及时|就到了|解决了|排除了|才没|没出事|已经好了|恢复了"
)
_DONE_RE = re.compile(_DONE)
# Markers of a time past and done with, and of now: a past marker governs what follows it until
# a marker of now. (Recent times — "昨晚", "前几天" — are not past: that is when calls start.)
_PAST = re.compile(
    r"上次|上回|那次|那回|那场|以前|之前|去年|前年|几年前|那年|当年|当时|曾经|原来|前些年|上半年"
)
_DEALT_WITH = re.compile(_DONE + "|" + _PAST.pattern + r"|那天|上个月|上周|前几天")
_NOW_AGAIN = re.compile(r"现在|这哈|这会|今天|今早|今晚|刚才|刚刚|又")
# Signs that a danger is still there or that help is wanted now.
_STILL = re.compile(
    r"还没|还在|还是|还有|仍|依然|到现在|至今|一直在|一直没|没人(来|管)|没(修|处理|扶)"
    r"|又(倒|断|冒|着火|打火|歪|掉)"
)
# Words that make it a call for help now, even with thanks in it.
_NOW = re.compile(
    r"快来|快点|赶紧|马上|尽快|快派|请派|派人|还在|现在还|又(倒|断|冒|着火|打火)|危险|请.{0,6}来"
    r"|什么时候来|啥时候来|哪天来"
)
_CLAUSE = re.compile(r"[，,。.;；！!?？、]")
_DANGER_RES = {kind: re.compile(pattern) for kind, pattern in DANGERS.items()}
_MEDICAL_RE = re.compile(MEDICAL)

# Test calls and the like: a few words saying so, digits or nothing at all.
_JUNK_WORDS = re.compile(
    r"测试|试一下|试试|试下|test|打错|拨错|错号|没人说话|无人应答|无声|挂断|挂了|骚扰|喂+|误拨|空号|按错"
    r"|hello|你好|您好",
    re.IGNORECASE,
)
# How duty staff note a call that went nowhere: silence, a hang-up, a wrong number, a child at
# the phone, a test of the line.
_WENT_NOWHERE = re.compile(
    r"测试|调试|试机|试一下|试试|演练|打错|拨错|错号|找错|误拨|按错|乱拨|乱按|乱打|玩电话|玩手机"
    r"|无人说话|没人说话|不说话|没有?声音?|无声|听不[到见清]|只有杂音|杂音|挂断|挂了|挂机|响一声"
    r"|骚扰|空号|未接通|没接通"
)
# Words of the station's business: a note with one of them is a call about something.
_BUSINESS = re.compile(
    r"停电|没电|莫得电|没得电|断电|黑起|来电了|有电|电费|电价|电表|电能表|表箱|插卡|电线|导线|线路"
    r"|电杆|杆子|变压器|配电|跳闸|闸|保险|熔断|漏电|打火|冒烟|着火|电压|灯|用电|供电|户号|过户"
    r"|更名|销户|缴费|交费|欠费|充值|装表|新装|增容|报装|报修|维修|抢修|故障|投诉|表扬|感谢|谢谢"
    r"|建议|意见|电器|冰箱|电视|水泵|危险|触电|救命|救人|火|烟|受伤|病人|医院|出事"
    # A grievance about how the call was taken is a complaint, not a call that went nowhere.
    r"|态度|服务|工作人员|接电话的|接线|客服|师傅|不满|太差|凭什么|为什么|怎么回事|不像话"
)
_POWER_BACK = re.compile(r"来电了|又来电|没来电|还没来电")
# The words about the call itself ("来电", "电话") carry the character for power.
_CALL_ITSELF = re.compile(r"来电号码|来电显示|来电|电话|通话|致电|回电|去电")
# What is left of "测试一下你们的电话通不通" once the test words are gone says nothing more.
_FILLER = re.compile(
    r"号码|电话|一下|你们|我们|的|是|吗|啊|呀|通不通|能不能|打通|通|了|在|这个|那个|喂"
)


@dataclass(frozen=True)
class Findings:
    """What the rules found in a note: the dangers named, a medical need, thanks, junk."""

    dangers: tuple[str, ...] = ()
    medical: bool = False
    in_thanks: bool = False
    junk: bool = False

    @property
    def urgent(self) -> bool:
        return not self.junk and not self.in_thanks and (bool(self.dangers) or self.medical)


def findings(text: str) -> Findings:
    """The dangers and medical need a note names (and does not deny)."""
    text = (text or "").strip()
    if is_junk(text):
        return Findings(junk=True)
    dangers = tuple(kind for kind, pattern in _DANGER_RES.items() if _named(pattern, text))
    medical = _named(_MEDICAL_RE, text)
    return Findings(dangers=dangers, medical=medical, in_thanks=_said_in_thanks(text))


def is_urgent(text: str, category: str | None = None) -> bool:
    """Urgent: a danger or medical need named (not denied, not in thanks), or a hazard call.

    A note that is junk (a test call, digits only, nothing) is never urgent, whatever the
    category said.
    """
    found = findings(text)
    if found.junk:
        return False
    if found.urgent:
        return True
    return category == "hazard" and not found.in_thanks


def is_junk(text: str) -> bool:
    """A test call, a wrong number, a greeting alone, digits or punctuation only, or nothing;
    or the duty note of such a call ("来电无人说话，十秒后挂断"): a call that went nowhere, and
    no word of power, bills, equipment or service in it."""
    stripped = re.sub(r"[\s\W_\d]+", "", text or "")
    if not stripped:
        return True
    said_nothing = not _FILLER.sub("", _JUNK_WORDS.sub("", stripped))
    if len(stripped) <= 20 and _JUNK_WORDS.search(stripped) and said_nothing:
        return True
    if len(stripped) > 60 or not _WENT_NOWHERE.search(stripped):
        return False
    if _POWER_BACK.search(stripped):
        return False
    return not _BUSINESS.search(_CALL_ITSELF.sub("", stripped))


def _named(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` occurs in ``text`` at least once as a thing that is there now: not
    denied just before or just after it, not only feared, not past and dealt with."""
    for match in pattern.finditer(text):
        clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
        following = _CLAUSE.search(text, match.end())
        clause_end = following.start() if following else len(text)
        before = text[clause_start : match.start()].replace(" ", "")[-8:]
        after = text[match.end() : clause_end].replace(" ", "")
        if _NEGATION.search(before) or _HYPOTHETICAL.search(before):
            continue
        if _NEGATION_AFTER.fullmatch(after):
            continue
        if _in_the_past(text, match.start()):
            continue
        return True
    return False


def _in_the_past(text: str, position: int) -> bool:
    """Said of a time past ("上次", "去年") and dealt with since, with nothing still there."""
    pasts = list(_PAST.finditer(text, 0, position))
    if not pasts or _NOW_AGAIN.search(text, pasts[-1].end(), position):
        return False
    return not _STILL.search(text) and not _NOW.search(text) and bool(_DONE_RE.search(text))


def _said_in_thanks(text: str) -> bool:
    """A word of thanks about something dealt with, and no call for help now."""
    return bool(_THANKS.search(text) and _DEALT_WITH.search(text) and not _NOW.search(text))
