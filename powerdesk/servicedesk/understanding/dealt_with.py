"""A danger told and then said dealt with, and by whom (review69 L5, fifty-fourth round).

"电线掉下来了，已经处理好了" (a line came down, it has been dealt with) was urgent: the readings of
a time past (``readings_past``) need a marker of the past before the danger, and the duty's "put
right" (``context_words.PUT_RIGHT_AFTER``: "冒烟 已排除", "杆歪，已扶正") had to come right after
its words, so "掉下来了，已经…" and "昨天电线断了，你们来修好了" stayed dangers now.

Decided as a careful duty clerk would: **who dealt with it matters.**

- Dealt with by the station's people or an electrician ("供电所的人已经处理好了", "你们的人修好了",
  "电工来弄好了"), or said dealt with and nobody named ("已经处理好了", "已经修好了": how a caller
  or a duty note tells the station's work done, as "已扶正" already was), the danger is past: no
  danger call (``dealt_with_after``).
- Dealt with by the caller or a villager ("我们自己弄好了", "邻居帮忙接好了"), or by hand with a
  stick, a pole or a rope ("用棍子挑开了", "拿竹竿拨开了"): nobody trained made it safe, a line
  moved by hand may still be live — still a danger to report and to check.
- Not dealt with: asked ("处理好了吗?", "修好没有"), denied ("还没处理好", "没修好"), wanted or to
  come ("赶紧来处理好", "等你们修好", "处理好了再送电"), or come back after ("修好了又掉下来了",
  "还在打火"), or with help wanted now (``wanted._now_wanted``).

The fix is looked for in the danger's own clause and the two clauses after it.
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import context_words
from powerdesk.servicedesk.understanding.wanted import _clause_start, _now_wanted

_c = re.compile
_CLAUSE = _c(context_words.CLAUSE)
# Put right, done: the verb and its result ("处理好", "修好", "接好", "扶正", "排除", "解决");
# moving a thing away (挪, 挑, 拨) is no fix.
_FIX = _c(
    r"((处理|修|接|扶|换|弄|搞|整|抢修|架)(好|完|正|妥)|(接|换)上|修复|排除|解决|搞定|(扶|立)起来"
    # (dealt with, said right after 已: "已经处理了", "已经换了新的"; not "已经派人去处理了")
    r"|(?<=已)(处理|换)(?=了)|(?<=已经)(处理|换)(?=了))了?"
)
# …said as done: 了 after it, or 已 / 已经 / 都 / 早 before it in its clause.
_DONE_BEFORE = _c(r"(已经?|都|早就?|现已)[^，。,.]{0,6}$")
# …not asked ("处理好了吗", "修好没有", "修好了没", "弄好了不"; not "修好了没事了"), nor a step to
# come first ("处理好了再送电", "修好了才能用").
_ASKED_AFTER = _c(
    r"[了啦]?[\s]*(吗|么|嘛|没有?|不|没得|莫得|冇)?[\s]*[?？]|[了啦]?(吗|么|没有?|没得|莫得|冇)(?![^，。,.]{0,1}[事关])"
)
_NOT_YET_AFTER = _c(
    r"[了啦]?(再|才|就能|就可以|以后|之后)"
    # (or failed: "已排除失败", "修复不了")
    r"|[了啦]?[^，。,.]{0,3}(失败|不了|不掉|不住|不下|没成)"
)
# Denied, wanted or to come, before it in its clause ("还没处理好", "没修好", "赶紧来处理好",
# "等你们修好", "要处理好"; not "不过", "不用", "没想到你们这么快就修好了").
_NOT_DONE_BEFORE = _c(
    r"((?<!不)(没|未|冇|莫|不曾|不能|不会)(有)?(完全|彻底|人|人来)?|还|等|要|得|需要|请|赶紧|赶快|尽快|快点?|希望|能不能|麻烦|帮忙|帮我们?|让|叫|喊)"
    r"[^，。,.]{0,3}$"
)
# Who did it: the station's people or an electrician …
_STAFF = _c(
    r"供电所|供电局|供电公司|电力局|电力公司|电管站|所里|国网|南网|你们|您们|恁们|你们的人|电工|师傅|抢修|线路工|值班|工作人员"
)
# …or the caller, a villager or a passer-by …
_VILLAGER = _c(
    r"我们?自己|俺们?自己|咱们?自己|自己|(?<![你您恁])(我们|俺们|咱们)(?!的人来)|^(我|俺)|邻居|村里人|村里的人|村民|老乡|乡亲|大伙|大家|家里人"
    r"|我(爸|妈|老公|男人|媳妇|儿子|哥|弟)|路过的|过路的|有人"
)
# …or by hand, with a stick, a pole or a rope: nobody trained made it safe.
_BY_HAND = _c(
    r"(用|拿|找了?根?)[^，。,.]{0,3}(棍|棒|竹|竿|杆子|木头|木棒|绳|手|锄头|扁担|钩)"
    r"|(挑|拨|推|拽|扯|拉|拖|搬|拿|捡)(开|走|到一边|起来)"
)
# …said in the fix's clause or after it ("我们自己接好了，你们不用来了", "已经处理好了，是我们自己弄
# 的").
_OWN_HANDS = _c(r"自己")
# …and nothing after it come back or still there.
_BACK = _c(
    # (or the word of it disputed: "你们说修好了，根本没人来", "结果线还在地上")
    r"根本|其实|结果|没(人)?(来|修|处理|弄|管)|又|还在|还是|仍|再次|复燃|(?<!没)有点|一碰就|还[^，。,.]{0,2}(冒|打火|响|麻|烫|歪|吊|垂|掉)"
)


def dealt_with_after(text: str, end: int) -> bool:
    """The danger whose words end at ``end`` said dealt with after them, in its own clause or the
    two after it, by the station's people, an electrician or nobody named, and nothing told still
    there, come back or wanted now."""
    if _now_wanted(text):
        return False
    window_end = end
    for _ in range(3):
        following = _CLAUSE.search(text, window_end)
        if following is None:
            window_end = len(text)
            break
        window_end = following.end()
        while window_end < len(text) and _CLAUSE.match(text, window_end):
            window_end += 1
    fixes = [m for m in _FIX.finditer(text, end, window_end) if _done(text, m)]
    if not fixes:
        return False
    fix = fixes[-1]
    if _BACK.search(text, fix.end()):
        return False
    return _by_whom(text, end, fix)


def _done(text: str, fix: re.Match[str]) -> bool:
    clause_start = _clause_start(text, fix.start())
    before = text[clause_start : fix.start()].replace(" ", "")
    if _NOT_DONE_BEFORE.search(before):
        return False
    rest = text[fix.end() :]
    if _ASKED_AFTER.match(rest) or _NOT_YET_AFTER.match(rest):
        return False
    return (
        fix.group().endswith("了")
        or rest.startswith(("了", "啦"))
        or bool(_DONE_BEFORE.search(before) or fix.group().startswith(("已", "都", "早")))
    )


def _by_whom(text: str, end: int, fix: re.Match[str]) -> bool:
    """Dealt with by the station or nobody named: True; by a villager or by hand: False."""
    clause_start = _clause_start(text, fix.start())
    own = text[clause_start : fix.end()]
    if _BY_HAND.search(text, end) or _OWN_HANDS.search(text, clause_start):
        # (anywhere after the danger: "已经处理好了，用棍子挑开的"; 自己 from the fix's clause on:
        # "是我们自己弄的", "我们自己接好了，你们不用来了")
        return False
    if _STAFF.search(own):
        return True
    if _VILLAGER.search(own):
        return False
    # (nobody named in the fix's clause: what was done between the danger and it tells who)
    between = text[end:clause_start]
    return not (_BY_HAND.search(between) or _VILLAGER.search(between))
