"""The client's address behind nginx.

The production server hears every request from nginx, so ``REMOTE_ADDR`` is nginx's address
and every limit by address (logins, API tokens, the public page) would count all clients as
one. nginx sends the client's address in ``X-Real-IP``; it is believed only when the request
came from an address listed in ``POWERDESK_TRUSTED_PROXIES``, since anyone can write the header.
"""

from __future__ import annotations

import contextlib
import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class TrustedProxyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.trusted = frozenset(getattr(settings, "TRUSTED_PROXIES", ()))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.trusted and request.META.get("REMOTE_ADDR") in self.trusted:
            real = request.META.get("HTTP_X_REAL_IP", "").strip()
            # No address or a bad one: the proxy's own stands.
            with contextlib.suppress(ValueError):
                request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(real))
        return self.get_response(request)
