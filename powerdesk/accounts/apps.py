from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "powerdesk.accounts"
    verbose_name = _("Accounts and stations")

    def ready(self) -> None:
        # ``is_staff`` follows the administrator's role as memberships change.
        from powerdesk.accounts import role_grants  # noqa: F401
