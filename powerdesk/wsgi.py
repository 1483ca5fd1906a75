"""WSGI entry point for production servers."""

import os

from django.core.wsgi import get_wsgi_application

from powerdesk.ops.checks import refuse_unsafe_key
from powerdesk.ops.warmup import warm_up_started

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "powerdesk.settings")
application = get_wsgi_application()
# Gunicorn (or any WSGI host) started without `powerdesk serve`, here or on a second machine,
# refuses the secret keys `serve` refuses (ops/checks.py): the published one, none given on a
# shared database, one of this process's own.
refuse_unsafe_key("The web application (powerdesk.wsgi)")

# The call classifier and jieba load in the background as the site is loaded (the first
# caller's note then gets its suggestion at once); gunicorn's workers wait for them before their
# first request (powerdesk/ops/gunicorn_conf.py). Commands do not pay for it.
warm_up_started()
