"""The keywords chart of the monthly PDF ("用户反映的热点"), the voice page's table and the
workbook's sheet list the keywords by their count, the most first (walk74 finding 10: the bars
read 停电 105, 电表 21, 电费 25, 欠费 10, 电压低 6, 电压 18, in the order of their TF-IDF weight)."""

from __future__ import annotations

import re

from powerdesk.reports.keywords import Trend
from powerdesk.reports.svg import horizontal_bars
from powerdesk.reports.voice import Keyword, MonthVoice


def voice() -> MonthVoice:
    counts = [("停电", 105, 0.9), ("电表", 21, 0.5), ("电费", 25, 0.4), ("欠费", 10, 0.3)]
    counts += [("电压低", 6, 0.2), ("电压", 18, 0.1), ("跳闸", 18, 0.15)]
    keywords = tuple(
        Keyword(
            word=w,
            weight=weight,
            trend=Trend(count=n, notes=200, prior_counts=(1,) * 6, prior_notes=(200,) * 6),
        )
        for w, n, weight in counts
    )
    return MonthVoice(
        year=2026,
        month=12,
        calls=250,
        notes=200,
        keywords=keywords,
        villages=(),
        categories=(),
        places=(),
        category_months=(),
    )


def test_the_keywords_are_listed_by_count_the_most_first() -> None:
    v = voice()
    words = [k.word for k in v.by_count]
    # a tie (18) by weight: 跳闸 before 电压
    assert words == ["停电", "电费", "电表", "跳闸", "电压", "欠费", "电压低"]
    svg = horizontal_bars([(k.word, k.trend.count) for k in v.by_count[:12]])
    shown = [int(n) for n in re.findall(r">(\d+)</text>", svg)]
    assert shown == sorted(shown, reverse=True), shown


def test_the_pdf_chart_the_page_and_the_sheet_use_that_order() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "powerdesk" / "reports"
    assert "f.voice.by_count[:12]" in (root / "pdf.py").read_text()
    assert "for k in found.by_count" in (root / "views.py").read_text()
    assert "for k in v.by_count" in (root / "workbook_more.py").read_text()
