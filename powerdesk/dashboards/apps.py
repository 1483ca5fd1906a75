from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """The chief's figures as charts, each drilling down to its rows, and each role's home."""

    name = "powerdesk.dashboards"
    verbose_name = _("Dashboards")

    def ready(self) -> None:
        from powerdesk.dashboards import panels

        panels.register_panels()
