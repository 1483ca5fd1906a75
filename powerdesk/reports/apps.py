from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "powerdesk.reports"
    verbose_name = _("Reports")
    # jieba's tagger of the topics is loaded by a web process's warm-up (``ops.warmup``), before
    # its first request; tests and commands load it when they need it.
