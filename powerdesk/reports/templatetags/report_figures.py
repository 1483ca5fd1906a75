"""The monthly report's figures written one way on its page and in its PDF, as its workbook
formats them (``sheets.PERCENT``): a rate as a percentage with one decimal (81.8%), rounded
half up as a spreadsheet rounds, never 82% in one and 81.8% in the other."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template

from powerdesk.reports.sheets import PERCENT_DECIMALS

register = template.Library()

NONE = "—"


def percent_text(rate: float | None) -> str:
    """A rate (0.818…) as the report writes it: "81.8%"; "—" for none (nothing to count)."""
    if rate is None:
        return NONE
    # From the rate's shortest decimal form (0.2875, not 0.28749999…), so that 23/80 is 28.8%.
    shown = (Decimal(repr(float(rate))) * 100).quantize(
        Decimal(1).scaleb(-PERCENT_DECIMALS), rounding=ROUND_HALF_UP
    )
    return f"{shown}%"


@register.filter
def percent(rate: float | None) -> str:
    """``{{ f.in_time_rate|percent }}``: "81.8%"."""
    return percent_text(rate)


@register.filter
def percent_of(part: int | None, whole: int | None) -> str:
    """``{{ c.in_time|percent_of:c.resolved }}``: the share as a percentage; "—" of nothing."""
    if not whole or part is None:
        return NONE
    return percent_text(part / whole)
