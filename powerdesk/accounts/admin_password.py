"""A login's password set on the admin site by a station's administrator (walk56, L4 and L6).

Django's page offers to turn password-based authentication off ("they may still sign in by
single sign-on or LDAP"): the station has neither, so a login turned off that way could only be
given back by the county administrator. The station's administrator sets a password; the
county administrator (a superuser) keeps Django's choice. A login the staff page lists at the
station but shows read-only (shared with another station) is refused here with the same
reason, not answered as one of another station.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.contrib.auth.forms import AdminPasswordChangeForm

from powerdesk.accounts.admin_scoping import admin_station_ids
from powerdesk.accounts.models import User

if TYPE_CHECKING:
    from django.http import HttpRequest

__all__ = [
    "STATION_PASSWORD_TEMPLATE",
    "StationPasswordForm",
    "listed_here",
    "password_form_for",
    "superuser_asks",
]

# Django's password page less the choice to turn password-based authentication off.
STATION_PASSWORD_TEMPLATE = "accounts/admin/change_password_station.html"

# Whether the one setting a password on this request is a superuser (the admin is one object
# for every request; each request's thread or task has its own value).
superuser_asks: ContextVar[bool] = ContextVar("superuser_asks", default=False)


class StationPasswordForm(AdminPasswordChangeForm):
    """A new password, with no choice to turn password-based authentication off: a posted
    "unset-password" sets the password given (or asks for one)."""

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields.pop("usable_password", None)
        if "password1" in self.fields:
            self.fields["password1"].required = True
            self.fields["password2"].required = True


def password_form_for(superuser: bool) -> type[AdminPasswordChangeForm]:
    return AdminPasswordChangeForm if superuser else StationPasswordForm


def listed_here(request: HttpRequest, object_id: str) -> User | None:
    """The person ``object_id`` when the station's administrator sees them on the staff page of
    one of their stations (works there, no superuser) though the admin does not let them
    change the login; None otherwise."""
    ids = admin_station_ids(request)
    if ids is None:
        return None
    try:
        return (
            User.objects.filter(pk=object_id, is_superuser=False, memberships__station__in=ids)
            .distinct()
            .first()
        )
    except (ValueError, TypeError):
        return None
