"""Small bar charts drawn as SVG on the server, for the PDF report (no JavaScript there).

Labels are escaped and drawn in the report's CJK font; each function returns the ``<svg>``
element as safe markup for a template.

>>> print(bars(["一月"], [("2026", [1.5], "#1f77b4")], width=200, height=120)[:40])
<svg xmlns="http://www.w3.org/2000/svg"
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = ["FONT", "bars", "horizontal_bars", "text_width"]

FONT = "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif"
AXIS = "#555"
GRID = "#ddd"


def bars(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None], str]],
    *,
    width: int = 640,
    height: int = 240,
    unit: str = "",
) -> SafeString:
    """Grouped vertical bars: one group per label, one bar per series (name, values, colour).

    The legend sits above the plot, right of the unit, on one row when its names fit and one
    row a name when they do not (walkthrough 33: a long name ran off the chart's edge)."""
    left, right, top, bottom = 52, 10, 26, 34
    legend = [(name, colour, 14 + text_width(name, 11)) for name, _v, colour in series]
    one_row = sum(w for _n, _c, w in legend) + 12 * (len(legend) - 1) <= width - left - right
    rows = 1 if one_row or not legend else len(legend)
    top += 16 * (rows - 1)
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice(max((v or 0 for _n, values, _c in series for v in values), default=0))
    parts = [_open(width, height)]
    for i in range(5):
        value = top_value * i / 4
        y = top + plot_h - plot_h * i / 4
        parts.append(_line(left, y, left + plot_w, y, GRID))
        parts.append(_text(left - 4, y + 4, _fmt(value), anchor="end", size=10))
    if unit:
        parts.append(_text(4, 14, unit, size=10))
    group = plot_w / max(1, len(labels))
    bar = group * 0.8 / max(1, len(series))
    for i, label in enumerate(labels):
        x0 = left + group * i + group * 0.1
        for j, (_name, values, colour) in enumerate(series):
            found = values[i] if i < len(values) else None
            if found is None:
                continue
            h = plot_h * found / top_value if top_value else 0
            x = x0 + bar * j
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar * 0.92:.1f}" '
                f'height="{h:.1f}" fill="{colour}"/>'
            )
        parts.append(
            _text(left + group * (i + 0.5), top + plot_h + 14, label, anchor="middle", size=10)
        )
    parts.append(_line(left, top + plot_h, left + plot_w, top + plot_h, AXIS))
    if one_row:  # right-aligned, ending at the plot's right edge
        x = width - right - sum(w for _n, _c, w in legend) - 12 * (len(legend) - 1)
    for row, (name, colour, w) in enumerate(legend):
        if not one_row:
            x = left
        y = 6 + 16 * (0 if one_row else row)
        parts.append(f'<rect x="{x:.1f}" y="{y}" width="10" height="10" fill="{colour}"/>')
        parts.append(_text(x + 14, y + 9, name, size=11))
        x += w + 12
    parts.append("</svg>")
    return mark_safe("".join(parts))


def horizontal_bars(
    items: Sequence[tuple[str, float]],
    *,
    width: int = 640,
    colour: str = "#1f77b4",
    highlight: Sequence[str] = (),
    highlight_colour: str = "#d62728",
) -> SafeString:
    """One bar per item (label, value), the label on the left and the value at the bar's end."""
    row = 18
    left, right = 110, 40
    height = row * len(items) + 10
    top_value = max((v for _l, v in items), default=0) or 1
    parts = [_open(width, height)]
    for i, (label, value) in enumerate(items):
        y = 5 + row * i
        w = (width - left - right) * value / top_value
        fill = highlight_colour if label in highlight else colour
        parts.append(_text(left - 6, y + 12, label, anchor="end", size=11))
        parts.append(
            f'<rect x="{left}" y="{y + 2}" width="{w:.1f}" height="{row - 5}" fill="{fill}"/>'
        )
        parts.append(_text(left + w + 4, y + 12, _fmt(value), size=10))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def text_width(text: str, size: int) -> float:
    """About how wide ``text`` is drawn at ``size``: a CJK character a full em, others 0.6 em.

    >>> text_width("2026-12", 10)
    42.0
    """
    return sum(size if ord(ch) >= 0x2E80 else 0.6 * size for ch in text)


def _open(width: int, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}">'
    )


def _line(x1: float, y1: float, x2: float, y2: float, colour: str) -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{colour}" stroke-width="1"/>'
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 11) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="#222">{escape(text)}</text>'
    )


def _nice(value: float) -> float:
    """A round number at or above ``value`` for the top of the axis (1, 2 or 5 × 10ⁿ)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def _fmt(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"
