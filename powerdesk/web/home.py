"""The home page's panels, contributed by each area of the product.

An app registers a function that, given the request, returns a ``Panel`` for one of the home
page's slots (or ``None``). A slot that nobody fills shows its honest empty state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
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


PanelProvider = Callable[[HttpRequest], Panel | None]
_providers: dict[str, list[PanelProvider]] = {}


def register(slot: str, provider: PanelProvider) -> None:
    providers = _providers.setdefault(slot, [])
    if provider not in providers:
        providers.append(provider)


def panels_for(request: HttpRequest, slots: list[Slot]) -> list[tuple[Slot, list[Panel]]]:
    result = []
    for slot in slots:
        filled = [p for provider in _providers.get(slot.key, []) if (p := provider(request))]
        result.append((slot, filled))
    return result
