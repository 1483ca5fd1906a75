"""What the API and the telephone webhook say, in the station's language."""

from __future__ import annotations

from django.utils.translation import gettext

from powerdesk.lib.language import station_language


def said_before_why(msgid: str) -> str:
    """``msgid`` as the station's language says it, up to the bracket that says why."""
    said = station_said(msgid, why="\x00")
    return said[: said.index("\x00") - 1]


def station_said(msgid: str, **args: object) -> str:
    """``msgid`` as the station's language says it: the API and the webhook answer in it."""
    with station_language():
        said = gettext(msgid)
    return said % args if args else said
