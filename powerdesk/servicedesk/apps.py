from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicedeskConfig(AppConfig):
    name = "powerdesk.servicedesk"
    verbose_name = _("Service desk")

    def ready(self) -> None:
        from powerdesk.servicedesk import panels

        panels.register_panels()
