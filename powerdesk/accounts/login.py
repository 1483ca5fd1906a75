"""The login page, with a limit by address besides django-axes' lockout of one user at one
address: an address that sent ``LOGIN_FAILURES_PER_ADDRESS`` wrong logins in the last hour (a
rolling hour, by the minute: not reset when a clock hour ends), whatever usernames they named (a
password or two tried on every user: "spraying"), is refused every login until enough of them
are an hour old (429 with ``Retry-After``). A station office behind one address makes a few
typos an hour, far under the limit.

Crews' phones share their carrier's addresses with thousands of others, so someone else's
spraying must not lock them out: a browser where a user logged in before carries a signed cookie
naming that user by a hash of the login (``KNOWN_COOKIE``, a year), and that user logging in
from it is not held by the address's limit (django-axes still locks that user after five wrong
passwords)."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from powerdesk.accounts.passwords import LoginForm
from powerdesk.lib.throttle import client_address, count_rolling, rolling_left, tries_rolling

__all__ = [
    "LOGIN_FAILURES_PER_ADDRESS",
    "LOGIN_FAILURES_WINDOW",
    "LoginView",
    "address_refusal",
    "admin_login_limited",
    "count_failure",
]

LOGIN_FAILURES_PER_ADDRESS = 30
LOGIN_FAILURES_WINDOW = 3600  # seconds
_SCOPE = "login-failure"
KNOWN_COOKIE = "powerdesk_known"
KNOWN_FOR = 365 * 24 * 3600  # seconds
_KNOWN_SALT = "powerdesk.accounts.login.known"


def _known_as(username: str) -> str:
    """How the cookie names the user: not the login in clear (a shared phone's cookie jar)."""
    return hashlib.sha256(username.casefold().encode()).hexdigest()[:24]


def _known_here(request: HttpRequest) -> bool:
    """The user named in the form logged in from this browser before (its signed cookie)."""
    try:
        known = request.get_signed_cookie(KNOWN_COOKIE, salt=_KNOWN_SALT, max_age=KNOWN_FOR)
    except (KeyError, signing.BadSignature):
        return False
    named = str(request.POST.get("username", "")).strip()
    return bool(named) and bool(known) and str(known) == _known_as(named)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    authentication_form = LoginForm  # passwords bounded; a turned-off account said so

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return address_refusal(request) or super().post(request, *args, **kwargs)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        response.set_signed_cookie(
            KNOWN_COOKIE,
            _known_as(form.get_user().get_username()),
            salt=_KNOWN_SALT,
            max_age=KNOWN_FOR,
            secure=self.request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        count_failure(self.request)
        return super().form_invalid(form)


def address_refusal(request: HttpRequest) -> HttpResponse | None:
    """The 429 page for a login from an address over its limit (None: it may try), unless the
    user named logged in from this browser before."""
    address = client_address(request)
    failed = tries_rolling(_SCOPE, address, seconds=LOGIN_FAILURES_WINDOW)
    if failed < LOGIN_FAILURES_PER_ADDRESS or _known_here(request):
        return None
    left = rolling_left(
        _SCOPE, address, seconds=LOGIN_FAILURES_WINDOW, limit=LOGIN_FAILURES_PER_ADDRESS
    )
    left = max(1, left)
    response = render(
        request,
        "accounts/login_throttled.html",
        {"minutes": max(1, round(left / 60))},
        status=429,
    )
    response["Retry-After"] = str(left)
    return response


def count_failure(request: HttpRequest) -> None:
    """A wrong login from the request's address, counted towards its limit."""
    count_rolling(_SCOPE, client_address(request), seconds=LOGIN_FAILURES_WINDOW)


def admin_login_limited(login: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The administration site's login (``admin.site.login``) held by the same limit by address
    as the login page: otherwise a sprayer refused there goes on at /admin/login/, where only
    django-axes' five tries per user and address apply (probe 36, finding 1)."""

    @functools.wraps(login)
    def limited(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        if request.method != "POST":
            return login(request, extra_context)
        refused = address_refusal(request)
        if refused is not None:
            return refused
        response = login(request, extra_context)
        if not request.user.is_authenticated or not request.user.is_staff:
            count_failure(request)
        return response

    return limited
