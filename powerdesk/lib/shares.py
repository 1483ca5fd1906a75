"""A share written as a percentage, one way wherever a page shows it to staff (the monthly
report and its workbook, satisfaction, the voice of the customer, the call classifier's
confidence at intake, the home's figures): one decimal, rounded half up from the share's
shortest decimal form as a spreadsheet rounds (23/80 is 28.8 %, not 28.7 %), so that the same
figure reads the same in every panel, page and file (87.5 %, never 87.5 % here and 88 % there).
Templates use the ``percent`` and ``percent_of`` filters (``{% load percents %}``)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "NONE",
    "PERCENT_DECIMALS",
    "RS1_DECIMALS",
    "minutes_text",
    "percent_of",
    "percent_text",
    "rs1_text",
]

# A percentage's decimals on every page and in the monthly report's workbook (``sheets.PERCENT``).
PERCENT_DECIMALS = 1
# RS-1 (supply reliability, DL/T 836) is the one exception, written with four decimals on every
# page and in the report: a rural station's year lies between 99.5 % and 99.99 %, which one
# decimal would write 99.5…100.0 — a station with hours off written as "100.0", perfect.
RS1_DECIMALS = 4
NONE = "—"


def percent_text(share: float | None) -> str:
    """``0.875`` → ``"87.5%"``; ``None`` (nothing to share out) → ``"—"``."""
    if share is None:
        return NONE
    # From the share's shortest decimal form (0.2875, not 0.28749999…), so that 23/80 is 28.8%.
    shown = (Decimal(repr(float(share))) * 100).quantize(
        Decimal(1).scaleb(-PERCENT_DECIMALS), rounding=ROUND_HALF_UP
    )
    return f"{shown}%"


def percent_of(part: float | None, whole: float | None) -> str:
    """``part`` of ``whole`` as a percentage; ``"—"`` of nothing."""
    if not whole or part is None:
        return NONE
    return percent_text(part / whole)


def rs1_text(rs1: float | None) -> str:
    """RS-1 as a percentage figure (``99.7595``; ``RS1_DECIMALS``, rounded half up), ``"—"``
    when there is none (no customers, or no outage ever recorded: ``reliability_known``)."""
    if rs1 is None:
        return NONE
    return str(
        Decimal(repr(float(rs1))).quantize(Decimal(1).scaleb(-RS1_DECIMALS), rounding=ROUND_HALF_UP)
    )


def minutes_text(minutes: float | None, digits: int = 1) -> str:
    """SAIDI (minutes per customer) as every page and the report write it: ``digits`` decimals
    (``12.3``), but two below one minute, so that a real outage never reads "0.0" (28 households
    off for 14 minutes of 8031 is ``0.05``, walk74 finding 9), and ``<0.01`` for a positive figure
    smaller still; ``"—"`` when there is none."""
    if minutes is None:
        return NONE
    value = float(minutes)
    if 0 < abs(value) < 1:
        digits = max(digits, 2)
        if abs(value) < 0.005:
            return "<0.01" if value > 0 else "-<0.01"
    shown = Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return str(shown)
