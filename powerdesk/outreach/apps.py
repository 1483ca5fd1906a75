from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "powerdesk.outreach"
    verbose_name = _("Outreach")

    def ready(self) -> None:
        from powerdesk.outreach import panels

        panels.register_panels()
