"""``{% board_row r %}``: one row of the outage board, drawn once while it stays the same
(``outages/board_html.py``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from powerdesk.outages.board_html import render_row

register = template.Library()


@register.simple_tag(takes_context=True)
def board_row(context: template.Context, row: Any) -> SafeString:
    return render_row(context, row)


@register.simple_tag
def power_back_hows() -> list[tuple[str, str]]:
    """The ways power comes back with no crew sent (``power_back_how``), for the restore form:
    the same for every row, in the page's language."""
    from powerdesk.outages.power_back_how import PowerBackHow

    return [(str(code), str(label)) for code, label in PowerBackHow.choices]
