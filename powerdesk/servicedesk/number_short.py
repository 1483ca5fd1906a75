"""A caller's number that looks a digit short or long (walk72, 8: "1890000222", ten digits,
gave "未知来电" with no word that the number looked wrong). Said beside "unknown caller", never
refused: the clerk checks it with the caller (a number typed as heard may be right after all).

China's numbers: a mobile number is 11 digits starting with 1; a fixed line dialled with its
area code is 10 to 12 digits starting with 0 (010-12345678, 0878-5711095); 86 / +86 / 0086
before either is the country code. Other numbers (a local fixed line, 7 or 8 digits; a
service number such as 95598) are not judged."""

from __future__ import annotations

from django.utils.translation import gettext as _

__all__ = ["number_looks_incomplete"]


def _national(number: str) -> str:
    """The digits as dialled within China: the country code taken off, a fixed line's 0 put
    back before its area code (+86 878 5711095 is 0878-5711095)."""
    digits = "".join(c for c in number if c.isdigit())
    for prefix in ("0086", "86"):
        rest = digits[len(prefix) :]
        if digits.startswith(prefix) and len(rest) >= 9:
            return rest if rest[0] in "01" else "0" + rest
    return digits


def number_looks_incomplete(number: str) -> str:
    """What looks wrong with ``number``'s length, said for the clerk; "" when nothing does.

    >>> number_looks_incomplete("18900002222"), number_looks_incomplete("0878-5711095")
    ('', '')
    >>> number_looks_incomplete("+86 189 0000 2222"), number_looks_incomplete("5711095")
    ('', '')
    >>> bool(number_looks_incomplete("1890000222")), bool(number_looks_incomplete("0878-57110"))
    (True, True)
    """
    digits = _national(number)
    n = len(digits)
    if digits.startswith("1") and n != 11 and n >= 9:
        return _(
            "The number has %(n)d digits: a mobile number has 11. Check it with the caller."
        ) % {"n": n}
    if digits.startswith("0") and not 10 <= n <= 12 and n >= 7:
        return _(
            "The number has %(n)d digits: a fixed line with its area code has 10 to 12. Check "
            "it with the caller."
        ) % {"n": n}
    return ""
