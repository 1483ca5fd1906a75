from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "powerdesk.training"
    verbose_name = _("Staff training")

    def ready(self) -> None:
        from powerdesk.training import panels

        panels.register_panels()
