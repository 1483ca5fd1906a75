"""Settings for the test suite: the product's own, with a fast password hasher."""

from powerdesk.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The test client speaks plain HTTP, as `make run` serves: no redirect to HTTPS, cookies not
# HTTPS-only (the product's default with DEBUG off is TLS behind nginx: docs/deployment.md).
TLS = SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_PROXY_SSL_HEADER = None
# Static files under their own names, found in the apps' folders without a collectstatic; the
# manifest of production is tried by tests/ops/test_production_static.py.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Each test session keeps its classifier in memory: nothing a test teaches it reaches var/.
CLASSIFIER_DIR = None

# The test client's login() authenticates without a request, which django-axes refuses; the
# tests of the lockout itself (tests/ops/test_login_protection.py) turn it on.
AXES_ENABLED = False
# One cache per test process (the product's default is a file cache shared by its processes).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "template_fragments": CACHES["template_fragments"],  # noqa: F405 (in memory already)
}
ETR_DIR = None  # restoration-time models in memory, retrained as the history changes
# The board's view of the grid (outages/board_grid.py) is checked against the database at every
# refresh: a test changes a customer and looks at the board in the same second.
POWERDESK_BOARD_GRID_RECHECK = 0
# The reliability figures' weights (reliability/weights_kept.py) are weighed at every page: a
# page's query count is then the same whichever test weighed first (tests of the keeping turn it
# on, checked at every page).
POWERDESK_GRID_WEIGHTS_KEPT = False
POWERDESK_GRID_WEIGHTS_RECHECK = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import os as _os
    import tempfile as _tempfile

    # A file, not SQLite's in-memory database: the live server's request threads then each
    # open their own connection instead of sharing the test's one (concurrent requests on one
    # connection interleave their transactions, and a read cut short by another thread's
    # rollback once logged a crew out in the middle of a browser test).
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": _os.path.join(_tempfile.gettempdir(), f"powerdesk-test-{_os.getpid()}.sqlite3")
    }
