"""API tokens for systems (a telephone system, a county dashboard): one station each."""

from __future__ import annotations

import hashlib
import secrets

from django.http import HttpRequest

from powerdesk.accounts.models import ApiToken


def token_create(*, station_id: int, name: str) -> tuple[ApiToken, str]:
    """A new token; the clear key is returned once and only its hash is stored."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        station_id=station_id, name=name, key_hash=_hash(key), prefix=key[:6]
    )
    return token, key


def token_from_request(request: HttpRequest) -> ApiToken | None:
    header = request.headers.get("Authorization", "")
    scheme, _, key = header.partition(" ")
    if scheme.lower() not in ("token", "bearer") or not key:
        return None
    return (
        ApiToken.objects.select_related("station")
        .filter(key_hash=_hash(key.strip()), active=True)
        .first()
    )


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()
