"""The settings of what a browser may load and of login lockouts, imported by ``settings``: the
site's content security policy (scripts only from the site itself; images also from the map's
tile server when one is set) and django-axes' lockout after a few wrong passwords. Cookies, TLS
and HSTS follow DEBUG and stay in ``settings``.
"""

from __future__ import annotations

from powerdesk.lib.env import env_int, env_str

__all__ = [
    "AXES_CLIENT_IP_CALLABLE",
    "AXES_COOLOFF_TIME",
    "AXES_ENABLE_ACCESS_FAILURE_LOG",
    "AXES_FAILURE_LIMIT",
    "AXES_LOCKOUT_CALLABLE",
    "AXES_LOCKOUT_PARAMETERS",
    "AXES_RESET_ON_SUCCESS",
    "AXES_VERBOSE",
    "SECURE_CSP",
]

# Scripts only from this site (vendored htmx and Leaflet, our own files): no inline script and
# no inline handler (onchange=...) runs. Styles may be inline (style="..." on elements).
# Images also from the map tile server when one is set.
_TILES_ORIGIN = ""
if env_str("POWERDESK_MAP_TILES", "").startswith(("https://", "http://")):
    from urllib.parse import urlsplit

    _tiles = urlsplit(env_str("POWERDESK_MAP_TILES", ""))
    _TILES_ORIGIN = f"{_tiles.scheme}://{_tiles.netloc}"
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *([_TILES_ORIGIN] if _TILES_ORIGIN else [])],
    "connect-src": ["'self'"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# Login protection (django-axes): a user at one address is locked out after a few wrong
# passwords in a row, for a while; the login page says so and until when.
AXES_FAILURE_LIMIT = env_int("POWERDESK_LOGIN_FAILURES", 5, minimum=1, maximum=100)
AXES_COOLOFF_TIME = env_int("POWERDESK_LOGIN_LOCKOUT_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "powerdesk.ops.views.locked_out"
# The address is REMOTE_ADDR, which nginx's proxy must make the client's (see lib/throttle.py).
AXES_CLIENT_IP_CALLABLE = "powerdesk.lib.throttle.client_address"
AXES_VERBOSE = False
