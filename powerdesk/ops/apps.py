from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running PowerDesk: the production server, health, logs, backups, the audit trail."""

    name = "powerdesk.ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        # The secret key's system checks (run by serve, the worker and the WSGI application).
        from powerdesk.ops import checks  # noqa: F401
