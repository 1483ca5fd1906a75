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
