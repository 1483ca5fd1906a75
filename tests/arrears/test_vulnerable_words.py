"""The household check's words escalate a case when they name someone who must not simply be cut
off, and block it when they name a medical machine — not when they plainly deny it, nor for a
word inside another (review 28: "家中无老人" and "impatient" escalated, and any 孩子 did, even one
away at work).

The reader fails safe (walk71, H1): a need in a double negative or said as what the household
cannot do without ("没有制氧机活不了", "不能没有呼吸机") counts. A denial covers the phrase it
governs (walk71, M1): "家中无老人独居、无用电医疗设备" names nothing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.arrears.vulnerable import vulnerable_named, vulnerable_read
from powerdesk.arrears.vulnerable_words import CHILDREN, ELDERLY, HARDSHIP, MEDICAL, PATIENT


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("家中老人在家", "elderly"),
        ("家中两位老人，行动不便", "elderly"),
        ("孩子独自在家", "children alone"),
        ("家里是留守儿童", "children alone"),
        ("没有病人，家里有制氧机", "medical equipment"),
        ("低保户", "hardship"),
        ("a patient at home", "patient"),
        ("家中无老人", ""),
        ("夫妻二人在家，孩子在外打工", ""),
        ("impatient about the bill", ""),
        ("not disabled", ""),
        ("", ""),
    ],
)
def test_words_name_a_need_only_when_they_say_it(words: str, kind: str) -> None:
    assert vulnerable_named(words) == kind


# A medical machine or medicine kept cold, however it is said: it blocks (walk71, H1).
MACHINES = [
    "户主父亲肺气肿，没有制氧机活不了，白天晚上都在用",
    "不能没有呼吸机",
    "户主说没有透析机器他就得去医院住",
    "离不开制氧机",
    "联络员说户主父亲长期吸氧",
    "母亲每周在家腹透三次",
    "家里有台呼吸机",
    "老人靠制氧机维持",
    "一天也不能没有氧气",
    "没有制氧机就喘不上气",
    "没有呼吸机的话人就不行了",
    "没有制氧机，活不了",
    "不用呼吸机就喘不过气",
    "没有吸氧会死",
    "户主说没有氧气机他就活不成",
    "药放在冰箱里要冷藏",
    "家里有胰岛素，要放冰箱",
    "不能断电，家里有呼吸机",
    "孩子哮喘，雾化机每天用",
    "家里有透析病人",
    "卫生室有制氧机和冰箱存放疫苗",
    "家中有人长期吸氧，靠电维持",
    "老人离不开氧",
    "mother on oxygen at night",
    "he cannot live without his ventilator",
]


@pytest.mark.parametrize("words", MACHINES)
def test_a_machine_said_in_any_way_blocks(words: str) -> None:
    read = vulnerable_read(words)
    assert (read.kind, read.blocks) == (MEDICAL, True), read
    assert read.words


# Someone who needs care, however it is said: the chief weighs it.
PEOPLE = [
    ("家中老人独居", ELDERLY),
    ("户主母亲八十多岁，一个人住", ELDERLY),
    ("老人没有子女照顾", ELDERLY),
    ("无儿无女的孤寡老人", ELDERLY),
    ("无人照顾的老人", ELDERLY),
    ("老人不在家，去赶集了", ELDERLY),
    ("有没有老人？说有一个", ELDERLY),
    ("家中无人，老人住院了", ELDERLY),
    ("不算困难，但老人独居", ELDERLY),
    ("an elderly woman lives alone", ELDERLY),
    ("父亲卧床不起", PATIENT),
    ("有残疾人", PATIENT),
    ("父亲中风，瘫痪在床", PATIENT),
    ("母亲刚做完手术", PATIENT),
    ("户主瘫痪，无人照顾", PATIENT),
    ("不是没有病人，是刚出院", PATIENT),
    ("户主父亲长期卧床，没有用制氧机", PATIENT),
    ("无法缴费，家有病人", PATIENT),
    ("是低保户", HARDSHIP),
    ("交费确有困难", HARDSHIP),
    ("家里非常困难", HARDSHIP),
    ("没有低保但很困难", HARDSHIP),
    ("孩子独自在家", CHILDREN),
    ("留守儿童跟着亲戚", CHILDREN),
]


@pytest.mark.parametrize(("words", "kind"), PEOPLE)
def test_someone_who_needs_care_escalates(words: str, kind: str) -> None:
    read = vulnerable_read(words)
    assert (read.kind, read.blocks) == (kind, False), read


# A household described as having nothing of concern (walk71, M1): nothing read.
CALM = [
    "户主在家务农，家中无老人独居、无用电医疗设备，有交费能力",
    "无独居老人",
    "没有老人独居",
    "家里无卧床病人",
    "不属于低保户",
    "没有用呼吸机",
    "家中没有病人",
    "没有人吸氧",
    "家里没有需要用电的医疗设备",
    "没有70岁以上老人",
    "不是低保户，也不是五保户",
    "无低保、无残疾人",
    "家里老人、病人都没有",
    "独居老人：无；医疗设备：无；低保：否",
    "没有留守儿童",
    "家中无人卧床，无人用制氧机",
    "户主年轻力壮，家里没有困难",
    "不存在困难",
    "没发现有病人",
    "家里没有什么困难",
    "没有孩子独自在家",
    "没有卧床的病人",
    "夫妻俩在家种烤烟，孩子读初中，无特殊情况",
    "家中无独居老人、留守儿童、重病患者",
    "不需要吸氧",
    "家中无呼吸机、制氧机等医疗设备",
    "没有人瘫痪在床",
    "并非低保户",
    "没有需要照顾的老人",
    "户主在家，在镇上做生意，答应月底缴清",
    "要透过村委会联系户主",
    "户主在卫生院上班，妻子在家",
    "no elderly or patients at home",
    "no one on oxygen",
]


@pytest.mark.parametrize("words", CALM)
def test_a_calm_description_names_nothing(words: str) -> None:
    assert vulnerable_read(words).kind == "", vulnerable_read(words)


def test_the_words_read_are_said_most_serious_first() -> None:
    read = vulnerable_read("户主父亲肺气肿，没有制氧机活不了", "组长说家中老人在家")
    assert read.words == ("制氧机", "老人", "肺气肿")


def test_a_machine_whose_use_is_over_escalates_and_does_not_block() -> None:
    read = vulnerable_read("以前用过制氧机，现在不用了")
    assert (read.kind, read.blocks) == (MEDICAL, False)


# A denial and what it lists: every one of them names nothing (walk71, M1).
_DENIALS = st.sampled_from(["无", "没有", "家中无", "家里没有", "并无", "屋里没有", "不是"])
_LISTED = st.sampled_from(
    [
        "老人",
        "独居老人",
        "老人独居",
        "卧床病人",
        "病人",
        "残疾人",
        "低保户",
        "五保户",
        "用电医疗设备",
        "制氧机",
        "呼吸机",
        "留守儿童",
        "人吸氧",
        "人用呼吸机",
        "重病患者",
    ]
)
_JOINS = st.sampled_from(["、", "和", "及", "、无", "，无", "，也没有"])
_AFTER = st.sampled_from(["", "，有交费能力", "。户主答应月底缴清", "，夫妻俩在家务农"])


@settings(max_examples=300, deadline=None)
@given(_DENIALS, st.lists(_LISTED, min_size=1, max_size=4), _JOINS, _AFTER)
def test_a_denial_covers_what_it_lists(denial: str, listed: list[str], join: str, after: str):
    words = denial + join.join(listed) + after
    assert vulnerable_read(words).kind == "", words


_DEPENDS = st.sampled_from(
    ["活不了", "他就得去医院住", "就喘不上气", "的话人就不行了", "会死", "，活不成"]
)
_MACHINES = st.sampled_from(["制氧机", "呼吸机", "透析机器", "氧气", "吸氧的机器"])


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["没有", "没", "不能没有", "离不开", "一刻也不能没有"]), _MACHINES, _DEPENDS)
def test_a_machine_the_household_cannot_do_without_blocks(
    denial: str, machine: str, depends: str
) -> None:
    read = vulnerable_read(f"户主父亲肺气肿，{denial}{machine}{depends}")
    assert (read.kind, read.blocks) == (MEDICAL, True), read
