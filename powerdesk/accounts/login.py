"""The login page, with a limit by address besides django-axes' lockout of one user at one
address: an address that sends ``LOGIN_FAILURES_PER_ADDRESS`` wrong logins in a window, whatever
usernames they named (a password or two tried on every user: "spraying"), is refused every login
until the window ends (429 with ``Retry-After``). A station office behind one address makes a
few typos an hour, far under the limit."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from powerdesk.lib.throttle import allow, client_address, tries, window_left

__all__ = ["LOGIN_FAILURES_PER_ADDRESS", "LOGIN_FAILURES_WINDOW", "LoginView"]

LOGIN_FAILURES_PER_ADDRESS = 30
LOGIN_FAILURES_WINDOW = 3600  # seconds
_SCOPE = "login-failure"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        address = client_address(request)
        if tries(_SCOPE, address, seconds=LOGIN_FAILURES_WINDOW) >= LOGIN_FAILURES_PER_ADDRESS:
            left = window_left(LOGIN_FAILURES_WINDOW)
            response = render(
                request,
                "accounts/login_throttled.html",
                {"minutes": max(1, round(left / 60))},
                status=429,
            )
            response["Retry-After"] = str(left)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        allow(
            _SCOPE,
            client_address(self.request),
            limit=LOGIN_FAILURES_PER_ADDRESS,
            seconds=LOGIN_FAILURES_WINDOW,
        )
        return super().form_invalid(form)
