"""Who made a record: a person signed in, or a system through the API key it called with
(``ApiToken``: a system's, no person). Shared by the records a key may make: a work order's
callback (``servicedesk.Callback.by_key``), an outage callback's tries (``tried_by_key``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    from powerdesk.accounts.models.core import User

__all__ = ["api_key_field", "who_made"]


def api_key_field(verbose_name: str | _StrPromise) -> models.ForeignKey[Any, Any]:
    """The API key a record was made with: none for a person's (or a household's text); kept
    when the key is deleted as none (turned off, a key stays)."""
    return models.ForeignKey(
        "accounts.ApiToken",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


def who_made(user: User | None, key: Any) -> str:
    """Who made it: the person; else the API key a system made it with, by its name (as the
    audit names a key: walk73b 3); "" for neither (the household's text, or not known)."""
    if user is not None:
        return str(user)
    if key is not None:
        return gettext("API key: %(name)s") % {"name": key.name}
    return ""
