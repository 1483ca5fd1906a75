"""The home page's panels, contributed by each area of the product.

An app registers a function that, given the request, returns a ``Panel`` for one of the home
page's slots (or ``None``). A slot that nobody fills shows its honest empty state, unless it has
none to show (a slot that only some days or some people have, such as a county's stations).
A slot with ``roles`` is that role's own (the chief's figures, the counter's queues): the others
do not see it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.functional import Promise


@dataclass
class Panel:
    title: str | Promise
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    count: int | None = None
    link: str = ""


@dataclass(frozen=True)
class Slot:
    key: str
    title: str | Promise
    empty_text: str | Promise
    page: str = ""  # the page (URL name) whose readers see this slot; every reader if empty
    roles: frozenset[str] = frozenset()  # the roles whose own slot this is; everyone's if empty


PanelProvider = Callable[[HttpRequest], Panel | None]
_providers: dict[str, list[PanelProvider]] = {}


def register(slot: str, provider: PanelProvider) -> None:
    providers = _providers.setdefault(slot, [])
    if provider not in providers:
        providers.append(provider)


def panels_for(request: HttpRequest, slots: list[Slot]) -> list[tuple[Slot, list[Panel]]]:
    """The slots and panels the person may see: a slot of a page their roles do not open is
    left out, and so is a panel whose link leads to such a page."""
    roles: frozenset[str] = getattr(request, "roles", frozenset())
    result = []
    for slot in slots:
        if not slot_shown(request, slot):
            continue
        filled = [
            p
            for provider in _providers.get(slot.key, [])
            if (p := provider(request)) and (not p.link or _may_open_link(p.link, roles))
        ]
        if filled or slot.empty_text:
            result.append((slot, filled))
    return result


def slot_shown(request: HttpRequest, slot: Slot) -> bool:
    """Whether the person's home page has ``slot`` (their roles open its page and it is theirs):
    a panel leaves out what another slot on the same page shows them already."""
    roles: frozenset[str] = getattr(request, "roles", frozenset())
    if slot.page and not _may_open(slot.page, roles):
        return False
    return not slot.roles or bool(slot.roles & roles)


def _may_open(name: str, roles: frozenset[str]) -> bool:
    from powerdesk.accounts.pages import PAGES

    page = PAGES.get(name)
    return page is None or bool(page.view & roles)


def _may_open_link(link: str, roles: frozenset[str]) -> bool:
    try:
        match = resolve(urlsplit(link).path)
    except Resolver404:
        return True
    return _may_open(match.view_name, roles)
