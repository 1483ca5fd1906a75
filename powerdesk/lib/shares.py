"""A share written as a percentage, one way wherever a page shows it: one decimal, so that the
same figure reads the same in every panel of a page (87.5 %, never 87.5 % here and 88 % there)."""

from __future__ import annotations

__all__ = ["percent_text"]


def percent_text(share: float | None) -> str:
    """``0.875`` → ``"87.5%"``; ``None`` (nothing to share out) → ``"—"``."""
    return "—" if share is None else f"{share * 100:.1f}%"
