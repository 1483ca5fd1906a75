from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicedeskConfig(AppConfig):
    name = "powerdesk.servicedesk"
    verbose_name = _("Service desk")

    def ready(self) -> None:
        from django.conf import settings

        from powerdesk.servicedesk import panels
        from powerdesk.servicedesk.learning import stored_corrections
        from powerdesk.servicedesk.understanding import store

        panels.register_panels()
        # The trained classifier is kept beside the station's other data, shared by the web
        # processes and the task worker that retrains it (the tests keep it in memory).
        store.use_store(getattr(settings, "CLASSIFIER_DIR", settings.DATA_DIR / "classifier"))
        store.use_corrections_from(stored_corrections)
