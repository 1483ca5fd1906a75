"""Telephone numbers in any written form, normalised so that a caller can be found.

``0878-1234567``, ``+86 878 123 4567`` and ``(0878)1234567`` are one number, stored as
``+868781234567``; a local number written without its area code takes the station's.
"""

from __future__ import annotations

import re

import phonenumbers

__all__ = ["InvalidPhoneNumber", "display_phone", "format_phone", "normalize_phone"]

_DIGITS = re.compile(r"\d")


class InvalidPhoneNumber(ValueError):
    """The text is not a telephone number that could be dialled."""


def normalize_phone(raw: str, *, region: str = "CN", area_code: str = "") -> str:
    """Return the E.164 form of ``raw`` (``+8613812345678``) or raise ``InvalidPhoneNumber``.

    >>> normalize_phone("0878-1234567")
    '+868781234567'
    >>> normalize_phone("+86 878 123 4567")
    '+868781234567'
    >>> normalize_phone("1234567", area_code="0878")
    '+868781234567'
    >>> normalize_phone("1881959872O")
    Traceback (most recent call last):
    ...
    powerdesk.lib.phones.InvalidPhoneNumber: '1881959872O' has a letter
    """
    text = (raw or "").strip()
    digits = "".join(_DIGITS.findall(text))
    if not digits:
        raise InvalidPhoneNumber(f"{raw!r} has no digits")
    if any(ch.isalpha() for ch in text):
        # "1881959872O" (O for 0) was read as the digits around the letter: a number no one
        # could dial, or another person's (probe76, M4). Digits, spaces, +, -, ( ) and dots.
        raise InvalidPhoneNumber(f"{raw!r} has a letter")
    if (
        area_code
        and not text.startswith("+")
        and not digits.startswith("0")
        and (7 <= len(digits) <= 8)
    ):
        text = area_code + digits
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneNumber(f"{raw!r} is not a telephone number: {exc}") from None
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        raise InvalidPhoneNumber(f"{raw!r} has the wrong number of digits")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str, *, region: str = "CN") -> str:
    """How staff write the number: ``138 1234 5678``, ``0878 123 4567``."""
    try:
        number = phonenumbers.parse(e164, region)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def display_phone(raw: str, *, area_code: str = "", region: str = "CN") -> str:
    """A number typed by staff (a crew's duty phone, a member's, a liaison's) written as the
    app writes every number (``format_phone``), whatever spacing it was typed with; as typed
    when it is not a number that could be dialled.

    >>> display_phone("13812345678"), display_phone("5711095", area_code="0878")
    ('138 1234 5678', '0878 571 1095')
    >>> display_phone("138-1234-5678"), display_phone("ask the village office"), display_phone("")
    ('138 1234 5678', 'ask the village office', '')
    """
    if not (raw or "").strip():
        return ""
    try:
        return format_phone(normalize_phone(raw, region=region, area_code=area_code), region=region)
    except InvalidPhoneNumber:
        return raw
