"""The station's API tokens, for its administrator (``Do.API_TOKENS``): the list (name, first
characters, who made it and when, when it expires, its last use, whether it is active), making
one (its key shown once, with how to send it) and turning one off (asked first; who and when
recorded). The services are ``accounts.tokens``'."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from powerdesk.accounts.models import ApiToken
from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page, station_queryset
from powerdesk.accounts.tokens import (
    DEFAULT_EXPIRY,
    EXPIRIES,
    EXPIRY_LABELS,
    TokenError,
    api_token_make,
    api_token_turn_off,
)
from powerdesk.lib.forms import TYPED_KEPT

# The key of a token just made, kept in the session from the form's answer to the page it
# redirects to, which shows it once and forgets it.
_NEW_KEY = "api-token-new"
# How long a key waits there to be shown (a redirect not followed leaves it no longer).
_NEW_KEY_SECONDS = 600


@require_http_methods(["GET", "HEAD", "POST"])
@station_page("accounts:api_tokens")
def api_tokens(request: StationRequest) -> HttpResponse:
    errors: dict[str, str] = {}
    typed = {"name": "", "expires": DEFAULT_EXPIRY}
    token_of_form = ""
    if request.method == "POST":
        post = request.POST
        token_of_form = post.get("form_token", "")[:64]
        typed = {"name": post.get("name", "")[:TYPED_KEPT], "expires": post.get("expires", "")}
        try:
            token, key = api_token_make(
                station=request.station,
                user=request.user,
                name=post.get("name", ""),
                expires=post.get("expires", ""),
                form_token=token_of_form,
            )
        except TokenError as exc:
            errors = exc.wrong
        else:
            if key is not None:
                request.session[_NEW_KEY] = {
                    "pk": token.pk,
                    "key": key,
                    "at": timezone.now().timestamp(),
                }
            else:
                messages.info(
                    request,
                    _(
                        "This form was sent already: it made the token “%(name)s”, whose key "
                        "is shown only once."
                    )
                    % {"name": token.name},
                )
            return redirect("accounts:api_tokens")
    new = _new_key(request)
    response = render(
        request,
        "accounts/api_tokens.html",
        {
            "tokens": _listed(request),
            "new": new,
            "api_url": request.build_absolute_uri("/api/v1/"),
            "expiries": [(name, EXPIRY_LABELS[name]) for name in EXPIRIES],
            "typed": typed,
            "errors": errors,
            "form_error": errors.get("", ""),
            # A refused form keeps its token: sent again once corrected, it still makes one.
            "form_token": token_of_form or secrets.token_urlsafe(24),
        },
        status=400 if errors else 200,
    )
    # The page may hold a key in clear: no cache keeps it.
    add_never_cache_headers(response)
    return response


def _new_key(request: StationRequest) -> dict[str, object] | None:
    """The token just made and its key, once (taken out of the session as it is shown)."""
    kept = request.session.pop(_NEW_KEY, None)
    if not isinstance(kept, dict):
        return None
    if timezone.now().timestamp() - float(kept.get("at", 0)) > _NEW_KEY_SECONDS:
        return None
    pk = kept.get("pk")
    if not isinstance(pk, int):
        return None
    token = station_queryset(request, ApiToken).filter(pk=pk).first()
    if token is None:
        return None
    return {"token": token, "key": str(kept.get("key", ""))}


def _listed(request: StationRequest) -> list[ApiToken]:
    now = timezone.now()
    tokens = list(station_queryset(request, ApiToken).select_related("created_by", "off_by"))
    for token in tokens:
        token.state = (  # type: ignore[attr-defined]
            "off" if not token.active else "expired" if token.expired(now) else "active"
        )
    return tokens


@require_http_methods(["GET", "HEAD", "POST"])
@station_page("accounts:api_token_off")
def api_token_off(request: StationRequest, pk: int) -> HttpResponse:
    """Turn a token off: the page says which token and what stops working, and asks first; the
    POST of its button (``confirm``) turns it off. Another station's token answers 404."""
    token = get_for_user(request, ApiToken.objects.select_related("created_by", "off_by"), pk=pk)
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        token.state = (  # type: ignore[attr-defined]
            "off" if not token.active else "expired" if token.expired() else "active"
        )
        return render(request, "accounts/api_token_off.html", {"token": token})
    if api_token_turn_off(token=token, user=request.user):
        messages.success(
            request,
            _("The token “%(name)s” is turned off: a request with its key is refused from now on.")
            % {"name": token.name},
        )
    else:
        messages.info(
            request,
            _("The token “%(name)s” was turned off already (%(by)s, %(at)s).")
            % {
                "name": token.name,
                "by": token.off_by or _("the system"),
                "at": timezone.localtime(token.off_at).strftime("%Y-%m-%d %H:%M")
                if token.off_at
                else "—",
            },
        )
    return redirect("accounts:api_tokens")
