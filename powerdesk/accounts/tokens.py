"""API tokens for systems (a telephone system, a county dashboard): one station each."""

from __future__ import annotations

import hashlib
import secrets

from django.http import HttpRequest

from powerdesk.accounts.models import ApiToken
from powerdesk.lib.throttle import allow, client_address, tries, window_left

# Wrong keys from one address: past this many in a window, every key from it is refused until
# the window ends, so that keys cannot be guessed at the speed of the server.
TOKEN_FAILURES = 20
TOKEN_WINDOW = 60  # seconds


class TokensThrottled(Exception):
    """Too many wrong keys from this address: answer 429 with ``Retry-After``."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many wrong API tokens from this address; retry in {retry_after} s")
        self.retry_after = retry_after


def token_create(*, station_id: int, name: str) -> tuple[ApiToken, str]:
    """A new token; the clear key is returned once and only its hash is stored."""
    key = secrets.token_urlsafe(32)
    while key.startswith("-"):  # a key given on a command line must not read as an option
        key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        station_id=station_id, name=name, key_hash=_hash(key), prefix=key[:6]
    )
    return token, key


def token_from_request(request: HttpRequest) -> ApiToken | None:
    """The active token the request names, or None; raises ``TokensThrottled`` for a wrong key
    from an address that sent too many wrong keys lately.

    A right key is taken whatever its address sent: the telephone exchange and the SMS gateway
    often share an address (a NAT, a proxy) with others, and someone else's junk keys must not
    stop missed calls being logged (probe 36, finding 2). Keys are 256 random bits, so the
    limit guards the database from floods of wrong keys, not the keys from guessing."""
    header = request.headers.get("Authorization", "")
    scheme, _, key = header.partition(" ")
    if scheme.lower() not in ("token", "bearer") or not key:
        return None
    token = (
        ApiToken.objects.select_related("station")
        .filter(key_hash=_hash(key.strip()), active=True)
        .first()
    )
    if token is not None:
        return token
    address = client_address(request)
    if tries("api-token-failure", address, seconds=TOKEN_WINDOW) >= TOKEN_FAILURES:
        raise TokensThrottled(window_left(TOKEN_WINDOW))
    allow("api-token-failure", address, limit=TOKEN_FAILURES, seconds=TOKEN_WINDOW)
    return None


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()
