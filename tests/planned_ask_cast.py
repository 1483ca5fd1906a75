"""The planned outages page asks before a change that texts households (``planned_ask``): a
test presses the change, then the ask's button, as staff do."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.http import HttpResponse
from django.test import Client


def ask_fields(response: HttpResponse) -> dict[str, str]:
    """The ask's form on the page: its carried fields, its token and its button's value."""
    html = response.content.decode()
    assert 'data-testid="planned-ask"' in html, "the page does not ask"
    form = html.split('data-testid="planned-ask"')[1].split("</form>")[0]
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    fields.pop("csrfmiddlewaretoken", None)
    (confirm,) = re.findall(r'name="confirm_planned" value="([^"]+)"', form)
    return {**fields, "confirm_planned": confirm}


def press_twice(client: Client, url: str, data: Mapping[str, Any], **kw: Any) -> HttpResponse:
    """The change's button, then the ask's button (what it answers)."""
    first = client.post(url, data)
    return client.post(url, ask_fields(first), **kw)
