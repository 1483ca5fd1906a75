"""Masking what would name someone in the free text staff wrote (the cause, what to tell
callers) before it leaves the station: the public page, the texts households and liaisons get,
the liaison's page (``outages.outward``, the one way out).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from powerdesk.customers.models import Customer

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station

__all__ = ["Redactor"]

# Common surnames (of the Han, and of the Yi and others of Chuxiong: 普, 起, 字, 者), without
# those that make everyday words with 老 or 小 (老化, 小时, 老房子, 小路, 小车, 小区, 老石头) or
# begin a place's name here (田心).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘蒋蔡余杜叶程苏"
    "魏吕丁沈任姚卢姜崔钟谭陆汪范金廖贾夏韦付傅方邹熊白孟秦邱侯江尹薛段雷黎史龙陶贺顾毛郝龚"
    "邵万钱严覃武戴莫孔汤向常殷施鲁普起字者自杞番查骆柏左"
)
# Surnames that make everyday words after 老 or 小 as well (老毛病, 老林子, 小钱, 小孔, 一小段,
# 小范围, 小程序, 老字号, 老者): only a title after them names someone.
NOT_AFTER_OLD = "毛林钱孔段范程字者"
# What people are called by after their surname: their post, their trade, their age.
TITLES = (
    "副所长",
    "所长",
    "站长",
    "主任",
    "经理",
    "书记",
    "支书",
    "师傅",
    "班长",
    "组长",
    "村长",
    "队长",
    "会计",
    "老师",
    "医生",
    "大爷",
    "大妈",
    "大娘",
    "大姐",
    "大哥",
    "阿姨",
    "老板",
    "奶奶",
    "爷爷",
)


class Redactor:
    """Masks in staff's free text what would name someone: a run of five or more digits (a
    phone or an account number) and the name of any of the station's customers, liaisons or
    staff. Names are read once, on the first text that needs it.

    A number is masked however it is written: a run of five digits or more, or groups of three
    digits or more split by a space, a hyphen or a dot that read as a number (``_a_number``):
    "139 8765 4321", as the app writes a mobile itself; "(0878) 571 1095"; "571 1095"; an
    account number in fours. A date or a time ("2026-12-03 18:30", groups of two), a span of
    years or of clock times ("2025-2026年度", "0830-1130") and figures listed ("100 200 300
    号杆") stay (review 28, M2).

    Someone named the way people speak of each other is masked too, whether or not the station
    has them on file: a surname with a title ("杨所长", "王师傅", "李主任") or "老"/"小" with a
    surname ("老李", "小张"), so that "杨所长说…" typed on the board is never texted to a
    village (walk64, H1). Surnames that begin everyday words ("老化", "小时", "老房子") are not
    read as one."""

    MASK = "＊＊"
    DIGITS = re.compile(r"\d{5,}")
    GROUPED = re.compile(r"\(?\d{3,}\)?(?:[ \-.\u00a0\u3000－]\(?\d{3,}\)?)+")
    TITLED = re.compile(
        rf"[{SURNAMES}](?:{'|'.join(TITLES)})"
        # 老李, 小张; not a tree or a thing (老杨树, 老柏树, 小王子).
        rf"|[老小][{''.join(c for c in SURNAMES if c not in NOT_AFTER_OLD)}](?![树子])"
    )

    def __init__(self, station: Station) -> None:
        self.station = station
        self._names: list[str] | None = None

    def __call__(self, text: str) -> str:
        if not text:
            return ""
        text = self.GROUPED.sub(self._grouped, text)
        text = self.DIGITS.sub(self.MASK, text)
        text = self.TITLED.sub(self.MASK, text)
        for name in self.names():
            if name in text:
                text = text.replace(name, self.MASK)
        return text

    def _grouped(self, found: re.Match[str]) -> str:
        groups = ["".join(str(int(c)) for c in g) for g in re.findall(r"\d+", found.group())]
        return self.MASK if _a_number(groups) else found.group()

    def names(self) -> list[str]:
        if self._names is None:
            from powerdesk.accounts.models import User
            from powerdesk.community.models import Liaison

            # One query: read wherever staff's words go out (a page, each notice's facts).
            found = set(
                Customer.objects.for_station(self.station)
                .order_by()
                .values_list("name", flat=True)
                .union(
                    Liaison.objects.for_station(self.station)
                    .order_by()
                    .values_list("name", flat=True),
                    User.objects.filter(memberships__station=self.station)
                    .order_by()
                    .values_list("full_name", flat=True),
                )
                .order_by()
            )
            # Longest first, so that a name inside a longer one does not leave half of it.
            self._names = sorted((n for n in found if len(n) >= 2), key=len, reverse=True)
        return self._names


# Two groups of four that are a span, not a number: years ("2025-2026") or clock times
# written without the colon ("0830-1130").
YEAR = re.compile(r"(?:19|20)\d\d")
HHMM = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
# How a mobile ("139…") or a number with its area code ("0878…") begins.
NUMBER_START = re.compile(r"0|1[3-9]")


def _a_number(groups: list[str]) -> bool:
    """Whether digit groups (ASCII digits, as written, split by a space or a hyphen) read as a
    phone or an account number: ten digits or more; seven or more beginning as a mobile or an
    area code does; or a local number ("571 1095", "8571 1095"). Not a span of years or of
    clock times, nor figures listed in threes ("100 200 300")."""
    digits = "".join(groups)
    if len(digits) < 7:
        return False
    if len(groups) == 2 and _a_span(groups):
        return False
    if len(digits) >= 10 or NUMBER_START.match(digits):
        return True
    return len(groups) == 2 and len(groups[1]) == 4


def _a_span(groups: list[str]) -> bool:
    """Two years, or two clock times without the colon."""
    return all(YEAR.fullmatch(g) for g in groups) or all(HHMM.fullmatch(g) for g in groups)
