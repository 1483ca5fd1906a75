from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicedeskConfig(AppConfig):
    name = "powerdesk.servicedesk"
    verbose_name = _("Service desk")

    def ready(self) -> None:
        from powerdesk.servicedesk import panels
        from powerdesk.servicedesk.understanding import classifier

        panels.register_panels()
        classifier.use_corrections_from(_stored_corrections)


def _stored_corrections() -> list[tuple[str, str]]:
    """Staff corrections kept in the database (none before it is migrated)."""
    from django.db import DatabaseError

    from powerdesk.servicedesk.models import CategoryCorrection

    try:
        return list(CategoryCorrection.objects.values_list("text", "category"))
    except DatabaseError:
        return []
