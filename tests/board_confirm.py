"""Recording an outage that texts the households below, as staff press it (the board's
"confirm" and "it is another device", "found here" on a prediction, recording one by hand): the
first press asks, saying how many households recording texts; the second button, with the
form's one-time token and the device it asked about, records."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

BOARD = "board-confirm-record"
FOUND = "found-here-record"
DECLARE = "declare-record"
# What the households' text says of the crew while none is on its way or at work.
ARRANGING = "正在安排抢修人员"


def asked_message(html: str) -> str:
    """The message the ask shows, as it would be texted."""
    said = re.search(r'data-testid="record-ask-text">(.*?)</q>', html, re.S)
    assert said is not None, "no message asked"
    return said.group(1)


def asked_form(html: str, testid: str = BOARD) -> dict[str, str]:
    """The fields the ask's form sends with its button, as a browser sends them."""
    found = re.search(rf'<form[^>]*data-testid="{testid}".*?</form>', html, re.S)
    assert found is not None, f"nothing was asked ({testid})"
    form = found.group(0)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    button = re.search(r'name="confirm_record" value="(\d+)"', form)
    assert button is not None
    return {**fields, "confirm_record": button.group(1)}


def ask_url(html: str, testid: str = BOARD) -> str:
    """Where the ask's form posts."""
    found = re.search(rf'<form method="post" action="([^"]+)"[^>]*data-testid="{testid}"', html)
    assert found is not None, f"nothing was asked ({testid})"
    return found.group(1)


def pressed_twice(
    client: Any, url: str, data: dict[str, Any], testid: str = BOARD, **extra: Any
) -> Any:
    """Press the button at ``url``, then the ask's: the second answer."""
    asked = client.post(url, data, **extra)
    assert asked.status_code == 200, asked.status_code
    html = asked.content.decode()
    form = asked_form(html, testid)
    form.pop("csrfmiddlewaretoken", None)
    return client.post(ask_url(html, testid), form, **extra)


def board_confirm(client: Any, data: dict[str, Any], **extra: Any) -> Any:
    """Press the board's button, then the ask's: the second answer."""
    return pressed_twice(client, reverse("outages:list"), data, BOARD, **extra)


def record_by_hand(client: Any, data: dict[str, Any], **extra: Any) -> Any:
    """Record a fault outage with the power off on the outages page: asked, then recorded."""
    return pressed_twice(
        client, reverse("outages:list"), {"action": "declare", **data}, DECLARE, **extra
    )
