"""What the public page's tests send back of its report form."""

from __future__ import annotations

import re


def form_tokens(html: str) -> dict[str, str]:
    """The hidden fields of the report form, as a browser would send them."""
    return dict(re.findall(r'name="(area|form_token)" value="([^"]+)"', html))
