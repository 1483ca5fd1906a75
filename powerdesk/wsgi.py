"""WSGI entry point for production servers."""

import os

from django.core.wsgi import get_wsgi_application

from powerdesk.ops.warmup import warm_up_started

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "powerdesk.settings")
application = get_wsgi_application()

# The call classifier and jieba load in the background as the site is loaded (the first
# caller's note then gets its suggestion at once); gunicorn's workers wait for them before their
# first request (powerdesk/ops/gunicorn_conf.py). Commands do not pay for it.
warm_up_started()
