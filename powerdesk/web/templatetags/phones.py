"""``{{ number|phone:station.area_code }}``: a number staff typed (a crew's, a member's, a
liaison's), written as the app writes every number (``lib.phones.display_phone``)."""

from __future__ import annotations

from django import template

from powerdesk.lib.phones import display_phone

register = template.Library()


@register.filter
def phone(raw: str | None, area_code: str | None = "") -> str:
    """``raw`` as staff write numbers ("138 1234 5678"); a local number takes ``area_code``
    (the station's); as typed when it is no number that could be dialled."""
    return display_phone(raw or "", area_code=area_code or "")
