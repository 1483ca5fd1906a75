"""Passwords bounded, and a login's refusals said as they are (probe73 L10, walk73 L3).

A password has at most ``PASSWORD_MAX`` characters: one longer is refused when it is set or
changed (``MaximumLengthValidator``, saying the limit). A password set before that limit still
logs in, and can be changed for a shorter one: the login and the password page's current
password take up to ``STORED_PASSWORD_MAX`` (Django's own bound of old), past which nothing is
hashed. Checking a long password costs no more than a short one (PBKDF2 hashes the password once,
then iterates on the digest: 8 characters and 2,000,000 both took 1.2-1.3 s here), so the
shorter bound is for what people choose, not for the server's time.

A turned-off account whose right password was given is told so, to ask the station's
administrator, instead of "the user name or password is wrong" (the person would try again
until locked out); a wrong password never says whether the name exists or is turned off. Every
login runs the password hasher once (``LoginBackend``), whether the name is unknown, the
password wrong or the account turned off: the time taken says none of them (review73 L7: a
turned-off account's password was hashed twice).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import check_password_with_timing_attack_mitigation, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.debug import sensitive_variables

__all__ = [
    "PASSWORD_MAX",
    "STORED_PASSWORD_MAX",
    "BoundedPasswordChangeForm",
    "LoginBackend",
    "LoginForm",
    "MaximumLengthValidator",
]

PASSWORD_MAX = 128  # a password set or changed
STORED_PASSWORD_MAX = 4096  # a password given to be checked: one set before PASSWORD_MAX was
_TURNED_OFF = "powerdesk_login_turned_off"  # on the request: the right password, account off


def _too_long(limit: int = PASSWORD_MAX) -> str:
    return ngettext(
        "A password has at most %(count)d character.",
        "A password has at most %(count)d characters.",
        limit,
    ) % {"count": limit}


class MaximumLengthValidator:
    """``AUTH_PASSWORD_VALIDATORS``' bound: a password set or changed (the password page, the
    administration's, ``changepassword``) has at most ``PASSWORD_MAX`` characters."""

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) > PASSWORD_MAX:
            raise ValidationError(_too_long(), code="password_too_long")

    def get_help_text(self) -> str:
        return _too_long()


def _bounded(field: forms.Field, limit: int = PASSWORD_MAX) -> None:
    """``field`` refuses more than ``limit`` characters, saying the limit, before any hashing or
    validator reads it."""
    assert isinstance(field, forms.CharField)
    field.validators.append(_LongRefused(limit))
    field.widget.attrs["maxlength"] = str(limit)


class _LongRefused:
    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, value: str) -> None:
        if len(value or "") > self.limit:
            raise ValidationError(_too_long(self.limit), code="password_too_long")


class LoginBackend(ModelBackend):
    """Django's ``ModelBackend``, the password hashed once on every path: a turned-off account's
    right password is marked on the request (for ``LoginForm`` to say so) instead of being
    checked again by the form, and every refusal ends the search (``PermissionDenied``), so the
    ``ModelBackend`` listed after this one (for the sessions it logged in before) never hashes
    the same password a second time."""

    @sensitive_variables("password")
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        model = get_user_model()
        if username is None:
            username = kwargs.get(model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        try:
            user = model._default_manager.get_by_natural_key(username)
        except model.DoesNotExist:
            user = None
        if not check_password_with_timing_attack_mitigation(user, password):
            raise PermissionDenied  # the name unknown or the password wrong: hashed once
        if self.user_can_authenticate(user):
            return user
        if request is not None:
            setattr(request, _TURNED_OFF, True)
        raise PermissionDenied


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "inactive": gettext_lazy(
            "This account is turned off. Ask your station's administrator to turn it on again."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bounded(self.fields["password"], STORED_PASSWORD_MAX)

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except ValidationError:
            self._turned_off()  # the right password of a turned-off account: said so
            raise

    def _turned_off(self) -> None:
        """The account is turned off and its right password was given: ``LoginBackend`` said
        so on the request, the password hashed once as for any other login."""
        if self.request is not None and getattr(self.request, _TURNED_OFF, False):
            raise ValidationError(self.error_messages["inactive"], code="inactive")


class BoundedPasswordChangeForm(PasswordChangeForm):
    """The password page's form: the new password bounded as any set, the current one as the
    login's (one set before the bound can be changed for a shorter one)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bounded(self.fields["old_password"], STORED_PASSWORD_MAX)
        for name in ("new_password1", "new_password2"):
            _bounded(self.fields[name])
