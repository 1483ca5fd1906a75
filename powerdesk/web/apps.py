from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "powerdesk.web"
    verbose_name = _("Web front")

    def ready(self) -> None:
        from powerdesk.web import panels

        panels.register_builtin_panels()
