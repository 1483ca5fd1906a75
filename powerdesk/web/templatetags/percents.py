"""Percentages on every page, written one way (``lib.shares``): ``{{ rate|percent }}`` (a share,
0.818 → "81.8%") and ``{{ part|percent_of:whole }}``; "—" when there is nothing to share out."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import floatformat

from powerdesk.lib import shares

register = template.Library()

# A model's probability is never a certainty: one that rounds to 100.0% (or 0.0%) is said so.
_SURE = 0.999


@register.filter
def percent(share: float | None) -> str:
    """``{{ f.in_time_rate|percent }}``: "81.8%"."""
    return shares.percent_text(share)


@register.filter
def percent_of(part: float | None, whole: float | None) -> str:
    """``{{ c.in_time|percent_of:c.resolved }}``: "81.8%"; "—" of nothing."""
    return shares.percent_of(part, whole)


@register.filter
def rs1(value: float | None) -> str:
    """``{{ row.year.rs1|rs1 }}``: "99.7595" (RS-1's own four decimals); "—" of none."""
    return shares.rs1_text(value)


@register.filter
def rs1_percent(value: float | None) -> str:
    """``{{ row.shown.year.rs1|rs1_percent }}``: "99.7595%"; "—" of none (never "—%")."""
    text = shares.rs1_text(value)
    return text if value is None else f"{text}%"


@register.filter
def figure(value: float | None, digits: int) -> str:
    """``{{ row.shown.year.saidi|figure:1 }}``: "12.3" (``floatformat``); "—" of none (not
    known: no customers, or no outage on record), never 0.0."""
    return shares.NONE if value is None else floatformat(value, digits)


@register.filter
def minutes(value: float | None, digits: int = 1) -> str:
    """``{{ row.shown.month.saidi|minutes }}``: SAIDI in minutes, "12.3", two decimals below one
    minute ("0.05", never "0.0" for a real outage); "—" of none (``shares.minutes_text``)."""
    return shares.minutes_text(value, digits)


@register.filter
def confidence(share: float | None) -> str:
    """``{{ suggestion.confidence|confidence }}``: the classifier's calibrated probability as a
    percentage, "81.8%"; one that would round to "100.0%" is ">99.9%" and one to "0.0%" is
    "<0.1%" (the model is never certain)."""
    if share is not None and share > _SURE:
        return ">" + shares.percent_text(_SURE)
    if share is not None and share < 1 - _SURE:
        return "<" + shares.percent_text(1 - _SURE)
    return shares.percent_text(share)
