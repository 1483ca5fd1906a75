"""The planned outages page asks before a change that texts households (``planned_ask``): a
test presses the change, then the ask's button, as staff do; and the households below the fuse
that the ask counts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpResponse
from django.test import Client

from powerdesk.customers.models import Customer, CustomerPhone

# Two more households below the fuse with mobiles on file: with 普光荣 (one mobile, and a
# landline that gets no text), three households and four text messages (李四 has two mobiles).
WITH_MOBILES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("53250000002", "李四", ("+8613900002222", "+8613900003333")),
    ("53250000003", "王五", ("+8613900004444",)),
)


def households_below(
    cast: Any, households: Iterable[tuple[str, str, tuple[str, ...]]] = WITH_MOBILES
) -> None:
    """``households`` (account, name, phone numbers) below the fuse of the test cast
    (``tests.base``'s test case or the browser's ``cast``): in its village, group and
    transformer, each with its numbers on file."""
    for account, name, phones in households:
        customer = Customer.objects.create(
            station=cast.station_a,
            account_number=account,
            name=name,
            village=cast.village,
            group=cast.group,
            transformer=cast.transformer,
        )
        for number in phones:
            CustomerPhone.objects.create(customer=customer, number=number)


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
