import sys
import threading

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "powerdesk.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # jieba takes about 3 seconds to load in a process (once): a web server's worker loads it
        # beside its first requests, so that the first page of topics does not wait for it.
        # Only under gunicorn (``powerdesk serve``): tests and commands load it when they need it.
        if "gunicorn" in sys.modules:
            from powerdesk.reports.keywords import warm

            threading.Thread(target=warm, name="warm-keywords", daemon=True).start()
