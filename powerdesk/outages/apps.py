from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutagesConfig(AppConfig):
    name = "powerdesk.outages"
    verbose_name = _("Outages")

    def ready(self) -> None:
        from powerdesk.outages.panels import current_outages_panel
        from powerdesk.web.home import register

        register("outages", current_outages_panel)
