"""API tokens for systems (a telephone system, a county dashboard): one station each.

The station's administrator makes and turns them off on its page (``accounts:api_tokens``,
``Do.API_TOKENS``); the ``create_api_token`` command makes them on the server. Each has an
expiry chosen as it is made (``EXPIRIES``: 90 days, a year, or never); an expired or turned-off
key is refused with a 401 that says so (``TokenRefused``). The last use (when, from which
address) is written at most once a minute a token, so that a busy telephone system does not
write on every request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from typing import TYPE_CHECKING

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from powerdesk.accounts.models import ApiToken
from powerdesk.accounts.permissions import Do, require
from powerdesk.lib.form_text import text_typed
from powerdesk.lib.forms import FieldError
from powerdesk.lib.throttle import allow, client_address, tries, window_left

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

log = logging.getLogger(__name__)

# Wrong keys from one address: past this many in a window, every key from it is refused until
# the window ends, so that keys cannot be guessed at the speed of the server.
TOKEN_FAILURES = 20
TOKEN_WINDOW = 60  # seconds

# How long a new token lasts, by the choice's name (None: it never expires).
EXPIRIES: dict[str, dt.timedelta | None] = {
    "90d": dt.timedelta(days=90),
    "1y": dt.timedelta(days=365),
    "never": None,
}
EXPIRY_LABELS = {
    "90d": gettext_lazy("90 days"),
    "1y": gettext_lazy("1 year"),
    "never": pgettext_lazy("a token's expiry", "never"),
}
DEFAULT_EXPIRY = "1y"

# A token's last use is written again only once this long has passed since the last write.
USE_NOTED_EVERY = dt.timedelta(minutes=1)

NAME_LONGEST = 60  # ApiToken.name


class TokensThrottled(Exception):
    """Too many wrong keys from this address: answer 429 with ``Retry-After``."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            _("Too many wrong API tokens from this address; try again in %(seconds)d s.")
            % {"seconds": retry_after}
        )
        self.retry_after = retry_after


class TokenRefused(Exception):
    """A key the station made, no longer good: expired, or turned off. Answered 401 saying
    which and since when (the system's people then know to ask for a new one), not as a wrong
    key: it is not counted against the address."""

    def __init__(self, token: ApiToken) -> None:
        # In the language of the answer (the station's: ``lib.language``), at the station's time
        # as its pages show it (walk38, 11: an ISO time in English).
        if not token.active and token.off_at is not None:
            detail = _(
                "This API token was turned off on %(when)s; ask the station for a new one."
            ) % {"when": _day(token.off_at)}
        elif not token.active:
            detail = _("This API token was turned off; ask the station for a new one.")
        else:
            detail = _("This API token expired on %(when)s; ask the station for a new one.") % {
                "when": _day(token.expires_at)
            }
        super().__init__(detail)
        self.detail = detail


class TokenError(FieldError):
    """The page's form would not make a token (``field``: name or expires)."""


def expiry_at(choice: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """When a token made now with ``choice`` (a key of ``EXPIRIES``) expires."""
    length = EXPIRIES[choice]
    return None if length is None else (now or timezone.now()) + length


def token_create(
    *,
    station_id: int,
    name: str,
    expires: str = DEFAULT_EXPIRY,
    by: User | None = None,
    form_token: str = "",
) -> tuple[ApiToken, str]:
    """A new token; the clear key is returned once and only its hash is stored."""
    key = secrets.token_urlsafe(32)
    while key.startswith("-"):  # a key given on a command line must not read as an option
        key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        station_id=station_id,
        name=name,
        key_hash=_hash(key),
        prefix=key[:6],
        expires_at=expiry_at(expires),
        created_by=by,
        form_token=form_token,
    )
    return token, key


def api_token_make(
    *, station: Station, user: User | None, name: str, expires: str, form_token: str
) -> tuple[ApiToken, str | None]:
    """A token made from the station's page: ``name`` (what will use it) and ``expires`` (a key
    of ``EXPIRIES``) checked, each refusal at its field. The form's one-time ``form_token``
    makes one token however often it is sent: a repeat returns the first one's token and no
    key (its key was given to the first answer only)."""
    require(user, station, Do.API_TOKENS)
    # Read as every name typed in PowerDesk is (``form_text.text_typed``): bounded, a NUL
    # refused, bidirectional controls taken out ("evil\u202egnp.exe" shown as "evilexe.png"),
    # invisible characters alone refused (probe73 L3).
    name, said = text_typed(_("What will use it"), name, NAME_LONGEST)
    wrong = {"name": said, "expires": ""}
    if not name and not said:
        wrong["name"] = _("Say what will use the token, e.g. the telephone system.")
    if expires not in EXPIRIES:
        wrong["expires"] = _("Choose when the token expires.")
    if any(wrong.values()):
        raise TokenError(wrong=wrong)
    if not form_token:
        raise TokenError(_("The form was not sent whole; no token was made."))
    try:
        with transaction.atomic():
            return token_create(
                station_id=station.pk, name=name, expires=expires, by=user, form_token=form_token
            )
    except IntegrityError:
        earlier = ApiToken.objects.filter(station=station, form_token=form_token).first()
        if earlier is None:
            raise
        return earlier, None


def api_token_turn_off(*, token: ApiToken, user: User | None) -> bool:
    """Turn ``token`` off, recording who and when; False when it was off already (turned off
    meanwhile, or the same form sent twice: nothing is written over)."""
    require(user, token.station_id, Do.API_TOKENS)
    now = timezone.now()
    changed = ApiToken.objects.filter(pk=token.pk, active=True).update(
        active=False, off_at=now, off_by=user
    )
    token.refresh_from_db()
    return bool(changed)


def token_from_request(request: HttpRequest) -> ApiToken | None:
    """The active token the request names, or None; raises ``TokensThrottled`` for a wrong key
    from an address that sent too many wrong keys lately, and ``TokenRefused`` for a key of the
    station's that expired or was turned off.

    A right key is taken whatever its address sent: the telephone exchange and the SMS gateway
    often share an address (a NAT, a proxy) with others, and someone else's junk keys must not
    stop missed calls being logged (probe 36, finding 2). Keys are 256 random bits, so the
    limit guards the database from floods of wrong keys, not the keys from guessing."""
    header = request.headers.get("Authorization", "")
    scheme, _sep, key = header.partition(" ")
    if scheme.lower() not in ("token", "bearer") or not key:
        return None
    token = ApiToken.objects.select_related("station").filter(key_hash=_hash(key.strip())).first()
    if token is not None:
        now = timezone.now()
        if not token.active or token.expired(now):
            raise TokenRefused(token)
        _note_use(token, client_address(request), now)
        return token
    address = client_address(request)
    if tries("api-token-failure", address, seconds=TOKEN_WINDOW) >= TOKEN_FAILURES:
        raise TokensThrottled(window_left(TOKEN_WINDOW))
    allow("api-token-failure", address, limit=TOKEN_FAILURES, seconds=TOKEN_WINDOW)
    return None


def _note_use(token: ApiToken, address: str, now: dt.datetime) -> None:
    """Write when and from where ``token`` was used, unless it was written in the last minute:
    the row read says so without a write, and the update's own condition keeps two processes
    from both writing. A write that fails (the database busy) loses a last use, not the
    request."""
    if token.last_used_at is not None and now - token.last_used_at < USE_NOTED_EVERY:
        return
    try:
        with transaction.atomic():
            ApiToken.objects.filter(pk=token.pk).filter(
                Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - USE_NOTED_EVERY)
            ).update(last_used_at=now, last_used_from=address)
    except DatabaseError:
        log.warning("the last use of API token %s was not written", token.pk, exc_info=True)
        return
    token.last_used_at, token.last_used_from = now, address


def _day(at: dt.datetime | None) -> str:
    """A time as people at the station read it: its local month, day and time ("12-05 12:04"),
    with its year when that is not this one."""
    if at is None:
        return ""
    local = timezone.localtime(at)
    return (
        f"{local:%m-%d %H:%M}"
        if local.year == timezone.localdate().year
        else f"{local:%Y-%m-%d %H:%M}"
    )


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()
