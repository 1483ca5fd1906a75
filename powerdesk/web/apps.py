from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "powerdesk.web"
    verbose_name = _("Web front")

    def ready(self) -> None:
        from django.db.models import fields

        from powerdesk.web import panels

        panels.register_builtin_panels()
        # The empty choice of every select Django makes (the admin's actions, a model's
        # choices): Django 6.1's "- Select an option -" has no Chinese yet, so it is ours
        # (walkthrough 31, finding 19; Django's documented way: set it in ready()).
        fields.BLANK_CHOICE_LABEL = _("- Choose -")
