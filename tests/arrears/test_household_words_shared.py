"""The household check and the call-note reader read a medical need by one list of words
(``servicedesk.understanding.without_it``, fifty-sixth round): the household check reads the
same as before, and where it blocks a cut for a machine the household cannot do without, the
call-note reader hears a medical need in the same words said with the power off (it missed "不能
没有呼吸机" and "没有制氧机活不了" before)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.arrears.vulnerable import vulnerable_read
from powerdesk.servicedesk.understanding.urgency import findings


@pytest.mark.parametrize(
    ("words", "check", "kind"),
    [
        ("户主父亲长期吸氧", "block", "medical equipment"),
        ("不能没有呼吸机", "block", "medical equipment"),
        ("一刻也不能没有氧气", "block", "medical equipment"),
        ("没有制氧机活不了", "block", "medical equipment"),
        ("没有呼吸机，他活不了", "block", "medical equipment"),
        ("没有透析机器他就得去医院住", "block", "medical equipment"),
        ("以前用制氧机，现在不用了", "escalate", "medical equipment"),
        ("不是没有病人", "escalate", "patient"),
        ("家中老人在家", "escalate", "elderly"),
        ("无人照顾的老人", "escalate", "elderly"),
        ("家中无老人独居、无用电医疗设备", "clear", ""),
        ("没有用呼吸机", "clear", ""),
        ("没有老人和小孩单独在家", "clear", ""),
        ("老人、病人都没有", "clear", ""),
        ("有没有老人", "escalate", "elderly"),
        ("不属于低保户", "clear", ""),
    ],
)
def test_the_household_check_reads_as_before(words: str, check: str, kind: str) -> None:
    read = vulnerable_read(words)
    assert (read.check, read.kind) == (check, kind), read


_WHO = st.sampled_from(["户主父亲", "家里老人", "我妈", ""])
_MACHINES = st.sampled_from(["制氧机", "呼吸机", "透析机器", "氧气", "吸氧的机器"])
_SAID = st.sampled_from(
    [
        ("不能没有", ""),
        ("一刻也不能没有", ""),
        ("一天都不能没有", ""),
        ("没有", "活不了"),
        ("没有", "就不行"),
        ("没有", "就得去医院住"),
        ("没有", "就喘不上气"),
        ("没有", "的话活不了"),
        ("没有", "，活不成"),
        ("离不开", ""),
        ("不用", "的话人就不行了"),
        # and the calm ones, read calm by both
        ("没有", ""),
        ("没有用", "的"),
        ("家里没有人用", ""),
    ]
)


@settings(max_examples=150, deadline=None)
@given(_WHO, _SAID, _MACHINES)
def test_a_cut_blocked_for_a_machine_is_a_medical_need_on_a_call(
    who: str, said: tuple[str, str], machine: str
) -> None:
    denial, after = said
    words = f"{who}{denial}{machine}{after}"
    blocks = vulnerable_read(words).blocks
    assert findings(f"停电了，{words}").medical == blocks, words
