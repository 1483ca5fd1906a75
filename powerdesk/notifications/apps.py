from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "powerdesk.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from powerdesk.notifications.panels import failures_panel
        from powerdesk.web.home import register

        register("deadlines", failures_panel)
