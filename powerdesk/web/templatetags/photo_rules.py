"""What a photo input takes, from the bounds the server checks (``lib.photos``): said beside the
input (``{% photo_rules %}``), and checked by the page before anything is sent
(``{% photo_input_attrs %}`` on the input; ``powerdesk.js`` refuses a file too large at once, so
a crew on a village's mobile data does not wait for an upload the server would refuse)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from powerdesk.lib.photos import PHOTO_MAX_BYTES, photo_rules_said, photo_too_big_said

register = template.Library()


@register.simple_tag
def photo_rules() -> str:
    """ "JPEG/PNG/WebP/HEIC, at most 15 MB each"."""
    return photo_rules_said()


@register.simple_tag
def photo_input_attrs() -> SafeString:
    """The attributes of a photo input the page checks before sending: the bound in bytes and
    what it says of a file over it (``{name}``: the file's name)."""
    return format_html(
        ' data-photo-max-bytes="{}" data-photo-too-big="{}"',
        PHOTO_MAX_BYTES,
        photo_too_big_said("{name}"),
    )
