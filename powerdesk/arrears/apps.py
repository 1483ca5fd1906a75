from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArrearsConfig(AppConfig):
    name = "powerdesk.arrears"
    verbose_name = _("Arrears")

    def ready(self) -> None:
        from powerdesk.arrears import panels

        panels.register_panels()
