"""The board's "confirm" (and "it is another device") as staff press it: the first press asks,
saying how many households recording texts; the second button, with the form's one-time token
and the device it asked about, records."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

ASK_FORM = re.compile(r'<form[^>]*data-testid="board-confirm-record".*?</form>', re.S)


def asked_form(html: str) -> dict[str, str]:
    """The fields the ask's form sends with its button, as a browser sends them."""
    found = ASK_FORM.search(html)
    assert found is not None, "the board's confirm did not ask"
    form = found.group(0)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    button = re.search(r'name="confirm_record" value="(\d+)"', form)
    assert button is not None
    return {**fields, "confirm_record": button.group(1)}


def board_confirm(client: Any, data: dict[str, Any], **extra: Any) -> Any:
    """Press the board's button, then the ask's: the second answer."""
    asked = client.post(reverse("outages:list"), data)
    assert asked.status_code == 200, asked.status_code
    form = asked_form(asked.content.decode())
    form.pop("csrfmiddlewaretoken", None)
    return client.post(reverse("outages:list"), form, **extra)
