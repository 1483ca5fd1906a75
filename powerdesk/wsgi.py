"""WSGI entry point for production servers."""

import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "powerdesk.settings")
application = get_wsgi_application()


def _train_classifier() -> None:
    from django.db import connections

    from powerdesk.servicedesk.understanding.store import default_classifier

    try:
        default_classifier()
    finally:
        connections.close_all()


# The call classifier (scikit-learn) is trained on first use, which takes seconds; a server
# trains it while it waits for its first requests, so the first caller's note gets its
# suggestion at once. Commands do not pay for it.
threading.Thread(target=_train_classifier, name="train-classifier", daemon=True).start()
