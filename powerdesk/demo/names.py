"""Word pools for demo names, shaped like a mountain township in central Yunnan."""

from __future__ import annotations

import random

SURNAMES = (
    "李 李 李 张 张 王 王 杨 杨 杨 罗 罗 周 赵 陈 刘 起 自 普 毕 鲁 者 施 段 字 何 郭 苏 孙 胡"
    " 朱 马 鲍 常 海 夏 番 余 左 熊"
).split()
GIVEN_CHARS = list(
    "建国华明学文正光兴荣贵富有福德忠春秋秀英兰芳桂珍玉琼翠云红丽梅凤成林发祥顺金银志强平安"
)

VILLAGES = [
    # name, groups, no road access for the whole committee
    ("左门", ["干海", "哔叭", "上村", "下村", "松林"], False),
    ("地索", ["大地索", "小地索", "箐口", "石板"], False),
    ("三角", ["三角", "河边", "新村", "老村", "山脚"], False),
    ("黄泥塘", ["黄泥塘", "核桃箐", "大平地", "小平地"], False),
    ("梅子箐", ["梅子箐", "岩头", "羊圈", "箐头"], True),
    ("大坝", ["大坝", "坝尾", "中村", "田心", "塘坝"], False),
    ("旧城", ["旧城", "东营", "西营", "街子"], False),
    ("小邑", ["小邑", "大村", "麦地", "松树"], False),
    ("西村", ["西村", "水井", "龙潭", "坡头"], False),
]
# Groups crews reach only on foot, besides the whole of 梅子箐.
REMOTE_GROUPS = {("左门", "干海"), ("地索", "石板"), ("黄泥塘", "核桃箐"), ("三角", "山脚")}

BRANCH_WORDS = list("哔叭干海石岩松林竹箐坪坝湾沟坡塘井桥河")


def person_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def mobile_number(rng: random.Random) -> str:
    prefix = rng.choice(["138", "139", "150", "151", "158", "187", "188", "182", "136", "135"])
    return prefix + f"{rng.randrange(10**8):08d}"


def landline_number(rng: random.Random) -> str:
    return f"0878-{rng.choice('4567')}{rng.randrange(10**6):06d}"
