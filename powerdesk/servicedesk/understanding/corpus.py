"""The training corpus of call notes: cores of how callers and duty staff put each kind of call
(``servicedesk/data/corpus_templates.txt``), said in many styles — a terse duty note, a caller
on the line, a long story, angry or polite, in the dialect of the Yunnan hills — with the places,
people, devices and numbers of a mountain station filled in.

Every note is labelled by construction and carries the core it came from (``template``), so
that a model's confidence can be calibrated on cores it has not seen. ``DATA_CARD.md`` beside
the data says how it was made and where it falls short. Regenerate the shipped file with
``python -m powerdesk.servicedesk.understanding.corpus``.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from powerdesk.servicedesk.understanding.corpus_fragments import EXTRA_SLOTS
from powerdesk.servicedesk.understanding.corpus_parts import ABOUT, FRAMES, about, compose

__all__ = ["fill_slots", "generate", "read_templates", "write_corpus"]

DATA = Path(__file__).resolve().parent.parent / "data"
TEMPLATES = DATA / "corpus_templates.txt"

SLOTS: dict[str, list[str]] = {
    "village": "左门 地索 三角 黄泥塘 梅子箐 大坝 旧城 小邑 西村 光禄 官屯 龙岗 马游 前场 弥兴 "
    "大河口 太平 适中 李家村 新街 河外".split(),
    "group": "上村 下村 干海 哔叭 新村 老村 河边 山脚 箐头 坝子 松林 石板 核桃箐 大平地 岩头 "
    "中村 田心 塘坝 水井 一 二 三 四 五 六 七".split(),
    "surname": list("李张王杨罗周赵陈刘普起自毕鲁施段何郭苏孙胡朱马"),
    "line": "10kV左门线 10kV黄泥塘线 10kV旧城线 10kV大坝线 哔叭支线 干海支线 石板支线 "
    "松林支线 35kV光禄线".split(),
    "time": "昨晚 今天早上 刚才 半夜 中午 下午三点多 昨天下午 一个小时前 今天凌晨 前天晚上 "
    "早上八点 吃过晚饭".split(),
    "appliance": "冰箱 水泵 洗衣机 打米机 电饭锅 空调 电视 磨面机 粉碎机 电磁炉 热水器 "
    "烤房风机 冰柜".split(),
    "medical": "制氧机 呼吸机 透析机 吸痰器 氧气机 雾化机".split(),
    "animal": "牛 羊 猪 马 狗 鸡".split(),
    "kid": "小孩 娃娃 几个学生 我家孙子 放牛的小娃".split(),
    "place": "养鸡场 小超市 农家乐 米线加工坊 冷库 茶厂 砖厂 烤烟房 活动室 民宿 牛圈 猪圈 "
    "蔬菜大棚 鱼塘 核桃加工厂 修车铺".split(),
    "loss": [
        "冰箱里的肉都坏了",
        "鱼塘的增氧机停了，鱼死了一塘",
        "孵的小鸡全死了",
        "店里的冻货全化了",
        "烤房里的烟叶全烤坏了",
        "做了一半的豆腐全废了",
    ],
    "loss2": [
        "我家冰箱里的东西全弄坏了",
        "我家的猪饲料机烧了",
        "我们的冻库全化了",
        "我家一炕烟叶烤糊了",
    ],
    "past_danger": ["电杆倒了", "线断在路上", "变压器冒烟", "表箱着火", "电线打火", "树压在线上"],
    **EXTRA_SLOTS,
}

OPENINGS = [
    "你好，",
    "喂，",
    "您好，",
    "师傅，",
    "供电所吗？",
    "麻烦问一下，",
    "喂喂，是供电所不，",
    "我是{village}村委会{group}组的，",
    "{village}{group}组的{surname}某反映：",
    "用户来电称",
    "客户反映",
    "来电人说",
    "村民{surname}某打电话说",
    "{village}村电工{surname}某来电：",
]
ENDINGS = [
    "。",
    "，请尽快处理。",
    "，麻烦你们来看一下。",
    "，谢谢。",
    "，联系电话同来电号码。",
    "，已告知用户。",
    "，用户在家等。",
    "！",
    "。户号{account}",
    "，电话{phone}",
]
# A second sentence that fits the kind of call, for the longer notes.
EXTRAS: dict[str, list[str]] = {
    "fault_repair": ["麻烦派人来看看", "我们在家等着", "老人小孩都在家", "晚上黑漆漆的不方便"],
    "hazard": ["怕有人碰到", "下面经常有人过", "娃娃放学要从那里过", "赶紧派人来", "太危险了"],
    "business": ["要带哪些材料", "我下午到营业厅", "能不能上门办", "证件都齐了"],
    "new_connection": ["要多久能装好", "需要哪些手续", "费用大概多少", "材料都准备好了"],
    "consultation": ["就是想问一下", "先问清楚", "麻烦告诉我一声", "不急"],
    "billing": ["麻烦帮我查一下", "我不会用手机查", "帮我看看", "谢谢了"],
    "complaint": ["我要投诉", "你们必须给个说法", "太不像话了", "再不处理我就打12398", "要求赔偿"],
    "suggestion": ["这是我们村里人的想法", "供你们参考", "大家都是这个意思", "希望采纳"],
    "praise": ["真心感谢", "村里人都说你们好", "一定要表扬", "你们辛苦了"],
}
# Complaints say what happened first, then what they complain of.
COMPLAINT_LEADS = [
    "停电{days}天了，",
    "从{time}停到现在，",
    "上个月报修的，",
    "我家是{village}{group}组的，",
    "电压不稳好几天了，",
    "我交了电费的，",
]
# How the hills say it: applied to some notes, word for word.
DIALECT = [
    ("没电", "莫得电"),
    ("没电", "没得电"),
    ("没有", "莫得"),
    ("什么", "哪样"),
    ("什么", "啥子"),
    ("怎么", "咋个"),
    ("这里", "这点"),
    ("看一下", "瞧一哈"),
    ("一下", "一哈"),
    ("不知道", "不晓得"),
    ("孩子", "娃娃"),
    ("很", "得很"),
    ("现在", "这哈"),
    ("停电了", "黑起了"),
    ("歪了", "歪起了"),
    ("那里", "那点"),
    ("什么时候", "哪阵"),
    ("怎么办", "咋个整"),
    ("快点", "快些"),
    ("没人", "莫得人"),
    ("多少", "好多"),
    ("看看", "瞧瞧"),
    ("干什么", "整哪样"),
]
# Who tells it, when it is not the caller: the duty note of a call taken for someone else.
REPORTERS = [
    "{surname}大爹打电话来说",
    "村民反映：",
    "{village}村干部转述：",
    "代{surname}某来电，",
    "他家{kin}打来说",
    "网格员说",
]
# Words of speech that a note taken down as it is said keeps.
FILLERS = ["那个，", "就是，", "嗯，", "哎呀，", "我跟你说，", "是这样的，"]


@cache
def read_templates(path: Path = TEMPLATES) -> dict[str, list[str]]:
    """The cores of each category, in file order."""
    cores: dict[str, list[str]] = {}
    category = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            category = line[1:-1]
            cores[category] = []
        elif not category:
            raise ValueError(f"{path.name}, line {number}: a core before any [category]")
        else:
            cores[category].append(line)
    return cores


def generate(
    seed: int = 2013, per_category: int = 450, composed: int = 300
) -> Iterator[dict[str, str]]:
    """Labelled notes, deterministic for a seed: ``per_category`` from the cores of each
    category, and ``composed`` put together from parts (``corpus_parts``; from the cores too
    where a category has no parts)."""
    rng = random.Random(seed)
    everything = read_templates()
    for category, cores in everything.items():
        for number in range(per_category + composed):
            if number >= per_category and category in ABOUT and rng.random() < 0.15:
                core, template = about(rng, category, everything)
            elif number >= per_category and category in FRAMES:
                core, template = compose(rng, category)
            else:
                index = rng.randrange(len(cores))
                core, template = cores[index], f"{category}/{index}"
            text = rng.choice(STYLES)(rng, category, core)
            if rng.random() < 0.3:
                text = _dialect(rng, text)
            if rng.random() < 0.1:
                text = re.sub(r"[，。！？]", " ", text).strip()
            yield {"text": fill_slots(rng, text), "category": category, "template": template}


def write_corpus(path: Path, seed: int = 2013, per_category: int = 450, composed: int = 300) -> int:
    rows = list(generate(seed, per_category, composed))
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def _plain(rng: random.Random, category: str, core: str) -> str:
    return core


def _on_the_line(rng: random.Random, category: str, core: str) -> str:
    return rng.choice(OPENINGS) + core + rng.choice(ENDINGS)


def _duty_note(rng: random.Random, category: str, core: str) -> str:
    head = rng.choice(
        [
            "{village}{group}组{surname}某（{phone}）：",
            "{village}村委会反映：",
            "来电：",
            "{time}来电，{village}{group}组，",
            "户号{account}，",
        ]
    )
    return head + core + rng.choice(["", "。", "，已登记。", "，待派单。"])


def _long(rng: random.Random, category: str, core: str) -> str:
    lead = rng.choice(["", "我是{village}{group}组的，姓{surname}，", "我们是{village}那边的，"])
    if category == "complaint":
        lead += rng.choice(COMPLAINT_LEADS)
    extra = rng.choice(EXTRAS[category])
    return rng.choice(["", "喂，", "你好，"]) + lead + core + "，" + extra + rng.choice(ENDINGS)


def _feeling(rng: random.Random, category: str, core: str) -> str:
    if category == "complaint":
        return core + rng.choice(["！", "，你们到底管不管！", "，太气人了！", "，我要投诉！"])
    if category in ("fault_repair", "hazard"):
        return core + rng.choice(["，急！", "，快点来！", "，麻烦快点", "，求求你们快来"])
    return rng.choice(["麻烦你们一下，", "不好意思打扰了，", "请问一下，"]) + core


def _reported(rng: random.Random, category: str, core: str) -> str:
    return rng.choice(REPORTERS) + core + rng.choice(["", "。", "，请处理。", "，回电{phone}"])


def _spoken(rng: random.Random, category: str, core: str) -> str:
    """As said, with the fillers of speech: "喂，那个，……嘛"."""
    return (
        rng.choice(["喂，", "", "你好，"])
        + rng.choice(FILLERS)
        + core
        + rng.choice(["嘛", "哦", "，你们看咋个整", "。", ""])
    )


def _terse(rng: random.Random, category: str, core: str) -> str:
    """The shortest duty note: place, then the matter with its commas as spaces."""
    head = rng.choice(["{village}{group}组 ", "{village} ", "{line} ", ""])
    return head + re.sub(r"[，。！？、]", " ", core).strip()


STYLES: list[Callable[[random.Random, str, str], str]] = [
    _plain,
    _on_the_line,
    _on_the_line,
    _duty_note,
    _long,
    _feeling,
    _reported,
    _spoken,
    _terse,
]


def _dialect(rng: random.Random, text: str) -> str:
    for plain, local in DIALECT:
        if plain in text and rng.random() < 0.6:
            text = text.replace(plain, local)
    return text


def fill_slots(rng: random.Random, text: str, known: dict[str, str] | None = None) -> str:
    """``text`` with its {slots} filled: from ``known`` where given, otherwise at random."""

    def value(match: re.Match[str]) -> str:
        slot = match.group(1)
        if known and slot in known:
            return known[slot]
        if slot in SLOTS:
            return rng.choice(SLOTS[slot])
        numbers = {
            "pole": lambda: f"{rng.randint(1, 60):02d}",
            "n": lambda: str(rng.randint(2, 30)),
            "hours": lambda: str(rng.randint(2, 12)),
            "days": lambda: rng.choice(["两", "三", "四", "2", "3", "5"]),
            "account": lambda: f"05{rng.randint(10**7, 10**8 - 1)}",
            "amount": lambda: str(rng.choice([50, 100, 150, 200, 300, 500])),
            "phone": lambda: f"1{rng.choice('3589')}{rng.randint(10**8, 10**9 - 1)}",
        }
        return numbers[slot]()

    # Slots inside slot values ("{village}" in an opening) are filled in a second pass.
    for _ in range(2):
        text = re.sub(r"\{(\w+)\}", value, text)
    return text


if __name__ == "__main__":
    written = write_corpus(DATA / "call_notes.jsonl")
    print(f"{written} notes written to {DATA / 'call_notes.jsonl'}")
