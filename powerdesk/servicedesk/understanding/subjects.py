"""What each clause of a note tells of: a clause that says what happens without saying to what
("那根线，就是去年换过的那根，又断了，掉在路上") is given the last thing named in its sentence,
so that the danger rules of ``urgency`` hear it of that thing."""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import context_words
from powerdesk.servicedesk.understanding.readings import _CLAUSE, _SENTENCE_END

__all__ = ["with_subjects"]

_c = re.compile

# What a danger is said of: a line, a pole, a box, a transformer. A clause that says what happens
# without saying to what ("那根线，就是去年换过的那根，又断了，掉在路上") is about the last of them
# named in its sentence.
_THING = _c(
    r"拉线|保险|熔断器|跌落|空开|闸|路灯|电表|"
    r"电线杆|电杆|线杆|杆子|水泥杆|木杆|电线|导线|变压气|高压线|低压线|电缆|进户线|线头|表箱|电箱|配电箱|变压器"
    r"|箱变|插座|开关|(?<![网话纤视])线|杆|树|竹子|竹|树枝|树杈"
)
_SUBJECTLESS = _c(
    r"(现在|如今|今天|今年|这回|这次|最近)?(还有|还剩)?(是?[一两二三四五六几][根相条]|另一[根相条]|另外一[根相条]|其中一[根相条]|有一[根相条]|那根|这根|那条|这条"
    # (the new one put up, or the old one, perhaps after now: "电杆换新的了，新的现在又歪起了",
    # "电杆换新的了，现在新的又歪起了")
    r"|新的|旧的|新立的|新换的|新架的|新拉的)?"
    r"(又|还|也|都|就|已经|到现在|至今|目前|早就|现在|今天|今年|仍然|仍|今早|今晚|昨晚|昨天|今天早上|早上|晚上|刚才|刚刚|这回|这次|这两天"
    r"|这几天|最近|突然|老是|总是|天天|一直|正在|在|又在|还在|[被叫让给][^，。,.]{0,6}|一下雨就?|下雨就?"
    r"|风一吹就?|一刮风就?|一合闸就?|从[^，。,.]{0,6}开始"
    # (a gust, a judgement of what comes next: "大风一刮晃得厉害", "我看随时都会倒")
    r"|大?风一?(刮|吹|来)就?|我看|看样子|眼看|随时|会)*"
    r"(断|倒|歪|斜|掉|垂|耷|吊|刮|趴|压在|搭在|拖(在|到|地)|冒|打火|着火|起火|着(?=了|起来)|在地上|在路上|烧|晃|摇|裂|往[^，。,.]{0,6}[倒歪斜]|漏电"
    r"|带电|有电|闪|滋|噼|泡在|烤得?(发烫|烫手|滚烫))"
)


_COUNTED = _c(
    r"[^，。,.!！?？一两二三四五六几另其]{0,6}?(还有|还剩|其中)?(另外?一|[一两二三四五六几])[根相条](?=[^，。,.]{0,6}"
    r"(断|倒|歪|斜|掉|垂|吊|拖|搭|压在|耷|在地上|在路上|带着电|有电|冒|打火|烂|朽|蛀|晃|摇))"
)
_LEANING = _c(r"歪|斜|倒|扶|烂|朽|蛀|晃|摇")
_CARRIED = _c(
    r"电线杆|电杆|线杆|杆子|水泥杆|木杆|电线|导线|变压气|高压线|低压线|电缆|进户线|线头|表箱|电箱|配电箱"
    r"|变压器|箱变|插座|开关|线|杆|树|竹子|竹|树枝|树杈"
)


# A line left lying somewhere, and in a clause after it said to be joined still, its subject
# left unsaid ("旧线扔在田埂上，另一头还接在杆子上", notes59): the line is what is joined, so the
# clause is given it before its "still" ("另一头线还接在杆子上"), and the rules hear a line down
# that is still live. Only after the line's own clause told it lying or left somewhere, and only
# "still joined" said plainly ("没连着", "不连了", "早剪断了": nothing is given); a clause that
# names its own line ("线头还连着") is heard as it is.
_LINE = _c(r"电线|导线|高压线|低压线|电缆|进户线|线头|线")
_LEFT_LYING = _c(
    r"(扔|丢|撂|甩|放|搁|堆|盘|落|掉|躺|拖|撇)(在|到|进)"
    r"|在[^，。,.!！?？]{0,6}(地|田|土|路|院|坝|沟|坡|草|泥|水|雪|坎)(里|上|边|中|头)"
)
_STILL_JOINED = _c(
    r"(一头|另一头|另外一头|那头|这头)?(现在|如今|到现在)?"
    r"(?=(还|仍然?|依然)(连着|接着|通着|连在|接在))"
)


# An answer to a question just asked ("已处理？未处理", "已扶正？没有"): it goes on about the same
# thing.
_ANSWER = _c(r"未|没|否|不|还|仍")
_LYING_ON = _c(r"(压|搭|挂|倒|靠|砸)(在|到)")
_BESIDE = _c(
    r"(的)?(旁边|边上|旁|下面|下头|底下|上面|上头|上挂|上贴|上的|下的|里的|附近|前面|后面|对面|那边)"
)


def with_subjects(text: str) -> str:
    """The note with each clause that tells of a danger without saying to what given the last
    thing named before it in its sentence: "那根电杆，你们上回来看过，现在往路这边斜得更厉害了" is
    read "…，电杆现在往路这边斜得更厉害了"."""
    pieces = re.split(f"({context_words.CLAUSE})", text)
    last = ""
    left_lying = False  # the clause that named ``last`` told it lying or left somewhere
    asked = ""  # the thing a question just asked was about
    out = []
    for piece in pieces:
        if _SENTENCE_END.fullmatch(piece):
            asked = last if piece in "?？" else ""
            last = ""
        elif not _CLAUSE.fullmatch(piece or " "):
            if asked and _ANSWER.match(piece):
                last = asked
            asked = ""
            things = list(_THING.finditer(piece))
            lying = _LYING_ON.match(piece)  # "压在线上了": the line is where it lies
            joined = _STILL_JOINED.match(piece)
            if last and left_lying and _LINE.fullmatch(last) and joined:
                piece = piece[: joined.end()] + last + piece[joined.end() :]
            elif last and _SUBJECTLESS.match(piece) and (not things or lying):
                piece = last + piece
            elif not things and (counted := _COUNTED.match(piece)):
                # One of several told by its count alone ("扶正了一根，另一根还歪着", "西边山坳
                # 还有一根掉在玉米地里"): the thing last named, or a pole for a lean and a line
                # for the rest.
                named = last or ("杆" if _LEANING.search(piece) else "线")
                piece = piece[: counted.end()] + named + piece[counted.end() :]
            if things:
                # (a stay wire, a fuse, a switch told of is no line or pole: nothing carried;
                # nor a thing that only says where another is: "电线杆旁边那堵墙",
                # "电线上挂着的灯笼")
                thing = things[-1]
                carried = _CARRIED.fullmatch(thing.group()) and not _BESIDE.match(
                    piece, thing.end()
                )
                last = thing.group() if carried else ""
                left_lying = bool(last) and bool(_LEFT_LYING.search(piece, thing.end()))
        out.append(piece)
    return "".join(out)
