"""The fifty-third round's shapes of danger, joined to ``danger_shapes.MORE`` (and so to
``danger_words.DANGERS``), from the dangers of ``hand70`` the rules missed, each as a class of
wording a careful clerk counts as a danger to life:

- a crane, a lorry crane or a digger whose arm, jib or bucket touches a line, said of the machine
  ("吊机的臂碰着上面的电线了", "吊车的大臂挂到高压线了"): the machine is live, whoever is in it or
  beside it; not a crane only near a line or feared to touch it ("怕碰着电线"), not one that did
  not ("没碰着"), nor a pole hit ("碰着电线杆");
- a submarine or river cable surfaced ("海里的电缆浮起来了", "海缆露出水面了"): boats' propellers
  and anchors catch it, and its sheath torn is a live conductor in the water;
- a line fallen said verb first with 倒 ("倒下来的电线", as "掉下来的电线" is), not a pole
  ("倒下来的电线杆") nor advice ("倒下来的电线不要碰");
- a beast by a line, or a line with beasts by it, and then one counted fallen ("羊跑到倒下来的电线
  边上去了 两只 一只已经倒了"), not counted as standing ("一只都没倒").

Whether each is there now, denied, feared, asked about or past is read by ``readings`` as for
every other danger.

>>> import re
>>> bool(re.search(ROUND53["line down or low"], "码头上吊机的臂碰着上面的电线了"))
True
>>> bool(re.search(ROUND53["line down or low"], "吊车没碰着电线"))
False
>>> bool(re.search(ROUND53["line down or low"], "渔民讲海里的电缆浮起来了"))
True
>>> bool(re.search(ROUND53["line down or low"], "倒下来的电线杆"))
False
"""

from __future__ import annotations

# A line (not a pole, a road, a trough or a pipe; not a net's, a phone's or a stay wire), and a
# beast, as the fiftieth round's shapes name them (``danger_shapes`` imports them from here).
LINE = r"(电线|导线|高压线|低压线|(?<![网话纤视播衣电拉])线)(?![杆路槽管])"
BEAST = r"(牛|羊|马|猪|狗|驴|骡)(崽|仔|娃|儿|子)?"

# A machine that lifts or digs, and the part of it that reaches up.
_LIFTER = r"(吊车|吊机|起重机|汽车吊|随车吊|塔吊|吊塔|挖机|挖掘机|钩机|勾机|泵车|高空车|斗臂车)"
_ARM = r"(的|格)?(大臂|吊臂|长臂|臂杆|臂|吊钩|钩子|钩|挖斗|铲斗|斗|杆子|杆)?"
# …touching a line: the verb and its result together ("碰着", "挂到", "搭在"), so that "碰不着"
# and "没碰到" are not; nothing denied between the machine and the verb.
_TOUCHES = r"(碰|挨|搭|挂|刮|顶|戳|勾|钩|擦|蹭)(着|到|住|在|上)"
_CRANE_ON_A_LINE = (
    rf"{_LIFTER}{_ARM}[^，。,.!！?？没不未冇莫]{{0,4}}{_TOUCHES}[^，。,.!！?？]{{0,4}}"
    r"(电线|导线|高压线|低压线|电缆|(?<![网话纤视播衣电拉])线)(?![杆路槽管])"
)
# A cable under the sea or a river come up ("海缆浮起来了", "过江电缆露出水面").
_CABLE_SURFACED = (
    # (not a cable trench's cover or a pit's lid: "电缆沟盖板浮起来了", review69 L4)
    r"(海缆|海底电缆|海底线|过海电缆|过江电缆|过河电缆|水下电缆|电缆(?![沟井槽桥盖管]))"
    r"[^，。,.!！?？没不未冇]{0,4}"
    r"(浮起来|浮上来|浮出|浮在水面|漂起来|漂上来|漂在水面|露出水面|冒出水面|翻上来)"
    r"|(海缆|海底电缆|过海电缆|过江电缆|水下电缆)[^，。,.!！?？没不未冇]{0,3}(露出来|露着|露起|露在外)"
)
# Fallen, said verb first with 倒 (not advice: "倒下来的电线不要碰").
_FALLEN_FIRST = (
    rf"倒下来[一两几]?(个|根|条|截|段){LINE}"
    rf"|倒下来的{LINE}(?![^，。,.]{{0,6}}(不要|别|莫|不能|千万|不准|嫑|不许|离远))"
)
# A beast by a line (or a line with beasts by it), and one of them then counted fallen or lying
# still ("一只已经倒了").
_COUNTED_DOWN = r"(只|头|匹|条)(已经|都|也|还|又)?(倒(了|下|在|地)|躺倒|不动了|没气了)"
_BEAST_COUNTED_DOWN = (
    rf"{BEAST}[^。!！?？]{{0,12}}{LINE}[^。!！?？]{{0,16}}{_COUNTED_DOWN}"
    rf"|{LINE}[^。!！?？]{{0,8}}{BEAST}[^。!！?？]{{0,12}}{_COUNTED_DOWN}"
)

ROUND53: dict[str, str] = {
    "line down or low": f"{_CRANE_ON_A_LINE}|{_CABLE_SURFACED}|{_FALLEN_FIRST}",
    "person or animal near live equipment": _BEAST_COUNTED_DOWN,
}
