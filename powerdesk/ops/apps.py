from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running PowerDesk: the production server, health, logs, backups, the audit trail."""

    name = "powerdesk.ops"
    verbose_name = _("Operations")
